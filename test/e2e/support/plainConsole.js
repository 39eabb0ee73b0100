// The steps print progress (scripts/lib's `say`); jest's console would wrap every line in a stack trace.
const { Console } = require('node:console');

globalThis.console = new Console({ stdout: process.stdout, stderr: process.stderr });
