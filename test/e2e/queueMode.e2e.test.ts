import * as fs from 'node:fs';
import * as path from 'node:path';

import { Client } from 'pg';

import type { PushOutcome } from '../../lib/console/api/contract';
import type { PublicHit } from '../../lib/hits';
import type { ImportReport } from '../../lib/roster/import';
import type { QueueConfig } from '../../scripts/lib/config';
import {
	deactivateScheduledWorkflows,
	findFreePortPair,
	instanceConfig,
	killInstanceNow,
	killWorkerNow,
	logTail,
	startWorker,
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
import { buildAndPack, installTarball } from '../../scripts/lib/packageTarball';
import { planCallLog } from './support/callLogs';
import { ConsoleApi, expect200 } from './support/consoleApi';
import { deliverCallLog, hitsOfRun, triggerDailyRun, type DailyRunContext, type DailyRunResult } from './support/dailyRun';
import { createE2ePaths, removeE2ePaths, type E2ePaths } from './support/e2ePaths';
import { gatewayCredential, ReferenceGateway, waitForMessages } from './support/gateway';
import { describeScan, n8nLogFiles, postgresRecords, scanForPersonalData } from './support/personalDataScan';
import { killOnExit } from './support/processGuard';
import { largeCallLog, StoreDatabase, TestRedis } from './support/queueFaults';
import { buildRoster, rosterUpload } from './support/roster';
import { OPEN_ALL_HOURS_POLICY, pushScheduleOff, stageWorkflows } from './support/stagedWorkflows';
import { callWebhook, expectOk } from './support/webhooks';

/**
 * The product in n8n's queue mode, as a bank runs it beyond one process: a main process
 * (webhooks, triggers), two `n8n worker` processes with user folders of their own (the package
 * installed in each), n8n's data in PostgreSQL, Bull on Redis between them, the store on
 * PostgreSQL. Every execution runs on a worker; the faults are injected through the real processes.
 */
const MINUTE = 60_000;
const FIRST_PORT = Number(process.env.LEAD_MONITOR_QUEUE_E2E_PORT ?? 5750);
const RUN_TAG = `e2e_${process.pid}`;
/** The outreach nodes' claim lease in the test's copies: a push claimed by a killed worker may go again after this. */
const CLAIM_LEASE_SECONDS = 15;
/**
 * People not on the roster in each large call log (one call each): the ingest of ~45 MB takes
 * some seconds even unloaded (README: 297–448 k rows/s), long enough to be cut in the middle.
 */
const LARGE_LOG_STRANGERS = 600_000;

const roster = buildRoster();
const callLog = planCallLog(roster.clean);
const leadsById = new Map(roster.leads.map((lead) => [lead.leadId, lead]));
const expectedPairs = [...callLog.expectedHits].flatMap(([leadId, ruleIds]) => ruleIds.map((ruleId) => `${leadId} ${ruleId}`)).sort();
const pairs = (hits: Array<{ leadId: string; ruleId: string }>) => hits.map((hit) => `${hit.leadId} ${hit.ruleId}`).sort();
/** "rule count" per rule of "lead rule" pairs, by rule id. */
const countsByRule = (leadRulePairs: string[]) => sumByRule(leadRulePairs.map((pair) => ({ ruleId: pair.split(' ')[1], newHits: 1 })));
/** "rule count" per rule of run summaries' byRule entries, by rule id. */
const sumByRule = (entries: Array<{ ruleId: string; newHits: number }>) => {
	const counts = new Map<string, number>();
	for (const { ruleId, newHits } of entries) counts.set(ruleId, (counts.get(ruleId) ?? 0) + newHits);
	return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([ruleId, count]) => `${ruleId} ${count}`);
};

const run: {
	paths?: E2ePaths;
	config?: InstanceConfig;
	packageDir?: string;
	gateway?: ReferenceGateway;
	secrets?: DemoSecrets;
	credentials?: CredentialRecord[];
	server?: N8nServer;
	workers: N8nWorker[];
	startedAt?: number;
	/** The killed worker's restart, ready or not. */
	restarted?: Promise<void>;
	/** Leads the board has texted today (the SMS cap: one a day). */
	texted: Set<string>;
	/** The test's own Redis (restarted in step 6c). */
	redis?: TestRedis;
	/** Whether the Redis restart of step 6c lost an execution under way (n8n's main then waits for it at its stop). */
	mainLostAJob?: boolean;
	/** Hits of the large call logs' leads (steps 6a, 6b), for the pushes under faults. */
	freshHits: PublicHit[];
	unguard?: () => void;
} = { workers: [], texted: new Set(), freshHits: [] };

function need<T>(value: T | undefined, what: string): T {
	if (value === undefined) throw new Error(`${what} is missing: an earlier step failed`);
	return value;
}

const config = () => need(run.config, 'the n8n instance configuration');
const queue = (): QueueConfig => need(config().queue, 'the queue configuration');
const secrets = () => need(run.secrets, 'the secrets');
const apiKey = () => ({ [config().importApiKeyHeader]: secrets().importApiKey });
const storeDatabase = () => {
	const store = need(run.credentials, 'the credentials').find((record) => record.id === config().storeCredential.id);
	return new StoreDatabase(queue(), String(need(store, 'the store credential').data.schema));
};

/** The executions each worker's log says it ran ("Worker started execution <id>"). */
function executionsRunBy(worker: N8nWorker): string[] {
	const log = fs.existsSync(worker.config.logFile) ? fs.readFileSync(worker.config.logFile, 'utf8') : '';
	return [...log.matchAll(/Worker started execution (\d+)/g)].map((match) => match[1]);
}

async function hitsInStore(): Promise<PublicHit[]> {
	const listed = await expectOk<Array<Partial<PublicHit>>>(config().baseUrl, 'e2e-hit-list', { headers: apiKey() });
	return listed.filter((hit): hit is PublicHit => typeof hit.hitId === 'number');
}

async function signIn(username: string, password: string): Promise<ConsoleApi> {
	const api = new ConsoleApi(config().baseUrl);
	const answer = await api.login(username, password);
	if (answer.status !== 200) throw new Error(`${username} could not sign in: ${answer.status} ${answer.text.slice(0, 300)}`);
	return api;
}

function dailyRunContext(): DailyRunContext {
	const store = need(run.credentials, 'the credentials').find((record) => record.id === config().storeCredential.id);
	return {
		baseUrl: config().baseUrl,
		apiKey: apiKey(),
		callLogDir: need(run.paths, 'the temp folders').callLogDir,
		packageDir: need(run.packageDir, 'the installed package'),
		storeCredential: need(store, 'the store credential').data,
		plan: callLog,
		logFile: need(run.paths, 'the temp folders').stepLog,
	};
}

/**
 * Hits the gateway took more than one message for (a replay under the same idempotency key is
 * answered "duplicate" and not taken again; a second key for the same hit would be a double send).
 */
function hitsSentTwice(gateway: ReferenceGateway): number[] {
	const hitIds = [...gateway.messages.values()].map((message) => Number((message.reference as { hitId?: unknown })?.hitId));
	return hitIds.filter((hitId, index) => hitIds.indexOf(hitId) !== index);
}

const replays = (gateway: ReferenceGateway) => gateway.received.filter((request) => request.verdict.startsWith('duplicate')).length;

/** The test's copy of a workflow: its SMS and Outbound Call nodes with a short claim lease. */
function shortClaimLease(file: string): void {
	const workflow = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: Array<{ type: string; parameters: { options?: Record<string, unknown> } }> };
	const outreach = workflow.nodes.filter((node) => /\.(sms|outboundCall)$/.test(node.type));
	for (const node of outreach) node.parameters.options = { ...node.parameters.options, claimLeaseSeconds: CLAIM_LEASE_SECONDS };
	if (outreach.length === 0) throw new Error(`${file} has no SMS or Outbound Call node`);
	fs.writeFileSync(file, JSON.stringify(workflow, null, '\t'));
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

async function untilAsync(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

/** As an orchestrator would: the killed worker started again in its place; resolves once it is ready. */
function restartWorker(victim: N8nWorker): Promise<void> {
	const settings = queue().workers.find((worker) => worker.name === victim.name);
	const restarted = startWorker(config(), need(settings, 'the worker settings'));
	run.workers = run.workers.map((worker) => (worker === victim ? restarted : worker));
	const ready = waitUntilWorkersReady([restarted]);
	ready.catch(() => undefined); // awaited by the step, or before the workers stop
	return ready;
}

/** The worker that started the newest execution (n8n's execution ids grow). */
function workerOfNewestExecution(): N8nWorker {
	const newest = run.workers.map((worker) => ({ worker, id: Math.max(0, ...executionsRunBy(worker).map(Number)) })).sort((a, b) => b.id - a.id)[0];
	return need(newest?.worker, 'a worker that ran something');
}

async function dropQueueDatabases(settings: QueueConfig): Promise<void> {
	const client = new Client({ ...settings.postgres, database: 'postgres' });
	await client.connect();
	try {
		for (const name of [settings.n8nDatabase, settings.storeDatabase]) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
	} finally {
		await client.end();
	}
}

/** Bull's keys of this run in Redis (n8n's own ioredis: this package has no Redis client). */
async function dropQueueKeys(cfg: InstanceConfig, settings: QueueConfig): Promise<void> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- n8n's copy, found at run time
	const Redis = require(path.join(cfg.n8nDir, 'node_modules', 'ioredis')) as new (options: object) => {
		keys(pattern: string): Promise<string[]>;
		del(...keys: string[]): Promise<number>;
		quit(): Promise<unknown>;
	};
	const redis = new Redis({ host: settings.redis.host, port: settings.redis.port, lazyConnect: false });
	try {
		const keys = await redis.keys(`${settings.bullPrefix}:*`);
		if (keys.length > 0) await redis.del(...keys);
	} finally {
		await redis.quit();
	}
}

function copyLogs(): void {
	if (!run.config || !run.paths) return;
	for (const [name, file] of [['main', run.config.logFile], ...run.workers.map((worker) => [worker.name, worker.config.logFile])]) {
		if (fs.existsSync(file)) fs.copyFileSync(file, path.join(run.paths.outputDir, `n8n-${name}.log`));
	}
}

let failedStep: string | undefined;

function step(name: string, work: () => Promise<void>, timeout: number, { always = false } = {}): void {
	it(
		name,
		async () => {
			if (failedStep && !always) throw new Error(`Not run: step "${failedStep}" failed.`);
			try {
				await work();
			} catch (error) {
				failedStep = name.split(' ')[0];
				if (run.config && error instanceof Error) {
					error.message += `\n\nLast lines of the main process's log:\n${logTail(run.config, 25)}`;
					for (const worker of run.workers) error.message += `\n\nLast lines of ${worker.name}'s log:\n${logTail(worker.config, 15)}`;
				}
				throw error;
			}
		},
		timeout,
	);
}

afterAll(async () => {
	await stopWorkers(run.workers).catch(() => run.workers.forEach(killWorkerNow));
	if (run.server && !run.server.hasExited()) await stopInstance(run.server).catch(() => killInstanceNow(run.server));
	await run.gateway?.close();
	copyLogs();
	if (run.config?.queue && process.env.LEAD_MONITOR_E2E_KEEP !== '1') {
		await dropQueueDatabases(run.config.queue).catch(() => undefined);
		await dropQueueKeys(run.config, run.config.queue).catch(() => undefined);
	}
	run.redis?.stop();
	run.unguard?.();
	removeE2ePaths(run.paths);
}, 3 * MINUTE);

describe('Lead Monitor in n8n queue mode: a main process, two workers, PostgreSQL and Redis', () => {
	step('1. installs the packed package into the main process\'s and each worker\'s user folder, starts them on PostgreSQL and Redis', async () => {
		run.paths = createE2ePaths('e2e-queue');
		run.redis = await TestRedis.start(path.join(run.paths.outputDir, 'redis.log'));
		const port = await findFreePortPair(FIRST_PORT);
		run.config = instanceConfig({
			userFolder: run.paths.userFolder,
			port,
			workflowsDir: path.join(run.paths.root, 'workflows'),
			env: {
				LEAD_MONITOR_QUEUE: '1',
				LEAD_MONITOR_N8N_DATABASE: `n8n_${RUN_TAG}`,
				LEAD_MONITOR_STORE_DATABASE: `lead_monitor_${RUN_TAG}`,
				LEAD_MONITOR_QUEUE_PREFIX: `lead-monitor-${RUN_TAG}`,
				LEAD_MONITOR_REDIS_PORT: String(run.redis.port),
			},
		});
		const cfg = run.config;
		const settings = queue();
		expect(settings.workers).toHaveLength(2);

		const tarball = await buildAndPack(cfg, run.paths.packDir, run.paths.stepLog);
		// As on three machines: npm install of the tarball in each process's own user folder (at once).
		const logs = run.paths;
		[run.packageDir] = await Promise.all([cfg, ...settings.workers.map((worker) => workerConfig(cfg, worker))].map((each, index) => installTarball(each, tarball, path.join(logs.outputDir, `steps-${index}.log`))));

		const shippedDir = path.join(run.packageDir, 'dist', 'workflows');
		stageWorkflows(
			[
				...fs.readdirSync(shippedDir).filter((name) => name.endsWith('.json')).map((name) => path.join(shippedDir, name)),
				...fs.readdirSync(path.join(__dirname, 'workflows')).map((name) => path.join(__dirname, 'workflows', name)),
			],
			cfg.workflowsDir,
		);
		pushScheduleOff(path.join(cfg.workflowsDir, 'push-by-frequency.json'));
		for (const name of ['console.json', 'push-by-frequency.json']) shortClaimLease(path.join(cfg.workflowsDir, name));

		run.gateway = await ReferenceGateway.start();
		const prepared = await prepareInstance(cfg, { credentials: [gatewayCredential(run.gateway)] });
		run.secrets = prepared.secrets;
		run.credentials = prepared.credentials;
		expect(prepared.credentials.find((record) => record.id === cfg.storeCredential.id)?.data).toMatchObject({ mode: 'postgres', database: settings.storeDatabase });
		run.startedAt = Date.now();

		// n8n's CLI imports migrated its database and wrote the main's encryption key: the workers start beside the main.
		run.unguard = killOnExit(() => {
			run.workers.forEach(killWorkerNow);
			killInstanceNow(run.server);
			run.redis?.stop();
		});
		const workersReady = waitUntilWorkersReady(startWorkers(cfg, { onSpawn: (worker) => run.workers.push(worker) }));
		workersReady.catch(() => undefined); // awaited below, after the main
		const started = await startInstance(cfg, prepared.workflows, { onSpawn: (server) => (run.server = server) });
		await workersReady;
		await deactivateScheduledWorkflows(cfg, started.cookie, prepared.workflows);
		console.log(`[queue] main on ${cfg.baseUrl}, ${run.workers.map((worker) => worker.name).join(' and ')} ready; n8n's data in "${settings.n8nDatabase}", the store in "${settings.storeDatabase}"`);
	}, 20 * MINUTE);

	step('2. publishes the all-hours policy and imports the roster through the workers', async () => {
		const cfg = config();
		await expectOk(cfg.baseUrl, 'e2e-publish-policy', {
			method: 'POST',
			headers: { ...apiKey(), 'content-type': 'application/json' },
			body: JSON.stringify({ policy: OPEN_ALL_HOURS_POLICY, note: 'E2E queue' }),
		});
		const report = await expectOk<ImportReport>(cfg.baseUrl, 'lead-import', { method: 'POST', headers: apiKey(), body: rosterUpload(roster.csv) });
		expect(report.rowsRead).toBe(roster.leads.length);
		expect(report.created + report.updated + report.rejectedCount + report.duplicateCount).toBe(report.rowsRead);
		expect(report.created).toBeGreaterThanOrEqual(roster.clean.length);
	}, 2 * MINUTE);

	step('3. the daily run triggered twice at once (a double-fired schedule): the hits once, the log ingested once', async () => {
		const ctx = dailyRunContext();
		deliverCallLog(ctx);
		const both: DailyRunResult[] = await Promise.all([triggerDailyRun(ctx), triggerDailyRun(ctx)]);
		// Each hit made once: the two runs' new hits, rule by rule, add up to the expected ones, which the store holds.
		expect(sumByRule(both.flatMap((result) => result.run.byRule))).toEqual(countsByRule(expectedPairs));
		expect(both.reduce((sum, result) => sum + result.run.newHits, 0)).toBe(expectedPairs.length);
		const ingests = both.flatMap((result) => result.ingest);
		expect(ingests.filter((ingest) => !ingest.alreadyIngested)).toEqual([expect.objectContaining({ accepted: callLog.events.length, rejected: callLog.badRows.length })]);
		expect(pairs(await hitsInStore())).toEqual(expectedPairs);

		const again = await triggerDailyRun(ctx);
		expect([again.run.newHits, again.ingest.map((ingest) => ingest.alreadyIngested)]).toEqual([0, [true]]);
		console.log(`[queue] daily run twice at once: ${expectedPairs.length} hits (${both.map((result) => result.run.newHits).join(' + ')}), one ingest of ${callLog.events.length} events`);
	}, 3 * MINUTE);

	step('4. every execution ran on a worker, none on the main process', async () => {
		const byWorker = run.workers.map((worker) => ({ name: worker.name, executions: executionsRunBy(worker) }));
		console.log(`[queue] executions per worker: ${byWorker.map(({ name, executions }) => `${name} ${executions.length}`).join(', ')}`);
		// The policy, the roster, three daily runs and a hit list at least.
		expect(byWorker.flatMap(({ executions }) => executions).length).toBeGreaterThanOrEqual(6);
		expect(byWorker.every(({ executions }) => executions.length > 0)).toBe(true);
		expect(fs.readFileSync(config().logFile, 'utf8')).not.toMatch(/Worker started execution/);
	}, MINUTE);

	step('5. two board sends of the same hits at once, on two workers: each lead texted once (the SMS cap holds across processes)', async () => {
		const gateway = need(run.gateway, 'the gateway');
		gateway.reset();
		// Grade-A hits stay pending for step 6, whose hourly tier A is the one always due.
		const hits = (await hitsInStore())
			.filter((hit) => hit.grade !== 'A')
			.filter((hit, index, all) => all.findIndex((other) => other.leadId === hit.leadId) === index)
			.slice(0, 6);
		const [first, second] = await Promise.all([
			signIn(config().consoleAccounts.marketing.username, secrets().consoleMarketingPassword),
			signIn(config().consoleAccounts.admin.username, secrets().consoleAdminPassword),
		]);
		const hitIds = hits.map((hit) => hit.hitId);
		const answers = await Promise.all([first, second].map((api) => expect200(api.post<{ outcomes: PushOutcome[] }>('board.send', { hitIds, channel: 'sms' }), 'board.send')));
		const messages = await waitForMessages(gateway, hits.length, 10_000);
		const sentTo = messages.map((message) => message.to).sort();
		expect(sentTo).toEqual(hits.map((hit) => need(leadsById.get(hit.leadId), 'lead').phone).sort());
		expect(hitsSentTwice(gateway)).toEqual([]);
		for (const hit of hits) run.texted.add(hit.leadId);
		const sentOutcomes = answers.flatMap((answer) => answer.outcomes).filter((outcome) => outcome.outcome === 'sent');
		expect(sentOutcomes.map((outcome) => outcome.hitId).sort()).toEqual([...hitIds].sort());
		console.log(`[queue] two board sends of ${hits.length} hits at once: ${messages.length} messages, ${replays(gateway)} replays; outcomes ${answers.map((answer) => answer.outcomes.map((o) => o.outcome).join('/')).join(' | ')}`);
	}, 2 * MINUTE);

	step('5b. a worker killed in the middle of a board send, restarted, and the send repeated once the claims ran out: every hit reached the gateway exactly once', async () => {
		const cfg = config();
		const gateway = need(run.gateway, 'the gateway');
		gateway.reset();
		// Every gateway answer takes 2 s: the send is under way when its worker dies.
		gateway.failWhen(() => ({ kind: 'slow', delayMs: 2_000 }));
		const chosen = (await hitsInStore())
			.filter((hit) => hit.status === 'pending' && hit.grade !== 'A' && !run.texted.has(hit.leadId))
			.filter((hit, index, all) => all.findIndex((other) => other.leadId === hit.leadId) === index)
			.slice(0, 5);
		expect(chosen.length).toBeGreaterThanOrEqual(3);
		const hitIds = chosen.map((hit) => hit.hitId);
		const marketing = await signIn(cfg.consoleAccounts.marketing.username, secrets().consoleMarketingPassword);

		const cut = marketing.post('board.send', { hitIds, channel: 'sms' }).catch((error: Error) => error);
		await until(() => gateway.received.length > 0, 60_000, 'the first push to reach the gateway');
		const victim = workerOfNewestExecution();
		killWorkerNow(victim);
		const killedAt = Date.now();
		const reachedBeforeKill = gateway.received.length;
		// As an orchestrator would: the worker comes back (the other one takes the work meanwhile).
		const settings = queue().workers.find((worker) => worker.name === victim.name);
		const restarted = startWorker(cfg, need(settings, 'the worker settings'));
		run.workers = run.workers.map((worker) => (worker === victim ? restarted : worker));
		run.restarted = waitUntilWorkersReady([restarted]);
		run.restarted.catch(() => undefined); // awaited before the workers stop

		const answer = await cut;
		gateway.failWhen(undefined);
		console.log(`[queue] ${victim.name} killed with ${reachedBeforeKill} of ${chosen.length} pushes at the gateway; the board's request got ${answer instanceof Error ? answer.message : answer.status} ${((Date.now() - killedAt) / 1000).toFixed(0)} s later`);

		await new Promise((resolve) => setTimeout(resolve, Math.max(0, killedAt + (CLAIM_LEASE_SECONDS + 2) * 1000 - Date.now())));
		const again = await expect200(marketing.post<{ outcomes: PushOutcome[] }>('board.send', { hitIds, channel: 'sms' }), 'board.send');
		const messages = await waitForMessages(gateway, chosen.length, 15_000);
		expect(hitsSentTwice(gateway)).toEqual([]);
		expect(messages.map((message) => message.to).sort()).toEqual(chosen.map((hit) => need(leadsById.get(hit.leadId), 'lead').phone).sort());
		const statuses = new Map((await hitsInStore()).map((hit) => [hit.hitId, hit.status]));
		expect(hitIds.map((hitId) => statuses.get(hitId))).toEqual(hitIds.map(() => 'in_progress'));
		for (const hit of chosen) run.texted.add(hit.leadId);
		console.log(`[queue] after the lease: ${messages.length} messages for ${chosen.length} hits, ${replays(gateway)} replays answered duplicate; outcomes ${again.outcomes.map((o) => o.outcome).join('/')}`);
	}, 3 * MINUTE);

	step("6. push-by-frequency's Run Now twice at once: the due tiers run once, each pending hit pushed once", async () => {
		const gateway = need(run.gateway, 'the gateway');
		gateway.reset();
		const pending = (await hitsInStore()).filter((hit) => hit.status === 'pending');
		const runNow = () => callWebhook<Array<{ tier: string }>>(config().baseUrl, 'push-by-frequency-run', { method: 'POST', headers: apiKey() });
		const answers = await Promise.all([runNow(), runNow()]);
		expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
		const tiers = answers.flatMap((answer) => (Array.isArray(answer.body) ? answer.body.map((tierRun) => tierRun.tier) : []));
		expect(new Set(tiers).size).toBe(tiers.length);
		expect(tiers).toContain('A');
		await waitForMessages(gateway, pending.length, 5_000);
		expect(hitsSentTwice(gateway)).toEqual([]);
		const sentHits = [...gateway.messages.values()].map((message) => Number((message.reference as { hitId?: unknown })?.hitId));
		expect(sentHits.every((hitId) => pending.some((hit) => hit.hitId === hitId))).toBe(true);
		expect(sentHits.length).toBeGreaterThan(0);
		console.log(`[queue] Run Now twice at once: tiers ${tiers.join(', ')}; ${sentHits.length} pushed once each, ${replays(gateway)} replays answered duplicate`);
	}, 2 * MINUTE);

	step('6a. a worker killed (SIGKILL) in the middle of an ingest, restarted, the daily run repeated: the log ingested once, its counts add up, no half batch', async () => {
		const ctx = dailyRunContext();
		const store = storeDatabase();
		const log = largeCallLog(callLog.day, 'KIL', LARGE_LOG_STRANGERS, roster.clean.slice(20, 26), 6061);
		const file = path.join(ctx.callLogDir, log.fileName);
		fs.writeFileSync(file, log.csv);

		const cut = triggerDailyRun(ctx, file).catch((error: Error) => error);
		await untilAsync(async () => (await store.connections()).copying > 0, 2 * MINUTE, "the ingest's COPY into the store");
		const victim = workerOfNewestExecution();
		killWorkerNow(victim);
		const killedAt = Date.now();
		const restarted = restartWorker(victim);
		// The killed worker's transaction is rolled back by PostgreSQL when its connection closes.
		await untilAsync(async () => (await store.connections()).copying === 0, MINUTE, 'the killed COPY to end');
		expect(await store.batchesOf(log.fileName)).toEqual([]);

		const again = await triggerDailyRun(ctx, file);
		const recoveredMs = Date.now() - killedAt;
		expect(again.ingest).toEqual([expect.objectContaining({ alreadyIngested: false, rowsRead: log.rows, accepted: log.rows, rejected: 0, duplicates: 0 })]);
		expect([...new Set(hitsOfRun(again.run, await hitsInStore()).map((hit) => hit.leadId))].sort()).toEqual(roster.clean.slice(20, 26).map((lead) => lead.leadId).sort());
		const batches = await store.batchesOf(log.fileName);
		expect(batches).toEqual([{ status: 'complete', rowsRead: log.rows, accepted: log.rows, rejected: 0, duplicates: 0, events: log.rows }]);
		expect(await store.orphanEvents()).toBe(0);
		const third = await triggerDailyRun(ctx, file);
		expect([third.run.newHits, third.ingest.map((ingest) => ingest.alreadyIngested)]).toEqual([0, [true]]);

		await restarted;
		const answer = await cut;
		console.log(
			`[queue] ${victim.name} killed in the middle of ingesting ${log.rows} rows (${(log.csv.length / 1e6).toFixed(0)} MB): the caller got ${answer instanceof Error ? answer.message.slice(0, 80) : 'an answer'}; ` +
				`the re-run ingested it once ${(recoveredMs / 1000).toFixed(1)} s after the kill (${batches[0]?.events} events, 1 complete batch, 0 orphan events)`,
		);
	}, 6 * MINUTE);

	step("6b. the store's PostgreSQL connections terminated in the middle of a daily run: it fails cleanly, the re-run ingests the log once, no half batch", async () => {
		const ctx = dailyRunContext();
		const store = storeDatabase();
		const log = largeCallLog(callLog.day, 'PGX', LARGE_LOG_STRANGERS, roster.clean.slice(26, 32), 6062);
		const file = path.join(ctx.callLogDir, log.fileName);
		fs.writeFileSync(file, log.csv);

		const cut = callWebhook<{ ingest?: Array<Record<string, unknown>>; run?: unknown }>(config().baseUrl, 'daily-monitor-run', {
			method: 'POST',
			headers: { ...apiKey(), 'content-type': 'application/json' },
			body: JSON.stringify({ filePath: file }),
		});
		await untilAsync(async () => (await store.connections()).copying > 0, 2 * MINUTE, "the ingest's COPY into the store");
		const terminated = await store.terminateConnections();
		const cutAt = Date.now();
		const answer = await cut;
		const answeredMs = Date.now() - cutAt;
		// Clean: an answer naming the failure (Call Log Ingest goes on with an error item), nothing stored of the log.
		const failure = answer.status === 200 ? answer.body.ingest?.find((item) => typeof item.error === 'string') : answer.text;
		expect(failure).toBeDefined();
		expect(await store.batchesOf(log.fileName)).toEqual([]);
		expect(await store.orphanEvents()).toBe(0);

		const again = await triggerDailyRun(ctx, file);
		const recoveredMs = Date.now() - cutAt;
		expect(again.ingest).toEqual([expect.objectContaining({ alreadyIngested: false, rowsRead: log.rows, accepted: log.rows, rejected: 0, duplicates: 0 })]);
		expect([...new Set(hitsOfRun(again.run, await hitsInStore()).map((hit) => hit.leadId))].sort()).toEqual(roster.clean.slice(26, 32).map((lead) => lead.leadId).sort());
		expect(await store.batchesOf(log.fileName)).toEqual([{ status: 'complete', rowsRead: log.rows, accepted: log.rows, rejected: 0, duplicates: 0, events: log.rows }]);
		expect(await store.orphanEvents()).toBe(0);
		console.log(
			`[queue] ${terminated} store connections terminated in the middle of an ingest: the caller got ${answer.status} ${(answeredMs / 1000).toFixed(1)} s later (${JSON.stringify(failure).slice(0, 160)}); ` +
				`the re-run ingested ${log.rows} rows once, ${(recoveredMs / 1000).toFixed(1)} s after the cut`,
		);
	}, 6 * MINUTE);

	step('6c. Redis shut down (nosave) and started again in the middle of a board send: the workers reconnect, the send repeated, each hit reached the gateway once', async () => {
		const cfg = config();
		const gateway = need(run.gateway, 'the gateway');
		const redis = need(run.redis, "the test's Redis");
		run.freshHits = (await hitsInStore())
			.filter((hit) => hit.status === 'pending' && roster.clean.slice(20, 32).some((lead) => lead.leadId === hit.leadId))
			.filter((hit, index, all) => all.findIndex((other) => other.leadId === hit.leadId) === index);
		const hits = run.freshHits.slice(0, 3);
		expect(hits).toHaveLength(3);
		const hitIds = hits.map((hit) => hit.hitId);
		gateway.reset();
		gateway.failWhen(() => ({ kind: 'slow', delayMs: 1_500 }));
		const marketing = await signIn(cfg.consoleAccounts.marketing.username, secrets().consoleMarketingPassword);

		// Not awaited: when Redis loses the job, n8n's main process never answers it (the fetch gives up after 120 s).
		let firstAnswer: string | undefined;
		let restartedAt = Date.now();
		const answeredAt = () => ((Date.now() - restartedAt) / 1000).toFixed(1);
		void marketing.post<{ outcomes: PushOutcome[] }>('board.send', { hitIds, channel: 'sms' }).then(
			(answer) => (firstAnswer = `${answer.status} ${answer.text.slice(0, 60)} ${answeredAt()} s after the restart`),
			(error: unknown) => (firstAnswer = `${String(error).slice(0, 60)} ${answeredAt()} s after the restart`),
		);
		await until(() => gateway.received.length > 0, MINUTE, 'the first push to reach the gateway');
		const downMs = await redis.restart();
		restartedAt = Date.now();
		await waitUntilWorkersReady(run.workers);
		const readyMs = Date.now() - restartedAt;
		gateway.failWhen(undefined);

		// The next execution through the restarted Redis: the same send (the claims of the one under way were released or run out).
		await new Promise((resolve) => setTimeout(resolve, Math.max(0, restartedAt + (CLAIM_LEASE_SECONDS + 2) * 1000 - Date.now())));
		const again = await expect200(marketing.post<{ outcomes: PushOutcome[] }>('board.send', { hitIds, channel: 'sms' }), 'board.send');
		const messages = await waitForMessages(gateway, hits.length, 15_000);
		expect(hitsSentTwice(gateway)).toEqual([]);
		expect(messages.map((message) => message.to).sort()).toEqual(hits.map((hit) => need(leadsById.get(hit.leadId), 'lead').phone).sort());
		const ledger = await storeDatabase().ledgerOf(hitIds);
		expect(ledger.map((row) => [row.hitId, row.channel, row.state])).toEqual([...hitIds].sort((a, b) => a - b).map((hitId) => [hitId, 'sms', 'sent']));
		for (const hit of hits) run.texted.add(hit.leadId);
		// n8n 2.40.7: a job Redis lost stays "active" in the main process, whose graceful stop then times out (step 8).
		run.mainLostAJob = !firstAnswer?.startsWith('200');
		console.log(
			`[queue] Redis away ${downMs} ms in the middle of a board send: workers ready ${(readyMs / 1000).toFixed(1)} s after, the send's caller got ${firstAnswer ?? `no answer ${answeredAt()} s after the restart`}; ` +
				`repeated: ${again.outcomes.map((o) => o.outcome).join('/')}, ${messages.length} messages for ${hits.length} hits, ${replays(gateway)} replays answered duplicate`,
		);
	}, 4 * MINUTE);

	step('6d. the gateway answers 500, then times out, then takes a message and drops the connection: each hit reached the gateway once, the ledger says sent for each', async () => {
		const cfg = config();
		const gateway = need(run.gateway, 'the gateway');
		const hits = run.freshHits.filter((hit) => !run.texted.has(hit.leadId)).slice(0, 3);
		expect(hits).toHaveLength(3);
		const hitIds = hits.map((hit) => hit.hitId);
		gateway.reset();
		gateway.failNext({ kind: 'status', status: 500 }, { kind: 'timeout' }, { kind: 'acceptThenDrop' });
		const marketing = await signIn(cfg.consoleAccounts.marketing.username, secrets().consoleMarketingPassword);
		const started = Date.now();
		const answer = await expect200(marketing.post<{ outcomes: PushOutcome[] }>('board.send', { hitIds, channel: 'sms' }), 'board.send');
		const tookMs = Date.now() - started;
		const messages = await waitForMessages(gateway, hits.length, 5_000);

		const verdicts = gateway.received.map((request) => request.verdict);
		expect(verdicts.slice(0, 3).sort()).toEqual(['accepted+drop', 'fault:status:500', 'fault:timeout']);
		// Exactly once per hit: one message each, the dropped one's retry answered as a duplicate under its key.
		expect(verdicts.filter((verdict) => verdict.startsWith('accepted'))).toHaveLength(hits.length);
		expect(verdicts.filter((verdict) => verdict === 'duplicate')).toHaveLength(1);
		expect([...gateway.sendsByKey().values()]).toEqual(hits.map(() => 1));
		expect(hitsSentTwice(gateway)).toEqual([]);
		expect(messages.map((message) => message.to).sort()).toEqual(hits.map((hit) => need(leadsById.get(hit.leadId), 'lead').phone).sort());
		expect(answer.outcomes.map((outcome) => outcome.outcome).sort()).toEqual(['duplicate', 'sent', 'sent']);
		const ledger = await storeDatabase().ledgerOf(hitIds);
		expect(ledger.map((row) => [row.hitId, row.state])).toEqual([...hitIds].sort((a, b) => a - b).map((hitId) => [hitId, 'sent']));
		expect(ledger.map((row) => row.attempts).sort()).toEqual([2, 2, 2]);
		const statuses = new Map((await hitsInStore()).map((hit) => [hit.hitId, hit.status]));
		expect(hitIds.map((hitId) => statuses.get(hitId))).toEqual(hitIds.map(() => 'in_progress'));
		for (const hit of hits) run.texted.add(hit.leadId);
		console.log(
			`[queue] gateway faults 500 / timeout / accept-then-drop on a board send of ${hits.length} hits: answered in ${(tookMs / 1000).toFixed(1)} s, ` +
				`${gateway.received.length} requests (${verdicts.join(', ')}), ${messages.length} messages; ledger ${ledger.map((row) => `${row.state}×${row.attempts}`).join(', ')}`,
		);
	}, 3 * MINUTE);

	step("6e. the store's PostgreSQL connections terminated in the middle of a board send: the send finishes on new connections, each hit reached the gateway once", async () => {
		const cfg = config();
		const gateway = need(run.gateway, 'the gateway');
		const store = storeDatabase();
		const hits = run.freshHits.filter((hit) => !run.texted.has(hit.leadId)).slice(0, 3);
		expect(hits).toHaveLength(3);
		const hitIds = hits.map((hit) => hit.hitId);
		gateway.reset();
		// Every gateway answer takes 1.5 s: the pushes are claimed and under way when the connections go.
		gateway.failWhen(() => ({ kind: 'slow', delayMs: 1_500 }));
		const marketing = await signIn(cfg.consoleAccounts.marketing.username, secrets().consoleMarketingPassword);

		const sending = marketing.post<{ outcomes: PushOutcome[] }>('board.send', { hitIds, channel: 'sms' });
		await until(() => gateway.received.length > 0, MINUTE, 'the first push to reach the gateway');
		const terminated = await store.terminateConnections();
		const answer = await expect200(sending, 'board.send');
		gateway.failWhen(undefined);
		// The outcomes are recorded on new connections: nothing is left claimed to be sent again.
		expect(answer.outcomes.map((outcome) => outcome.outcome)).toEqual(['sent', 'sent', 'sent']);
		const again = await expect200(marketing.post<{ outcomes: PushOutcome[] }>('board.send', { hitIds, channel: 'sms' }), 'board.send');
		expect(again.outcomes.map((outcome) => outcome.reasonCode)).toEqual(['not_pending', 'not_pending', 'not_pending']);
		const messages = await waitForMessages(gateway, hits.length, 5_000);
		expect(hitsSentTwice(gateway)).toEqual([]);
		expect(gateway.received).toHaveLength(hits.length);
		expect(messages.map((message) => message.to).sort()).toEqual(hits.map((hit) => need(leadsById.get(hit.leadId), 'lead').phone).sort());
		const ledger = await store.ledgerOf(hitIds);
		expect(ledger.map((row) => [row.hitId, row.channel, row.state])).toEqual([...hitIds].sort((a, b) => a - b).map((hitId) => [hitId, 'sms', 'sent']));
		const statuses = new Map((await hitsInStore()).map((hit) => [hit.hitId, hit.status]));
		expect(hitIds.map((hitId) => statuses.get(hitId))).toEqual(hitIds.map(() => 'in_progress'));
		for (const hit of hits) run.texted.add(hit.leadId);
		console.log(
			`[queue] ${terminated} store connections terminated while ${gateway.received.length} pushes were at the gateway: answered ${answer.outcomes.map((o) => o.outcome).join('/')}; ` +
				`repeated: ${again.outcomes.map((o) => o.outcome).join('/')}, ${messages.length} messages for ${hits.length} hits`,
		);
	}, 3 * MINUTE);

	step("7. n8n's records in PostgreSQL keep no clear ID or phone number (executions, soft-deleted too, and binary_data), nor do the processes' logs", async () => {
		const cfg = config();
		const values = [...roster.leads.flatMap((lead) => [lead.idNumber, lead.phone]), ...callLog.events.map((event) => event.idNumber)];
		const places = async () => ({
			...(await postgresRecords(queue())),
			binaryDataDirs: [...new Set([queue().binaryDataDir, ...run.workers.map((worker) => path.join(worker.config.n8nDataDir, 'storage'))])],
			logFiles: [cfg, ...run.workers.map((worker) => worker.config)].flatMap((each) => n8nLogFiles(each.userFolder)),
			tempFilesSince: need(run.startedAt, 'the start time'),
		});
		const started = Date.now();
		let scan = scanForPersonalData(await places(), values);
		console.log(`[queue] n8n's records right after the run: ${describeScan(scan)}`);
		while ((scan.found.length > 0 || scan.looked.softDeleted > 0) && Date.now() - started < 150_000) {
			await new Promise((resolve) => setTimeout(resolve, 5_000));
			scan = scanForPersonalData(await places(), values);
		}
		console.log(`[queue] n8n's records ${((Date.now() - started) / 1000).toFixed(0)} s later: ${describeScan(scan)}`);
		expect(scan.found).toEqual([]);
		expect(scan.looked.logFiles).toBe(3);
	}, 4 * MINUTE);

	step(
		'8. stops the workers and the main process cleanly',
		async () => {
			await run.restarted;
			const exits = await stopWorkers(run.workers);
			const server = run.server;
			const main = server ? await stopInstance(server) : undefined;
			copyLogs();
			expect(exits).toEqual(run.workers.map(() => ({ code: 0, signal: null })));
			if (main && run.mainLostAJob) {
				// The execution Redis lost is waited for until n8n's 30 s shutdown timeout: exit code 1, nothing else left behind.
				expect([main.code, main.signal, fs.readFileSync(config().logFile, 'utf8').includes('Shutdown timed out after 30 seconds')]).toEqual([1, null, true]);
			} else if (main) expect(main).toMatchObject({ code: 0, signal: null });
		},
		2 * MINUTE,
		{ always: true },
	);
});
