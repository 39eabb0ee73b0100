// One-shot n8n CLI commands (imports), run before the server starts: with SQLite, n8n's CLI
// and a running server should not write the same database at once.
import type { StartConfig } from './config';
import { n8nEnvironment } from './n8nEnvironment';
import { describeExit, lastLinesOf, runCommand } from './processes';

export async function runN8nCommand(config: StartConfig, args: string[]): Promise<void> {
	const result = await runCommand(process.execPath, [config.n8nBin, ...args], {
		cwd: config.userFolder, // n8n reads a .env from its working folder; the repo's is not for it
		env: n8nEnvironment(config),
		logFile: config.logFile,
	});
	// n8n's import commands log their errors but may still exit 0, so callers verify the outcome.
	if (result.code !== 0) {
		const tail = lastLinesOf(config.logFile, 15).map((line) => `    | ${line}`).join('\n');
		throw new Error(`n8n ${args[0]} failed (${describeExit(result)}). Last lines of ${config.logFile}:\n${tail}`);
	}
}
