import { fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { Client } from 'pg';

import type { QueueConfig } from '../../scripts/lib/config';
import {
	deactivateScheduledWorkflows,
	findFreePortPair,
	instanceConfig,
	killInstanceNow,
	killWorkerNow,
	prepareInstance,
	startInstance,
	startWorkers,
	stopInstance,
	stopWorkers,
	waitUntilWorkersReady,
	workerConfig,
	type CredentialRecord,
	type DemoSecrets,
	type InstanceConfig,
	type N8nServer,
	type N8nWorker,
} from '../../scripts/lib/n8nInstance';
import { installTarball } from '../../scripts/lib/packageTarball';
import { pgSettings } from '../../test/setup/testDatabase';
import { gatewayCredential } from '../../test/e2e/support/gateway';
import { killOnExit } from '../../test/e2e/support/processGuard';
import { pushScheduleOff, stageWorkflows } from '../../test/e2e/support/stagedWorkflows';
import type { GatewayCounts } from '../push/gatewayProcess';
import { keepDailyExecutions } from './executionProbe';
import { resetPeaks, treePeaks, type ProcessPeak } from './processMemory';

export type SetupKind = 'queue' | 'one process';

/** The store keys of the bench (the loader's call events are hashed with the same). */
export const STORE_SECRETS = { hashingKey: 'lead-monitor-bench-hashing-key', encryptionKey: 'lead-monitor-bench-encryption-key' };

/** The reference gateway in a process of its own (bench/push's), asked for its counts over IPC. */
export interface GatewayProcess {
	url: string;
	counts(): Promise<GatewayCounts>;
	stop(): void;
}

export function startGateway(): Promise<GatewayProcess> {
	const child: ChildProcess = fork(path.join(__dirname, '..', 'push', 'gatewayProcess.js'), [], { stdio: 'inherit' });
	return new Promise((resolve, reject) => {
		child.once('error', reject);
		child.once('message', (message) => {
			resolve({
				url: (message as { url: string }).url,
				counts: () =>
					new Promise((answer) => {
						child.once('message', (reply) => answer((reply as { counts: GatewayCounts }).counts));
						child.send('counts');
					}),
				stop: () => child.send('stop'),
			});
		});
	});
}

/** One n8n installation of the bench: queue mode (a main and its workers) or one process. */
export interface N8nSetup {
	kind: SetupKind;
	config: InstanceConfig;
	secrets: DemoSecrets;
	gateway: GatewayProcess;
	server: N8nServer;
	workers: N8nWorker[];
	/** Seconds from the installs to every process ready. */
	startSeconds: number;
	apiKey: Record<string, string>;
	/** Drops the kill-on-exit handlers. */
	unguard: () => void;
}

export interface SetupOptions {
	kind: SetupKind;
	root: string;
	tarball: string;
	storeDatabase: string;
	firstPort: number;
	tag: string;
	/** Keep daily-monitor's executions for executionProbe (LEAD_MONITOR_BENCH_PROBE=1). */
	probe?: boolean;
}

function storeCredential(config: InstanceConfig, database: string): CredentialRecord {
	return {
		...config.storeCredential,
		name: 'Lead Monitor Store (PostgreSQL, bench)',
		data: { mode: 'postgres', ...pgSettings, database, ssl: 'disable', schema: 'lead_monitor', ...STORE_SECRETS },
		secret: STORE_SECRETS.hashingKey,
	};
}

/**
 * Installs the packed package into each process's user folder (as a user would), imports the
 * shipped workflows (push-by-frequency's schedule off: the bench triggers it) and the
 * credentials (the store on the bench database, the gateway on the bench's), starts n8n.
 */
export async function startSetup(options: SetupOptions, log: (line: string) => void): Promise<N8nSetup> {
	const started = Date.now();
	const folder = path.join(options.root, options.kind === 'queue' ? 'queue' : 'one');
	fs.mkdirSync(folder, { recursive: true });
	const port = await findFreePortPair(options.firstPort);
	const config = instanceConfig({
		userFolder: path.join(folder, 'n8n-user'),
		port,
		workflowsDir: path.join(folder, 'workflows'),
		env:
			options.kind === 'queue'
				? {
						LEAD_MONITOR_QUEUE: '1',
						LEAD_MONITOR_N8N_DATABASE: `n8n_${options.tag}`,
						LEAD_MONITOR_STORE_DATABASE: options.storeDatabase,
						LEAD_MONITOR_QUEUE_PREFIX: `lead-monitor-${options.tag}`,
					}
				: { LEAD_MONITOR_QUEUE: '0' },
	});
	const stepLog = path.join(folder, 'steps.log');
	const folders = [config, ...(config.queue?.workers ?? []).map((worker) => workerConfig(config, worker))];
	const [packageDir] = await Promise.all(folders.map((each) => installTarball(each, options.tarball, stepLog)));
	const shippedDir = path.join(packageDir, 'dist', 'workflows');
	stageWorkflows(fs.readdirSync(shippedDir).filter((name) => name.endsWith('.json')).map((name) => path.join(shippedDir, name)), config.workflowsDir);
	pushScheduleOff(path.join(config.workflowsDir, 'push-by-frequency.json'));
	if (options.probe) keepDailyExecutions(config.workflowsDir);

	const gateway = await startGateway();
	const prepared = await prepareInstance(config, { credentials: [storeCredential(config, options.storeDatabase), gatewayCredential(gateway)] });
	const setup = { kind: options.kind, config, secrets: prepared.secrets, gateway, workers: [] as N8nWorker[], apiKey: { [config.importApiKeyHeader]: prepared.secrets.importApiKey } };
	let server: N8nServer | undefined;
	const unguard = killOnExit(() => {
		setup.workers.forEach(killWorkerNow);
		killInstanceNow(server);
	});
	const workersReady = config.queue ? waitUntilWorkersReady(startWorkers(config, { onSpawn: (worker) => setup.workers.push(worker) })) : Promise.resolve();
	workersReady.catch(() => undefined); // awaited below, after the main
	const instance = await startInstance(config, prepared.workflows, { onSpawn: (spawned) => (server = spawned) });
	await workersReady;
	await deactivateScheduledWorkflows(config, instance.cookie, prepared.workflows);
	const startSeconds = (Date.now() - started) / 1000;
	log(`${options.kind}: n8n ready on ${config.baseUrl}${setup.workers.length ? ` with ${setup.workers.map((w) => w.name).join(' and ')}` : ''} in ${startSeconds.toFixed(0)} s`);
	return { ...setup, server: instance.server, startSeconds, unguard };
}

/** The peak memory of the main (or only) n8n process and each worker, with their task runners. */
export function setupPeaks(setup: N8nSetup): Array<{ name: string; peaks: ProcessPeak[] }> {
	const main = setup.server.child.pid;
	return [
		{ name: setup.kind === 'queue' ? 'main' : 'n8n', peaks: main ? treePeaks(main) : [] },
		...setup.workers.map((worker) => ({ name: worker.name, peaks: worker.server.child.pid ? treePeaks(worker.server.child.pid) : [] })),
	];
}

/** Resets every process's peak to its present size: the next setupPeaks is the peak of what ran in between. */
export function resetSetupPeaks(setup: N8nSetup): boolean {
	return [setup.server.child.pid, ...setup.workers.map((worker) => worker.server.child.pid)].every((pid) => pid !== undefined && resetPeaks(pid));
}

/** Stops the workers, then the main process, then the gateway; drops queue mode's n8n database and Bull keys. */
export async function stopSetup(setup: N8nSetup): Promise<void> {
	await stopWorkers(setup.workers).catch(() => setup.workers.forEach(killWorkerNow));
	await stopInstance(setup.server).catch(() => killInstanceNow(setup.server));
	setup.gateway.stop();
	setup.unguard();
	if (setup.config.queue) await dropQueueData(setup.config, setup.config.queue);
}

async function dropQueueData(config: InstanceConfig, queue: QueueConfig): Promise<void> {
	const client = new Client({ ...queue.postgres, database: 'postgres' });
	await client.connect();
	try {
		await client.query(`DROP DATABASE IF EXISTS ${queue.n8nDatabase} WITH (FORCE)`);
	} finally {
		await client.end();
	}
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- n8n's copy, found at run time (this package has no Redis client)
	const Redis = require(path.join(config.n8nDir, 'node_modules', 'ioredis')) as new (options: object) => {
		keys(pattern: string): Promise<string[]>;
		del(...keys: string[]): Promise<number>;
		quit(): Promise<unknown>;
	};
	const redis = new Redis({ host: queue.redis.host, port: queue.redis.port });
	try {
		const keys = await redis.keys(`${queue.bullPrefix}:*`);
		if (keys.length > 0) await redis.del(...keys);
	} finally {
		await redis.quit();
	}
}
