// Queue mode's `n8n worker` processes: each with a user folder of its own (the package installed
// there, as on a machine of its own), n8n's PostgreSQL database and Redis shared with the main
// process, and the main process's encryption key (credentials are encrypted with it).
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { QueueWorker, StartConfig } from './config';
import { n8nEnvironment } from './n8nEnvironment';
import { killN8nNow, logTail, startN8nServer, stopN8nServer, type N8nServer } from './n8nServer';
import { describeExit, sleep, type ProcessExit } from './processes';

const READY_TIMEOUT_MS = 240_000;
/** Executions a worker runs at once (n8n's default is 10). */
const WORKER_CONCURRENCY = 5;
/**
 * Node options for the workers alone (LEAD_MONITOR_WORKER_NODE_OPTIONS replaces them; empty: none).
 * Measured with bench:queue (README): on Node 24 V8's young generation takes about 120 MB of an n8n
 * worker (new_space), 32 MB with 16 MB semi-spaces; with the old generation capped at 320 MB the
 * pushing worker peaked at 468 MB instead of 558–576 MB, the daily run's at 466 MB instead of 504–522.
 */
const WORKER_NODE_OPTIONS = '--max-old-space-size=320 --max-semi-space-size=16';

export function workerNodeOptions(): string {
	return (process.env.LEAD_MONITOR_WORKER_NODE_OPTIONS ?? WORKER_NODE_OPTIONS).trim();
}

export interface N8nWorker {
	name: string;
	config: StartConfig;
	healthUrl: string;
	server: N8nServer;
}

/** The main configuration moved to the worker's user folder and ports (database and Redis stay shared). */
export function workerConfig(main: StartConfig, worker: QueueWorker): StartConfig {
	const n8nDataDir = path.join(worker.userFolder, '.n8n');
	return {
		...main,
		userFolder: worker.userFolder,
		n8nDataDir,
		databaseFile: path.join(n8nDataDir, 'database.sqlite'),
		communityNodesDir: path.join(n8nDataDir, 'nodes'),
		logFile: path.join(worker.userFolder, 'n8n.log'),
		pidFile: path.join(worker.userFolder, 'n8n.pid'),
		stateFile: path.join(worker.userFolder, 'lead-monitor-start-state.json'),
		storeDataDir: path.join(worker.userFolder, 'lead-monitor', 'pglite'),
		port: worker.port,
		brokerPort: worker.port + 1,
	};
}

/** The key n8n generated in the main process's user folder on its first run (`.n8n/config`). */
export function mainEncryptionKey(main: StartConfig): string {
	const file = path.join(main.n8nDataDir, 'config');
	const key = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { encryptionKey?: string }).encryptionKey : undefined;
	if (!key) throw new Error(`No encryption key in ${file}: run the main process's imports first`);
	return key;
}

/** Starts one worker of main.queue (its user folder must hold the package already). */
export function startWorker(main: StartConfig, worker: QueueWorker): N8nWorker {
	const config = workerConfig(main, worker);
	fs.mkdirSync(config.userFolder, { recursive: true });
	const base = n8nEnvironment(config, { encryptionKey: mainEncryptionKey(main) });
	const nodeOptions = workerNodeOptions();
	const env = {
		...base,
		...(nodeOptions ? { NODE_OPTIONS: [base.NODE_OPTIONS, nodeOptions].filter(Boolean).join(' ') } : {}),
		QUEUE_HEALTH_CHECK_ACTIVE: 'true',
		QUEUE_HEALTH_CHECK_PORT: String(worker.healthPort),
	};
	const server = startN8nServer(config, { args: ['worker', `--concurrency=${WORKER_CONCURRENCY}`], env });
	return { name: worker.name, config, healthUrl: `http://${main.host}:${worker.healthPort}/healthz/readiness`, server };
}

/** Starts every worker of main.queue. */
export function startWorkers(main: StartConfig, { onSpawn }: { onSpawn?: (worker: N8nWorker) => void } = {}): N8nWorker[] {
	const queue = main.queue;
	if (!queue) throw new Error('Not in queue mode (LEAD_MONITOR_QUEUE=1): there are no workers to start');
	return queue.workers.map((worker) => {
		const started = startWorker(main, worker);
		onSpawn?.(started);
		return started;
	});
}

async function isReady(url: string): Promise<boolean> {
	try {
		return (await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok;
	} catch {
		return false;
	}
}

/** Waits until every worker answers its health check (database and Redis reachable). */
export async function waitUntilWorkersReady(workers: N8nWorker[]): Promise<void> {
	const deadline = Date.now() + READY_TIMEOUT_MS;
	const waiting = new Set(workers);
	while (waiting.size > 0) {
		for (const worker of [...waiting]) {
			if (worker.server.hasExited()) {
				const exit = await worker.server.exited;
				throw new Error(`n8n ${worker.name} exited while starting (${describeExit(exit)}). Last lines of ${worker.config.logFile}:\n${logTail(worker.config)}`);
			}
			if (await isReady(worker.healthUrl)) waiting.delete(worker);
		}
		if (waiting.size === 0) return;
		if (Date.now() > deadline) {
			const names = [...waiting].map((worker) => worker.name).join(', ');
			throw new Error(`n8n ${names} not ready within ${READY_TIMEOUT_MS / 1000}s. Last lines of ${[...waiting][0].config.logFile}:\n${logTail([...waiting][0].config)}`);
		}
		await sleep(500);
	}
}

/** Stops the workers gracefully (each finishes or hands back its running executions). */
export async function stopWorkers(workers: N8nWorker[], signal: NodeJS.Signals = 'SIGTERM'): Promise<ProcessExit[]> {
	return Promise.all(workers.map((worker) => stopN8nServer(worker.server, signal)));
}

/** For exit handlers and fault injection: kills a worker (and its task runner) at once, as a machine failure would. */
export function killWorkerNow(worker: N8nWorker): void {
	if (!worker.server.hasExited()) killN8nNow(worker.server);
}
