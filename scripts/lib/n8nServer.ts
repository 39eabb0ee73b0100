// The long-running `n8n start` process: started in its own process group, so that one Ctrl-C
// reaches it once (forwarded by us) rather than twice (n8n treats a second signal as "die now").
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';

import type { StartConfig } from './config';
import { n8nEnvironment } from './n8nEnvironment';
import { describeExit, isProcessAlive, lastLinesOf, sleep, type ProcessExit } from './processes';
import { say } from './say';

const READY_TIMEOUT_MS = 240_000;
const STOP_TIMEOUT_MS = 60_000; // n8n's own graceful shutdown allows 30 s

export interface N8nServer {
	child: ChildProcess;
	exited: Promise<ProcessExit>;
	hasExited(): boolean;
}

function isPortInUse(host: string, port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = net.connect({ host, port });
		socket.setTimeout(1_000);
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('timeout', () => {
			socket.destroy();
			resolve(false);
		});
		socket.once('error', () => resolve(false));
	});
}

function readPidFile(config: StartConfig): number | undefined {
	const pid = Number(fs.readFileSync(config.pidFile, 'utf8').trim());
	return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Refuses to start a second n8n on the same user folder or ports. */
export async function assertNoN8nRunning(config: StartConfig): Promise<void> {
	const previousPid = fs.existsSync(config.pidFile) ? readPidFile(config) : undefined;
	if (previousPid && isProcessAlive(previousPid)) {
		throw new Error(
			`An n8n started by an earlier \`npm start\` is still running (pid ${previousPid}, user folder ` +
				`${config.userFolder}). Stop it first: kill -INT ${previousPid}`,
		);
	}
	fs.rmSync(config.pidFile, { force: true });
	for (const [port, what] of [
		[config.port, 'n8n'],
		[config.brokerPort, "n8n's task broker"],
	] as const) {
		if (await isPortInUse(config.host, port)) {
			throw new Error(
				`Port ${config.host}:${port} (for ${what}) is already in use. Stop whatever listens there, ` +
					'or choose other ports with LEAD_MONITOR_PORT=<port> (the broker takes port + 1).',
			);
		}
	}
}

/** `n8n start` by default; queue mode's workers are `n8n worker` with an environment of their own. */
export function startN8nServer(config: StartConfig, { args = ['start'], env = n8nEnvironment(config) }: { args?: string[]; env?: NodeJS.ProcessEnv } = {}): N8nServer {
	const logFd = fs.openSync(config.logFile, 'a');
	const child = spawn(process.execPath, [config.n8nBin, ...args], {
		cwd: config.userFolder,
		env,
		stdio: ['ignore', logFd, logFd],
		detached: true,
	});
	fs.closeSync(logFd);
	const exited = new Promise<ProcessExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
	fs.writeFileSync(config.pidFile, `${child.pid}\n`);
	exited.then(() => fs.rmSync(config.pidFile, { force: true }));
	return { child, exited, hasExited: () => child.exitCode !== null || child.signalCode !== null };
}

export function logTail(config: StartConfig, count = 30): string {
	return lastLinesOf(config.logFile, count).map((line) => `    | ${line}`).join('\n');
}

async function isReady(config: StartConfig): Promise<boolean> {
	try {
		const response = await fetch(`${config.baseUrl}/healthz/readiness`, { signal: AbortSignal.timeout(2_000) });
		return response.ok;
	} catch {
		return false;
	}
}

/** Waits until /healthz/readiness says the database is migrated and the server fully up. */
export async function waitUntilReady(config: StartConfig, server: N8nServer): Promise<void> {
	const deadline = Date.now() + READY_TIMEOUT_MS;
	let nextProgressAt = Date.now() + 15_000;
	while (Date.now() < deadline) {
		if (server.hasExited()) {
			const exit = await server.exited;
			throw new Error(`n8n exited while starting (${describeExit(exit)}). Last lines of ${config.logFile}:\n${logTail(config)}`);
		}
		if (await isReady(config)) return;
		if (Date.now() >= nextProgressAt) {
			say.detail(`still waiting for ${config.baseUrl}/healthz/readiness… (log: ${config.logFile})`);
			nextProgressAt = Date.now() + 15_000;
		}
		await sleep(500);
	}
	throw new Error(
		`n8n did not become ready within ${READY_TIMEOUT_MS / 1000}s. Last lines of ${config.logFile}:\n${logTail(config)}`,
	);
}

/** Forwards the signal once, waits for n8n's graceful shutdown, and kills its group if it hangs. */
export async function stopN8nServer(server: N8nServer, signal: NodeJS.Signals): Promise<ProcessExit> {
	if (server.hasExited()) return server.exited;
	server.child.kill(signal);
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<'timeout'>((resolve) => {
		timer = setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS);
	});
	const outcome = await Promise.race([server.exited, timeout]);
	clearTimeout(timer); // a pending timer would keep a caller that goes on (a test run) alive for a minute
	if (outcome === 'timeout') {
		say.warn(`n8n did not stop within ${STOP_TIMEOUT_MS / 1000}s; killing it.`);
		killN8nNow(server);
	}
	return server.exited;
}

/** Kills n8n's whole process group (n8n and its task runner) at once. */
export function killN8nNow(server: N8nServer): void {
	if (server.child.pid === undefined) return; // it never started
	try {
		process.kill(-server.child.pid, 'SIGKILL');
	} catch {
		// already gone
	}
}
