// `npm start`: build the package, run a pinned n8n with it installed as a community package,
// with the owner account, the store credential and the shipped workflows in place.
// Ctrl-C / SIGTERM stop n8n gracefully. Everything lives under .cache/ (see lib/config.ts).
// `npm run start:queue` (or `npm start -- --queue`): the same in n8n's queue mode — a main
// process and workers, n8n's data and the store on PostgreSQL, Redis between them.
import * as fs from 'node:fs';
import * as path from 'node:path';

import { buildPackage } from './lib/build';
import { resolveStartConfig, type StartConfig } from './lib/config';
import { consoleLogins } from './lib/consoleAccounts';
import { importDemoCredentials, importShippedWorkflows } from './lib/imports';
import { reportLoadedPackageTypes } from './lib/loadedTypes';
import { ensureN8nInstalled } from './lib/n8nInstall';
import { ensureQueueDatabases } from './lib/n8nDatabase';
import { assertNoN8nRunning, logTail, startN8nServer, stopN8nServer, waitUntilReady, type N8nServer } from './lib/n8nServer';
import { startWorkers, stopWorkers, waitUntilWorkersReady, workerConfig, workerNodeOptions, type N8nWorker } from './lib/n8nWorkers';
import type { OwnerLogin } from './lib/n8nRest';
import { ensureOwnerSession } from './lib/owner';
import { describeExit, stopRunningChildren } from './lib/processes';
import { say } from './lib/say';
import { loadOrCreateSecrets, type Secrets } from './lib/secrets';
import * as startHooks from './lib/startHooks';
import { prepareUserFolder } from './lib/userFolder';

const REQUIRED_NODE_MAJOR = 24;
const EXIT_CODE_FOR_SIGNAL = { SIGINT: 130, SIGTERM: 143 };
type StopSignal = keyof typeof EXIT_CODE_FOR_SIGNAL;

function assertSupportedNode(): void {
	const major = Number(process.versions.node.split('.')[0]);
	if (major < REQUIRED_NODE_MAJOR) {
		throw new Error(
			`This is Node ${process.version}; n8n needs Node ${REQUIRED_NODE_MAJOR}. Run \`npm start\`, ` +
				'which uses the Node 24 the repo installs as a devDependency.',
		);
	}
}

/** Each start gets a fresh n8n.log (CLI imports and server); the previous one is kept once. */
function startFreshLog(config: StartConfig): void {
	const workers = config.queue?.workers.map((worker) => workerConfig(config, worker)) ?? [];
	for (const logFile of [config.logFile, ...workers.map((worker) => worker.logFile)]) {
		fs.mkdirSync(path.dirname(logFile), { recursive: true });
		if (fs.existsSync(logFile)) fs.renameSync(logFile, logFile.replace(/\.log$/, '.previous.log'));
		fs.writeFileSync(logFile, `=== npm start at ${new Date().toISOString()} ===\n`);
	}
}

/**
 * Stops whatever is running when a signal arrives: the n8n server gracefully (then exit 0),
 * or a build / install / import step (then exit 130 or 143, since the start did not finish).
 */
function createShutdown() {
	let server: N8nServer | undefined;
	let workers: N8nWorker[] = [];
	let stopping = false;

	async function stopServerAndExit(running: N8nServer, signal: StopSignal, exitCode: number): Promise<never> {
		if (workers.length > 0) say.step(`Workers stopped (${(await stopWorkers(workers, signal)).map(describeExit).join(', ')}).`);
		const exit = await stopN8nServer(running, signal);
		say.step(`n8n stopped (${describeExit(exit)}).`);
		process.exit(exitCode);
	}

	function onSignal(signal: StopSignal): void {
		if (stopping) return; // npm and the terminal may both deliver the same Ctrl-C
		stopping = true;
		if (!server) {
			say.step(`${signal} received: stopping.`);
			stopRunningChildren(signal);
			process.exit(EXIT_CODE_FOR_SIGNAL[signal]);
		}
		say.step(`${signal} received: stopping n8n (it may take a few seconds)…`);
		void stopServerAndExit(server, signal, 0);
	}

	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	watchForOrphaning(() => onSignal('SIGTERM'));
	return {
		attachServer(runningServer: N8nServer): void {
			server = runningServer;
		},
		attachWorker(worker: N8nWorker): void {
			workers = [...workers, worker];
		},
		isStopping: (): boolean => stopping,
		/** After a failed start: stop an n8n that may already run, and exit non-zero. */
		async abort(): Promise<never> {
			stopping = true;
			if (server) await stopServerAndExit(server, 'SIGTERM', 1);
			process.exit(1);
		},
	};
}

/**
 * `npm start` runs us under `sh -c`; a SIGTERM sent to npm kills that shell without reaching us,
 * which would leave n8n running. Losing our parent is therefore treated as a SIGTERM.
 */
function watchForOrphaning(onOrphaned: () => void): void {
	const parentPid = process.ppid;
	const timer = setInterval(() => {
		if (process.ppid !== parentPid) {
			clearInterval(timer);
			onOrphaned();
		}
	}, 1_000);
	timer.unref();
}

/** Paths inside the repo are shown relative to it, others in full. */
function displayPath(file: string): string {
	const relative = path.relative(process.cwd(), file);
	return relative && !relative.startsWith('..') ? relative : file;
}

function printReadyBanner(config: StartConfig, login: OwnerLogin | undefined, secrets: Secrets): void {
	const roles = { admin: '管理员 administrator', marketing: '营销 marketing', viewer: '只读 read-only' };
	const lines = [
		'Lead Monitor is running in n8n',
		`  Editor:  ${config.baseUrl}`,
		login ? `  Login:   ${login.email}  /  ${login.password}` : `  Login:   unknown (${displayPath(config.ownerFile)} is missing)`,
		`  Console: ${config.consoleUrl}   (控制台; first passwords, change them there)`,
		...consoleLogins(config, secrets).map(({ key, username, password }) => `           ${username.padEnd(10)} /  ${password}   ${roles[key]}`),
		`  Import:  curl -H "${config.importApiKeyHeader}: ${secrets.importApiKey}" -F "data=@roster.csv" ${config.baseUrl}/webhook/lead-import`,
		`  Store:   credential "${config.storeCredential.name}" (id ${config.storeCredential.id})`,
		`  Logs:    ${displayPath(config.logFile)}`,
		...(config.queue
			? [
					`  Queue:   n8n's data in PostgreSQL "${config.queue.n8nDatabase}", the store in "${config.queue.storeDatabase}", Redis ${config.queue.redis.host}:${config.queue.redis.port} (prefix ${config.queue.bullPrefix})`,
					...config.queue.workers.map((worker) => `           ${worker.name}: log ${displayPath(workerConfig(config, worker).logFile)}, health http://${config.host}:${worker.healthPort}/healthz`),
				]
			: []),
		`  Ready in ${say.secondsSinceStart().toFixed(1)} s. Ctrl-C stops n8n.`,
	];
	const rule = '='.repeat(Math.max(...lines.map((line) => line.length)) + 2);
	console.log(['', rule, ...lines.map((line) => ` ${line}`), rule, ''].join('\n'));
}

async function prepareN8n(config: StartConfig): Promise<startHooks.StartContext> {
	assertSupportedNode();
	await assertNoN8nRunning(config);
	await buildPackage(config);
	await ensureN8nInstalled(config);
	prepareUserFolder(config);
	if (config.queue) {
		const created = await ensureQueueDatabases(config.queue);
		if (created.length > 0) say.step(`Created the PostgreSQL databases ${created.join(', ')}.`);
		// Each worker as on a machine of its own: the package installed in its own user folder.
		for (const worker of config.queue.workers) prepareUserFolder(workerConfig(config, worker));
	}
	startFreshLog(config);
	const secrets = loadOrCreateSecrets(config);
	await importDemoCredentials(config, secrets);
	const { workflows, imported } = await importShippedWorkflows(config);
	return { config, secrets: secrets.secrets, workflows, workflowsImported: imported };
}

async function main(): Promise<void> {
	// If whoever reads our output goes away, n8n must still be stopped properly.
	for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
	const shutdown = createShutdown();
	try {
		if (process.argv.includes('--queue')) process.env.LEAD_MONITOR_QUEUE = '1';
		const config = resolveStartConfig();
		const context = await prepareN8n(config);
		await startHooks.beforeServerStart(context);

		say.step(`Starting n8n on ${config.baseUrl} (log: ${config.logFile})…`);
		const server = startN8nServer(config);
		shutdown.attachServer(server);
		await waitUntilReady(config, server);
		say.step('n8n is ready.');

		if (config.queue) {
			say.step(`Starting ${config.queue.workers.length} n8n workers (Node options: ${workerNodeOptions() || 'none'})…`);
			await waitUntilWorkersReady(startWorkers(config, { onSpawn: (worker) => shutdown.attachWorker(worker) }));
			say.step('The workers are ready.');
		}

		const session = await ensureOwnerSession(config);
		if (session.cookie) await reportLoadedPackageTypes(config, session.cookie);
		await startHooks.afterServerReady({ ...context, ...session });
		printReadyBanner(config, session.login, context.secrets);

		const exit = await server.exited;
		if (!shutdown.isStopping()) {
			throw new Error(`n8n stopped unexpectedly (${describeExit(exit)}). Last lines of its log:\n${logTail(config)}`);
		}
	} catch (error) {
		if (shutdown.isStopping()) return; // the signal handler finishes the exit
		say.error(error.message);
		await shutdown.abort();
	}
}

main();
