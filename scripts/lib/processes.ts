// Child processes of `npm start`: always on the Node that runs this script (Node 24), and
// tracked, so that Ctrl-C during a build or an import stops them too.
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface ProcessExit {
	code: number | null;
	signal: NodeJS.Signals | null;
}

export interface RunOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	/** Output goes here when given, else to this console. */
	logFile?: string;
}

const runningChildren = new Set<ChildProcess>();

/** PATH with this script's Node first: npm, node-gyp and n8n must not fall back to the system's Node 20. */
export function pathWithCurrentNodeFirst(env: NodeJS.ProcessEnv): string {
	return [path.dirname(process.execPath), env.PATH].filter(Boolean).join(path.delimiter);
}

/**
 * The outer `npm start` exports npm_config_* / npm_package_* variables that describe this repo;
 * an npm or n8n run in another folder must not inherit them.
 */
export function withoutNpmVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
	return Object.fromEntries(
		Object.entries(env).filter(([name]) => !/^npm_/i.test(name) && name !== 'INIT_CWD'),
	);
}

function npmCommand(): { command: string; prefixArgs: string[] } {
	// When started by npm, use the very same npm; otherwise the one on PATH.
	const npmCli = process.env.npm_execpath;
	return npmCli && /npm-cli\.js$/.test(npmCli)
		? { command: process.execPath, prefixArgs: [npmCli] }
		: { command: 'npm', prefixArgs: [] };
}

function openAppendOnlyLog(logFile: string): number {
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	return fs.openSync(logFile, 'a');
}

/** Runs a command to completion; never rejects for a non-zero exit. */
export function runCommand(command: string, args: string[], { cwd, env = process.env, logFile }: RunOptions = {}): Promise<ProcessExit> {
	const logFd = logFile ? openAppendOnlyLog(logFile) : undefined;
	const stdio: StdioOptions = logFd === undefined ? 'inherit' : ['ignore', logFd, logFd];
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

export function runNpm(args: string[], options?: RunOptions): Promise<ProcessExit> {
	const { command, prefixArgs } = npmCommand();
	return runCommand(command, [...prefixArgs, ...args], options);
}

export function stopRunningChildren(signal: NodeJS.Signals): void {
	for (const child of runningChildren) child.kill(signal);
}

export function isProcessAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

export function describeExit({ code, signal }: ProcessExit): string {
	return signal ? `killed by ${signal}` : `exit code ${code}`;
}

export function lastLinesOf(file: string, count: number): string[] {
	try {
		const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
		return lines.slice(-count);
	} catch {
		return [];
	}
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
