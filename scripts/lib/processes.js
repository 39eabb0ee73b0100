'use strict';
// Child processes of `npm start`: always on the Node that runs this script (Node 24), and
// tracked, so that Ctrl-C during a build or an import stops them too.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const runningChildren = new Set();

/** PATH with this script's Node first: npm, node-gyp and n8n must not fall back to the system's Node 20. */
function pathWithCurrentNodeFirst(env) {
	return [path.dirname(process.execPath), env.PATH].filter(Boolean).join(path.delimiter);
}

/**
 * The outer `npm start` exports npm_config_* / npm_package_* variables that describe this repo;
 * an npm or n8n run in another folder must not inherit them.
 */
function withoutNpmVariables(env) {
	return Object.fromEntries(
		Object.entries(env).filter(([name]) => !/^npm_/i.test(name) && name !== 'INIT_CWD'),
	);
}

function npmCommand() {
	// When started by npm, use the very same npm; otherwise the one on PATH.
	const npmCli = process.env.npm_execpath;
	return npmCli && /npm-cli\.js$/.test(npmCli)
		? { command: process.execPath, prefixArgs: [npmCli] }
		: { command: 'npm', prefixArgs: [] };
}

function openAppendOnlyLog(logFile) {
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	return fs.openSync(logFile, 'a');
}

/**
 * Runs a command to completion. Output goes to `logFile` when given, else to this console.
 * Resolves with { code, signal }; never rejects for a non-zero exit.
 */
function runCommand(command, args, { cwd, env = process.env, logFile } = {}) {
	const logFd = logFile ? openAppendOnlyLog(logFile) : undefined;
	const stdio = logFd === undefined ? 'inherit' : ['ignore', logFd, logFd];
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { cwd, env, stdio });
		runningChildren.add(child);
		const finish = () => {
			runningChildren.delete(child);
			if (logFd !== undefined) fs.closeSync(logFd);
		};
		child.once('error', (error) => {
			finish();
			reject(error);
		});
		child.once('exit', (code, signal) => {
			finish();
			resolve({ code, signal });
		});
	});
}

function runNpm(args, options) {
	const { command, prefixArgs } = npmCommand();
	return runCommand(command, [...prefixArgs, ...args], options);
}

function stopRunningChildren(signal) {
	for (const child of runningChildren) child.kill(signal);
}

function isProcessAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

function describeExit({ code, signal }) {
	return signal ? `killed by ${signal}` : `exit code ${code}`;
}

function lastLinesOf(file, count) {
	try {
		const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
		return lines.slice(-count);
	} catch {
		return [];
	}
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

module.exports = {
	pathWithCurrentNodeFirst,
	withoutNpmVariables,
	runCommand,
	runNpm,
	stopRunningChildren,
	isProcessAlive,
	describeExit,
	lastLinesOf,
	sleep,
};
