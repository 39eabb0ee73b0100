import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';

import type { BoardData, LeadBoardPage } from '../../lib/board';
import type { Paged, PushOutcome, SessionInfo } from '../../lib/console/api/contract';
import type { PublicHit } from '../../lib/hits';
import { maskPhone } from '../../lib/privacy';
import type { PublicLead } from '../../lib/roster';
import {
	deactivateScheduledWorkflows,
	findFreePortPair,
	instanceConfig,
	killInstanceNow,
	loadedPackageNodeTypes,
	logTail,
	prepareInstance,
	startInstance,
	stopInstance,
	type CredentialRecord,
	type DemoSecrets,
	type InstanceConfig,
	type N8nServer,
} from '../../scripts/lib/n8nInstance';
import { buildAndPack, installTarball } from '../../scripts/lib/packageTarball';
import type { ImportReport } from '../../lib/roster/import';
import { launchChromium } from './support/browser';
import { planCallLog } from './support/callLogs';
import { ConsoleApi, expect200 } from './support/consoleApi';
import { deliverCallLog, hitsOfRun, triggerDailyRun, type DailyRunContext } from './support/dailyRun';
import { createE2ePaths, removeE2ePaths, REPO_ROOT, type E2ePaths } from './support/e2ePaths';
import { executionRecords } from './support/executionRecords';
import { gatewayCredential, ReferenceGateway, waitForMessages } from './support/gateway';
import { describeScan, n8nLogFiles, scanForPersonalData, sqliteBinaryData, sqliteExecutions, type N8nRecordPlaces } from './support/personalDataScan';
import { killOnExit } from './support/processGuard';
import { buildRoster, rosterUpload } from './support/roster';
import { OPEN_ALL_HOURS_POLICY, pushScheduleOff, stageWorkflows } from './support/stagedWorkflows';
import { callWebhook, expectOk } from './support/webhooks';

const MINUTE = 60_000;
const FIRST_PORT = Number(process.env.LEAD_MONITOR_E2E_PORT ?? 5690);
const GRADE_OF_PRESET: Record<string, string> = { 'active-institutions': 'B', 'key-behaviour': 'A' };
/** The console workflow's id (workflows/console.json). */
const CONSOLE_WORKFLOW_ID = 'leadConsole';
/** The number the test push goes to. */
const TEST_PHONE = '13700009999';

const roster = buildRoster();
const callLog = planCallLog(roster.clean);
const leadsById = new Map(roster.leads.map((lead) => [lead.leadId, lead]));

/** Push Gate → Publish's item. */
interface PublishedItem {
	kind: string;
	published: boolean;
	version: number;
	basedOn: number | null;
	author: string;
	note: string;
}

/** Push Gate → Finish Tier Run's item, as push-by-frequency's Run Now answers with it. */
interface TierRunItem {
	tier: string;
	periodKey: string;
	frequenciesVersion: number | null;
	finishedAt: string | null;
	summary: { pushes: Record<string, Record<string, number>>; stillPending: number };
}

/** What the steps hand on to the next; a missing piece means an earlier step failed. */
const run: {
	paths?: E2ePaths;
	config?: InstanceConfig;
	packageDir?: string;
	gateway?: ReferenceGateway;
	secrets?: DemoSecrets;
	credentials?: CredentialRecord[];
	server?: N8nServer;
	browser?: Browser;
	created?: number;
	storeHits?: PublicHit[];
	admin?: ConsoleApi;
	marketing?: ConsoleApi;
	/** Session cookies the console handed out: none may stay in n8n's records. */
	sessionTokens: string[];
	unguard?: () => void;
	/** When n8n was started: temp files changed since are looked through for uploads. */
	startedAt?: number;
} = { sessionTokens: [] };

function need<T>(value: T | undefined, what: string): T {
	if (value === undefined) throw new Error(`${what} is missing: an earlier step failed`);
	return value;
}

const config = () => need(run.config, 'the n8n instance configuration');
const secrets = () => need(run.secrets, 'the secrets');
const apiKey = () => ({ [config().importApiKeyHeader]: secrets().importApiKey });

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

/** The hits the batch SMS goes to: the first three on the board, one per lead. */
function smsHits(): PublicHit[] {
	const hits = [...need(run.storeHits, 'the hits in the store')].sort(boardOrder);
	return hits.filter((hit, index) => hits.findIndex((other) => other.leadId === hit.leadId) === index).slice(0, 3);
}

const pairs = (hits: Array<{ leadId: string; ruleId: string }>) => hits.map((hit) => `${hit.leadId} ${hit.ruleId}`).sort();
const expectedPairs = [...callLog.expectedHits].flatMap(([leadId, ruleIds]) => ruleIds.map((ruleId) => `${leadId} ${ruleId}`)).sort();
/** "rule count" per rule of "lead rule" pairs, by rule id: a run summary's byRule. */
const countsByRule = (leadRulePairs: string[]) => {
	const counts = new Map<string, number>();
	for (const pair of leadRulePairs) counts.set(pair.split(' ')[1], (counts.get(pair.split(' ')[1]) ?? 0) + 1);
	return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([ruleId, count]) => `${ruleId} ${count}`);
};

/** The board's default order: hit date, then hit id, newest first. */
const boardOrder = (a: PublicHit, b: PublicHit) => b.hitDate.localeCompare(a.hitDate) || b.hitId - a.hitId;

async function hitsInStore(): Promise<PublicHit[]> {
	const listed = await expectOk<Array<Partial<PublicHit>>>(config().baseUrl, 'e2e-hit-list', { headers: apiKey() });
	return listed.filter((hit): hit is PublicHit => typeof hit.hitId === 'number');
}

/** Signs in to the console over HTTP and keeps the session cookie, to look for it in n8n's records at the end. */
async function signIn(username: string, password: string): Promise<ConsoleApi> {
	const api = new ConsoleApi(config().baseUrl);
	const answer = await api.login(username, password);
	if (answer.status !== 200) throw new Error(`${username} could not sign in: ${answer.status} ${answer.text.slice(0, 300)}`);
	run.sessionTokens.push(need(api.cookie, 'the session cookie').split('=')[1]);
	return api;
}

/** Every clear ID number and phone number n8n received: the roster's, the call log's, the test push's. */
function personalValues(): string[] {
	const idsInBadRows = callLog.badRows.map((row) => row.split(',')[1]);
	return [...roster.leads.flatMap((lead) => [lead.idNumber, lead.phone]), ...callLog.events.map((event) => event.idNumber), ...idsInBadRows, TEST_PHONE];
}

/** Where n8n keeps what it receives: its SQLite executions and binary_data, its binary-data folders, its log, new temp files. */
async function n8nRecordPlaces(): Promise<N8nRecordPlaces> {
	const cfg = config();
	return {
		executions: await sqliteExecutions(cfg),
		binaryDataRows: await sqliteBinaryData(cfg),
		binaryDataDirs: [path.join(cfg.n8nDataDir, 'storage'), path.join(cfg.n8nDataDir, 'binaryData')],
		logFiles: n8nLogFiles(cfg.userFolder),
		tempFilesSince: need(run.startedAt, 'the start time'),
	};
}

function copyN8nLog(): void {
	if (run.config && run.paths && fs.existsSync(run.config.logFile)) fs.copyFileSync(run.config.logFile, path.join(run.paths.outputDir, 'n8n.log'));
}

let failedStep: string | undefined;

/**
 * A test step. The steps build on each other: after a failure the later ones fail at once,
 * naming it, and the failure itself carries the end of n8n's log.
 */
function step(name: string, work: () => Promise<void>, timeout: number, { always = false } = {}): void {
	it(
		name,
		async () => {
			if (failedStep && !always) throw new Error(`Not run: step "${failedStep}" failed.`);
			try {
				await work();
			} catch (error) {
				failedStep = name.split(' ')[0];
				if (run.config && error instanceof Error && fs.existsSync(run.config.logFile)) {
					error.message += `\n\nLast lines of ${run.config.logFile} (kept as test-output/e2e/n8n.log):\n${logTail(run.config, 40)}`;
				}
				throw error;
			}
		},
		timeout,
	);
}

afterAll(async () => {
	await run.browser?.close().catch(() => undefined);
	if (run.server && !run.server.hasExited()) {
		await stopInstance(run.server).catch(() => killInstanceNow(run.server));
	}
	await run.gateway?.close();
	copyN8nLog();
	run.unguard?.();
	removeE2ePaths(run.paths);
}, 2 * MINUTE);

describe('Lead Monitor end to end: the packed package in a real n8n, driven over HTTP and in Chromium', () => {
	step('1. packs the package and installs the tarball into a fresh n8n user folder', async () => {
		run.paths = createE2ePaths();
		const port = await findFreePortPair(FIRST_PORT);
		run.config = instanceConfig({ userFolder: run.paths.userFolder, port, workflowsDir: path.join(run.paths.root, 'workflows') });

		const tarball = await buildAndPack(run.config, run.paths.packDir, run.paths.stepLog);
		run.packageDir = await installTarball(run.config, tarball, run.paths.stepLog);

		const ours = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
		const installed = JSON.parse(fs.readFileSync(path.join(run.packageDir, 'package.json'), 'utf8'));
		expect(installed).toMatchObject({ name: ours.name, version: ours.version });
		for (const file of [...installed.n8n.nodes, ...installed.n8n.credentials]) {
			expect(fs.existsSync(path.join(run.packageDir, file))).toBe(true);
		}
		// A published package holds dist/ only: no sources, tests or local caches.
		expect(fs.readdirSync(run.packageDir).filter((name) => !['dist', 'package.json', 'README.md', 'LICENSE', 'node_modules'].includes(name))).toEqual([]);

		// The shipped workflows as the package carries them, and the test's own.
		const shippedDir = path.join(run.packageDir, 'dist', 'workflows');
		stageWorkflows(
			[
				...fs.readdirSync(shippedDir).filter((name) => name.endsWith('.json')).map((name) => path.join(shippedDir, name)),
				...fs.readdirSync(path.join(__dirname, 'workflows')).map((name) => path.join(__dirname, 'workflows', name)),
			],
			run.config.workflowsDir,
		);
		pushScheduleOff(path.join(run.config.workflowsDir, 'push-by-frequency.json'));
	}, 10 * MINUTE);

	step('2–3. starts the pinned n8n with the package, its credentials and every workflow; webhooks and schedules active', async () => {
		const cfg = config();
		run.gateway = await ReferenceGateway.start();
		// On a fresh machine this installs n8n first (~5–8 minutes).
		const prepared = await prepareInstance(cfg, { credentials: [gatewayCredential(run.gateway)] });
		run.startedAt = Date.now();
		run.secrets = prepared.secrets;
		run.credentials = prepared.credentials;

		const started = await startInstance(cfg, prepared.workflows, {
			onSpawn: (server) => {
				run.server = server;
				run.unguard = killOnExit(() => {
					killInstanceNow(server);
					removeE2ePaths(run.paths);
				});
			},
		});

		const packageNodes = JSON.parse(fs.readFileSync(path.join(need(run.packageDir, 'the package'), 'package.json'), 'utf8')).n8n.nodes as string[];
		const expectedTypes = packageNodes.map((file) => {
			const className = path.basename(file, '.node.js');
			return `${cfg.packageName}.${className[0].toLowerCase()}${className.slice(1)}`;
		});
		// Nodes usable as AI tools are listed a second time, as <node>Tool.
		const loaded = await loadedPackageNodeTypes(cfg, started.cookie);
		expect(loaded.filter((type) => !(type.endsWith('Tool') && loaded.includes(type.slice(0, -4))))).toEqual(expectedTypes.sort());

		// Every workflow activated (startInstance throws otherwise); schedule-only ones go off again,
		// and the push workflow's schedule is disabled in the test's copy (it runs through its Run Now
		// webhook), so that only this test's own requests send anything.
		const switchedOff = await deactivateScheduledWorkflows(cfg, started.cookie, prepared.workflows);
		console.log(`[e2e] n8n ready on ${cfg.baseUrl}; scheduled-only workflows switched off again: ${switchedOff.join(', ') || 'none'}`);
	}, 20 * MINUTE);

	step("3a. publishes the all-hours contact policy from a Push Gate (Publish): the saved policy's version 2, which the shipped Push Gates use", async () => {
		const cfg = config();
		const publish = () =>
			expectOk<PublishedItem>(cfg.baseUrl, 'e2e-publish-policy', {
				method: 'POST',
				headers: { ...apiKey(), 'content-type': 'application/json' },
				body: JSON.stringify({ policy: OPEN_ALL_HOURS_POLICY, note: 'E2E：全天可推送' }),
			});
		expect(await publish()).toMatchObject({
			kind: 'policy',
			published: true,
			version: 2,
			basedOn: 1,
			author: 'n8n: E2E: publish a contact policy (Push Gate → Policy → Publish over HTTP) / Publish Policy',
			note: 'E2E：全天可推送',
		});
		// The same policy again: nothing new to save.
		expect(await publish()).toMatchObject({ published: false, version: 2 });
	}, 2 * MINUTE);

	step('4. imports the roster through the import webhook: every row accounted for, a second upload creates nothing', async () => {
		const cfg = config();
		const headers = apiKey();

		const refused = await callWebhook(cfg.baseUrl, 'lead-import', { method: 'POST', body: rosterUpload(roster.csv) });
		expect([401, 403]).toContain(refused.status);

		const report = await expectOk<ImportReport>(cfg.baseUrl, 'lead-import', { method: 'POST', headers, body: rosterUpload(roster.csv) });
		expect(report.rowsRead).toBe(roster.leads.length);
		expect(report.created + report.updated + report.rejectedCount + report.duplicateCount).toBe(report.rowsRead);
		expect(report.updated).toBe(0);
		expect(report.rejectedCount).toBeGreaterThan(0);
		expect(new Set(report.rejected.map((r) => r.row)).size).toBe(report.rejectedCount);
		const flaggedRows = new Set([...report.rejected.map((r) => r.row), ...report.duplicates.map((d) => d.row)]);
		const flaggedClean = roster.clean.map((_, index) => index + 2).filter((row) => flaggedRows.has(row));
		expect(flaggedClean).toEqual([]);
		const reportText = JSON.stringify(report);
		for (const lead of roster.leads) {
			expect(reportText).not.toContain(lead.idNumber);
			expect(reportText).not.toContain(lead.phone);
		}

		const again = await expectOk<ImportReport>(cfg.baseUrl, 'lead-import', { method: 'POST', headers, body: rosterUpload(roster.csv) });
		expect(again.rowsRead).toBe(report.rowsRead);
		expect(again.created).toBe(0);
		// Lead Cleanse deleted each upload from n8n's binary-data folder once read: nothing of the roster
		// is left even before n8n's pruning (step 7i checks everything after it).
		const afterUploads = scanForPersonalData(await n8nRecordPlaces(), personalValues());
		console.log(`[e2e] n8n's records right after the two roster uploads: ${describeScan(afterUploads)}`);
		expect(afterUploads.found).toEqual([]);
		run.created = report.created;
		console.log(`[e2e] roster: ${report.rowsRead} rows, ${report.created} created, ${report.rejectedCount} rejected, ${report.duplicateCount} duplicates`);
	}, 2 * MINUTE);

	step("5. delivers yesterday's call log and runs the daily evaluation: the expected new hits, none on a second run", async () => {
		const ctx = dailyRunContext();
		deliverCallLog(ctx);
		const first = await triggerDailyRun(ctx);
		// The answer is the run's summary: the hits are read from the store by the run's id range.
		expect(pairs(hitsOfRun(first.run, await hitsInStore()))).toEqual(expectedPairs);
		expect(first.run).toMatchObject({ businessDate: callLog.day, newHits: expectedPairs.length, logGaps: [], missedDates: [] });
		expect(first.run.byRule.map((rule) => `${rule.ruleId} ${rule.newHits}`)).toEqual(countsByRule(expectedPairs));
		const second = await triggerDailyRun(ctx);
		expect(second.run).toMatchObject({ newHits: 0, hitIds: null, byRule: [], matches: first.run.matches, alreadyHit: first.run.matches });
		expect(pairs(await hitsInStore())).toEqual(expectedPairs);
		const rows = callLog.events.length + callLog.badRows.length;
		expect(first.ingest).toEqual([
			expect.objectContaining({
				file: expect.stringContaining(callLog.fileName),
				alreadyIngested: false,
				rowsRead: rows,
				accepted: callLog.events.length,
				rejected: callLog.badRows.length,
				duplicates: 0,
				days: [callLog.day],
			}),
		]);
		expect(second.ingest).toEqual([expect.objectContaining({ alreadyIngested: true })]);
	}, 5 * MINUTE);

	step('6. has exactly those hits in the store: masked, pending, dated yesterday, graded by their rule (ruleGrade)', async () => {
		const hits = await hitsInStore();
		expect(pairs(hits)).toEqual(expectedPairs);
		for (const hit of hits) {
			const lead = need(leadsById.get(hit.leadId), `roster lead ${hit.leadId}`);
			expect(hit).toMatchObject({
				status: 'pending',
				hitDate: callLog.day,
				ruleGrade: GRADE_OF_PRESET[hit.ruleId],
				source: lead.sourceChannel,
				phone: maskPhone(lead.phone),
			});
			expect(hit.leadName).not.toBe(lead.name);
			expect(hit.leadName).toContain('*');
			expect(hit.reason).toMatch(/核验|查询/);
		}
		run.storeHits = hits;
	}, 2 * MINUTE);

	step("7. serves the console: the page outside n8n's webhook sandbox, its assets (hashed ones cached a year), nothing beside them; the old board URL leads there", async () => {
		const cfg = config();
		const page = await callWebhook<string>(cfg.baseUrl, 'console');
		expect([200, 503]).toContain(page.status);
		expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
		expect(page.headers.get('x-frame-options')).toBe('DENY');
		expect(page.headers.get('cache-control')).toBe(page.status === 200 ? 'no-cache' : 'no-store');
		// n8n's "Content-Security-Policy: sandbox" would give the page an opaque origin: no session cookie, no API.
		expect(page.headers.get('content-security-policy') ?? '').not.toContain('sandbox');
		if (page.status === 200) {
			expect(page.text).toContain('<base href="/webhook/console/">');
			const script = /src="\.\/assets\/([^"]+\.js)"/.exec(page.text)?.[1];
			const asset = await callWebhook<string>(cfg.baseUrl, `console/assets/${need(script, 'the page\'s script')}`);
			expect(asset.status).toBe(200);
			expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
			expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
			const again = await callWebhook(cfg.baseUrl, `console/assets/${script}`, { headers: { 'if-none-match': need(asset.headers.get('etag') ?? undefined, 'the ETag') } });
			expect(again.status).toBe(304);
		} else {
			expect(page.text).toContain('控制台尚未构建');
			console.log('[e2e] dist/console is not built in this package: the console page says so (503)');
		}
		for (const file of ['..%2Findex.html', '.env', 'missing-00000000.js']) {
			expect((await callWebhook(cfg.baseUrl, `console/assets/${file}`)).status).toBe(404);
		}
		const old = await callWebhook(cfg.baseUrl, 'lead-board');
		expect([old.status, old.headers.get('location')]).toEqual([302, 'console#/board']);
	}, 2 * MINUTE);

	step('7a. signs in to the console API with the seeded administrator: the session cookie HttpOnly, SameSite=Strict, Path=/webhook/console; the roster and the board read back, nothing unmasked', async () => {
		const hits = need(run.storeHits, 'the hits in the store');
		const admin = await signIn(config().consoleAccounts.admin.username, secrets().consoleAdminPassword);
		run.admin = admin;
		const cookie = need(admin.setCookie ?? undefined, 'the Set-Cookie header');
		expect(cookie).toMatch(/^lm_console=[A-Za-z0-9_-]{20,}; Path=\/webhook\/console; HttpOnly; SameSite=Strict$/);

		const session = await expect200(admin.get<SessionInfo>('session.get'), 'session.get');
		expect(session.staff).toMatchObject({ username: 'admin', role: 'admin', disabled: false });
		const leads = await expect200(admin.get<Paged<PublicLead>>('leads.list', { pageSize: '100' }), 'leads.list');
		expect(leads.total).toBe(need(run.created, 'the roster import'));

		const board = await expect200(admin.get<BoardData>('board.data'), 'board.data');
		expect(board.kpis).toMatchObject({ total: hits.length, newToday: hits.length, awaiting: hits.length, monthHits: hits.length, monthConverted: 0 });
		expect(board.hits.total).toBe(hits.length);
		const expected = [...hits].sort(boardOrder).slice(0, board.hits.items.length);
		expect(board.hits.items.map((hit) => hit.hitId)).toEqual(expected.map((hit) => hit.hitId));
		expect(board.hits.items).toEqual(expected.map((hit) => expect.objectContaining({ hitId: hit.hitId, leadName: hit.leadName, phone: hit.phone, grade: hit.grade, reason: hit.reason })));
		const text = JSON.stringify([board, leads]);
		for (const lead of roster.leads) {
			expect(text).not.toContain(lead.phone);
			expect(text).not.toContain(lead.idNumber);
		}
		for (const hit of hits) expect(JSON.stringify(board)).not.toContain(need(leadsById.get(hit.leadId), 'lead').name);
	}, 2 * MINUTE);

	step('7b. refuses what it must: a POST without the CSRF token, from a page of another origin (403); no session, a wrong password (401); a viewer sending (403)', async () => {
		const cfg = config();
		const admin = need(run.admin, 'the administrator session');
		const noToken = await admin.post('leads.create', { name: '跨站', phone: '13812341299' }, { csrf: null });
		expect([noToken.status, (noToken.body as { error: { code: string } }).error.code]).toEqual([403, 'csrf']);
		const otherSite = await admin.post('leads.create', { name: '跨站', phone: '13812341299' }, { origin: 'http://evil.example' });
		expect([otherSite.status, (otherSite.body as { error: { code: string } }).error.code]).toEqual([403, 'origin']);
		// What n8n's own webhook CORS does with a preflight from another site (measured; the console's origin check above is what refuses).
		const preflight = await fetch(`${cfg.baseUrl}/webhook/console/api/leads.create`, {
			method: 'OPTIONS',
			headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-csrf-token, content-type' },
		});
		console.log(`[e2e] n8n's answer to a preflight from http://evil.example: ${preflight.status}, Access-Control-Allow-Origin: ${preflight.headers.get('access-control-allow-origin')}, Allow-Credentials: ${preflight.headers.get('access-control-allow-credentials')}`);
		expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();

		const anonymous = new ConsoleApi(cfg.baseUrl);
		expect((await anonymous.get('leads.list')).status).toBe(401);
		expect((await anonymous.login('admin', `${secrets().consoleAdminPassword}x`)).status).toBe(401);
		const viewer = await signIn(cfg.consoleAccounts.viewer.username, secrets().consoleViewerPassword);
		expect((await viewer.post('board.send', { hitIds: [1], channel: 'sms' })).status).toBe(403);
		expect((await viewer.get('leads.list')).status).toBe(200);
	}, 2 * MINUTE);

	step('7c. batch SMS from the console\'s board: exactly the selected hits reach the gateway, each answered sent, audited', async () => {
		const gateway = need(run.gateway, 'the gateway');
		gateway.reset();
		const chosen = smsHits();
		const marketing = await signIn(config().consoleAccounts.marketing.username, secrets().consoleMarketingPassword);
		run.marketing = marketing;
		const answer = await expect200(marketing.post<{ outcomes: PushOutcome[] }>('board.send', { hitIds: chosen.map((hit) => hit.hitId), channel: 'sms' }), 'board.send');
		expect(answer.outcomes.map((o) => [o.hitId, o.outcome])).toEqual(chosen.map((hit) => [hit.hitId, 'sent']));

		const messages = await waitForMessages(gateway, chosen.length);
		const byHit = (a: { hitId: number }, b: { hitId: number }) => a.hitId - b.hitId;
		const sent = messages.map((message) => ({ hitId: Number((message.reference as { hitId?: unknown })?.hitId), channel: message.channel, to: message.to }));
		const wanted = chosen.map((hit) => ({ hitId: hit.hitId, channel: 'sms', to: need(leadsById.get(hit.leadId), `lead ${hit.leadId}`).phone }));
		expect(sent.sort(byHit)).toEqual(wanted.sort(byHit));
		expect(new Set(messages.map((message) => message.idempotencyKey)).size).toBe(messages.length);

		const audit = await expect200(need(run.admin, 'the administrator').get<Paged<{ actor: string; action: string; detail: { outcomes: Array<{ hitId: number; outcome: string }> } }>>('audit.list', { action: 'hits.send' }), 'audit.list');
		expect(audit.rows[0]).toMatchObject({ actor: 'marketing', action: 'hits.send' });
		expect(audit.rows[0].detail.outcomes.map((o) => o.outcome)).toEqual(chosen.map(() => 'sent'));
	}, 2 * MINUTE);

	step('7d. status changes from the console\'s board: the store and the KPIs follow', async () => {
		const marketing = need(run.marketing, 'the marketing session');
		// Hits of grade A stay pending for 7e, whose hourly tier A is the one always due (the hit ids, and so
		// the board's order, follow the evaluation's row order, which may differ from run to run).
		const hits = [...need(run.storeHits, 'the hits in the store')].filter((hit) => hit.grade !== 'A').sort(boardOrder);
		const [contacted, converted] = hits.slice(-2);
		for (const [hit, status] of [
			[contacted, 'in_progress'],
			[converted, 'converted'],
		] as const) {
			const moved = await expect200(marketing.post<{ changed: number }>('board.status', { hitIds: [hit.hitId], status }), 'board.status');
			expect(moved.changed).toBe(1);
		}
		const now = await hitsInStore();
		expect(now.find((hit) => hit.hitId === contacted.hitId)?.status).toBe('in_progress');
		expect(now.find((hit) => hit.hitId === converted.hitId)?.status).toBe('converted');
		const board = await expect200(marketing.get<BoardData>('board.data'), 'board.data');
		expect(board.kpis).toMatchObject({ total: now.length, awaiting: now.filter((hit) => hit.status === 'pending').length, monthConverted: 1 });
	}, 2 * MINUTE);

	step("7e. push-by-frequency's Run Now: the tiers due now push their pending hits once, on the saved policy; a second run finds nothing due", async () => {
		const cfg = config();
		const gateway = need(run.gateway, 'the gateway');
		gateway.reset();
		const pending = (await hitsInStore()).filter((hit) => hit.status === 'pending');
		const runNow = () => callWebhook<TierRunItem[]>(cfg.baseUrl, 'push-by-frequency-run', { method: 'POST', headers: apiKey() });

		const answer = await runNow();
		expect(answer.status).toBe(200);
		const runs = answer.body;
		// A fresh store: every tier whose time has come this period is due; A (hourly, on the hour) always is.
		// The cold-start tiers are named after the grade they push.
		expect(runs.map((tierRun) => tierRun.tier)).toContain('A');
		expect(new Set(runs.map((tierRun) => tierRun.periodKey)).size).toBe(runs.length);
		// A tier takes a scored lead's hits by the lead's fit letter (the daily run scored them), others by the rule's grade.
		const fitOfLead = new Map<string, string>();
		for (let page = 1; ; page++) {
			const leads = await expect200(need(run.admin, 'the administrator session').get<LeadBoardPage>('board.leads', { page: String(page), pageSize: '50' }), 'board.leads');
			for (const row of leads.items) if (row.grade) fitOfLead.set(row.leadId, row.grade[0]);
			if (page * leads.pageSize >= leads.total) break;
		}
		// A hit carries one grade, the one it is pushed by: its lead's fit letter once scored, else its rule's.
		for (const hit of pending) if (fitOfLead.has(hit.leadId)) expect([hit.hitId, hit.grade]).toEqual([hit.hitId, fitOfLead.get(hit.leadId)]);
		const tierOf = (hit: PublicHit) => String(hit.grade);
		// Push Gate's channel "by grade" reads that same grade: A by call, the rest by SMS.
		const channelOf = (hit: PublicHit) => (tierOf(hit) === 'A' ? 'call' : 'sms');
		const ran = new Set(runs.map((tierRun) => tierRun.tier));
		const candidates = new Map(pending.filter((hit) => ran.has(tierOf(hit))).map((hit) => [hit.hitId, hit]));

		const messages = [...gateway.messages.values()];
		const sentIds = messages.map((message) => Number((message.reference as { hitId?: unknown })?.hitId));
		expect(new Set(sentIds).size).toBe(messages.length);
		expect(new Set(messages.map((message) => message.idempotencyKey)).size).toBe(messages.length);
		for (const [index, message] of messages.entries()) {
			const hit = need(candidates.get(sentIds[index]), `pending hit ${sentIds[index]} of a tier that ran`);
			expect(message.channel).toBe(channelOf(hit));
			expect(message.to).toBe(need(leadsById.get(hit.leadId), `lead ${hit.leadId}`).phone);
		}
		// The caps allow one SMS and one call a day per person: a lead is reached at most once per channel by
		// this run, and a hit left pending is one of a lead already reached on its channel today, by this run
		// or by the console's board (7c texted). Which tiers are due depends on the hour (B is due from 09:15).
		const reached = new Set(smsHits().map((hit) => `sms ${hit.leadId}`));
		const reachedNow = sentIds.map((hitId) => {
			const hit = need(candidates.get(hitId), `hit ${hitId}`);
			return `${channelOf(hit)} ${hit.leadId}`;
		});
		expect(new Set(reachedNow).size).toBe(reachedNow.length);
		for (const key of reachedNow) reached.add(key);
		const unsent = [...candidates.values()].filter((hit) => !sentIds.includes(hit.hitId));
		expect(unsent.filter((hit) => !reached.has(`${channelOf(hit)} ${hit.leadId}`)).map((hit) => hit.hitId)).toEqual([]);
		expect(messages.length).toBeGreaterThan(0);

		// Each tier's run is recorded after its pushes, with what it did.
		for (const tierRun of runs) {
			const ofTier = [...candidates.values()].filter((hit) => tierOf(hit) === tierRun.tier);
			const sent = ofTier.filter((hit) => sentIds.includes(hit.hitId));
			const pushes: Record<string, { sent: number }> = {};
			for (const hit of sent) pushes[channelOf(hit)] = { sent: (pushes[channelOf(hit)]?.sent ?? 0) + 1 };
			expect(tierRun).toMatchObject({ frequenciesVersion: 1, finishedAt: expect.any(String) });
			expect(tierRun.summary).toEqual({ pushes, stillPending: ofTier.length - sent.length });
		}
		const after = new Map((await hitsInStore()).map((hit) => [hit.hitId, hit.status]));
		expect(sentIds.map((hitId) => after.get(hitId))).toEqual(sentIds.map(() => 'in_progress'));

		// The same periods again (a second trigger): nothing is due, nothing is sent.
		const again = await runNow();
		expect(again.status).toBe(200);
		expect(again.text).toBe('');
		await waitForMessages(gateway, messages.length + 1, 2_000);
		expect(gateway.messages.size).toBe(messages.length);
		console.log(`[e2e] push-by-frequency: tiers ${runs.map((tierRun) => tierRun.periodKey).join(', ')}; ${messages.length} sent, ${unsent.length} held by the caps (one SMS and one call a day)`);
	}, 3 * MINUTE);

	step('7f. a test push under the saved contact policy: sent to the number when it lets it, held naming the rule when not', async () => {
		const gateway = need(run.gateway, 'the gateway');
		const admin = need(run.admin, 'the administrator session');
		const marketing = need(run.marketing, 'the marketing session');
		gateway.reset();
		const active = await expect200(admin.get<{ version: number }>('policy.active'), 'policy.active');
		const open = await expect200(admin.post<{ active: { version: number } }>('policy.save', { body: OPEN_ALL_HOURS_POLICY, note: 'E2E 全天', baseVersion: active.version }), 'policy.save');
		const sent = await expect200(marketing.post<PushOutcome>('push.test', { phone: TEST_PHONE, channel: 'sms' }), 'push.test');
		expect(sent).toMatchObject({ hitId: null, channel: 'sms', outcome: 'sent' });
		const [message] = await waitForMessages(gateway, 1);
		expect([message.to, message.templateId, gateway.messages.size]).toEqual([TEST_PHONE, 'SMS_TEST', 1]);

		const closed = { ...OPEN_ALL_HOURS_POLICY, id: 'e2e-closed', title: 'E2E：暂停短信', caps: { ...OPEN_ALL_HOURS_POLICY.caps, sms: { day: 0 } } };
		await expect200(admin.post('policy.save', { body: closed, note: 'E2E 暂停短信', baseVersion: open.active.version }), 'policy.save');
		const held = await expect200(marketing.post<PushOutcome>('push.test', { phone: TEST_PHONE, channel: 'sms' }), 'push.test');
		expect(held).toMatchObject({ outcome: 'held', reasonCode: 'cap_day', reason: expect.stringContaining('策略不允许短信'), earliest: null });
		await new Promise((resolve) => setTimeout(resolve, 1_000));
		expect(gateway.messages.size).toBe(1);
	}, 2 * MINUTE);

	step('7g. in Chromium, the console\'s page keeps its session: a login from the page, then session.get with the cookie', async () => {
		const cfg = config();
		run.browser = await launchChromium();
		const context = await run.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
		const page = await context.newPage();
		await page.goto(`${cfg.baseUrl}/webhook/console`, { waitUntil: 'load' });
		const viewer = cfg.consoleAccounts.viewer.username;
		const statuses = await page.evaluate(
			async ({ username, password }) => {
				const login = await fetch('/webhook/console/api/session.login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
				const session = await fetch('/webhook/console/api/session.get');
				const browser = globalThis as unknown as { origin: string; document: { cookie: string } };
				return { login: login.status, session: session.status, origin: browser.origin, readable: browser.document.cookie };
			},
			{ username: viewer, password: secrets().consoleViewerPassword },
		);
		// An opaque origin ("null") would mean n8n's sandbox is on: no cookie kept, session.get 401.
		expect(statuses).toEqual({ login: 200, session: 200, origin: cfg.baseUrl, readable: '' });
		const [cookie] = (await context.cookies()).filter((c) => c.name === 'lm_console');
		expect(cookie).toMatchObject({ path: '/webhook/console', httpOnly: true, sameSite: 'Strict', secure: false });
		run.sessionTokens.push(cookie.value);
		await context.close();
	}, 2 * MINUTE);

	step("7h. n8n's own records keep no console execution with a password or a session cookie in it (soft-deleted rows and binary files included)", async () => {
		const cfg = config();
		const texts = [secrets().consoleAdminPassword, secrets().consoleMarketingPassword, secrets().consoleViewerPassword, ...run.sessionTokens];
		const started = Date.now();
		let records = await executionRecords(cfg, CONSOLE_WORKFLOW_ID, texts);
		console.log(`[e2e] console executions in n8n's database right after the requests: ${records.executions.length} (soft-deleted: ${records.executions.filter((e) => e.deletedAt).length}), holding a password or cookie: ${records.holding.length}`);
		// Not saved, n8n soft-deletes them at the end; its pruning hard-deletes them every
		// EXECUTIONS_DATA_PRUNE_HARD_DELETE_INTERVAL minutes (npm start sets 1).
		while ((records.executions.length > 0 || records.files.length > 0) && Date.now() - started < 150_000) {
			await new Promise((resolve) => setTimeout(resolve, 5_000));
			records = await executionRecords(cfg, CONSOLE_WORKFLOW_ID, texts);
		}
		console.log(`[e2e] console executions gone from n8n's database ${((Date.now() - started) / 1000).toFixed(0)} s later`);
		expect(records).toEqual({ executions: [], holding: [], files: [] });
	}, 4 * MINUTE);

	step("7i. n8n's own records keep no clear ID number or phone number of what it received (roster, call log, test push): executions (soft-deleted too), binary data, logs, uploads in the temp folder", async () => {
		const cfg = config();
		const values = personalValues();
		const started = Date.now();
		let scan = scanForPersonalData(await n8nRecordPlaces(), values);
		console.log(`[e2e] n8n's records right after the run: ${describeScan(scan)}`);
		// Executions that saved nothing are soft-deleted at their end and hard-deleted (binary data
		// with them) by n8n's pruning every EXECUTIONS_DATA_PRUNE_HARD_DELETE_INTERVAL minutes (1 here).
		while ((scan.found.length > 0 || scan.looked.softDeleted > 0) && Date.now() - started < 150_000) {
			await new Promise((resolve) => setTimeout(resolve, 5_000));
			scan = scanForPersonalData(await n8nRecordPlaces(), values);
		}
		console.log(`[e2e] n8n's records ${((Date.now() - started) / 1000).toFixed(0)} s later: ${describeScan(scan)}`);
		const databaseBytes = fs.readdirSync(cfg.n8nDataDir).filter((name) => name.startsWith('database.sqlite')).map((name) => fs.readFileSync(path.join(cfg.n8nDataDir, name)));
		const inDatabaseFile = values.filter((value) => databaseBytes.some((bytes) => bytes.includes(value)));
		console.log(`[e2e] values still readable anywhere in n8n's SQLite files (free pages of deleted rows included): ${inDatabaseFile.length} (${inDatabaseFile.map((value) => (value === TEST_PHONE ? 'the test push number' : 'an input value')).join(', ')})`);
		expect(scan.found).toEqual([]);
		expect(scan.looked.values).toBeGreaterThan(100);
		expect(scan.looked.logBytes).toBeGreaterThan(0);
	}, 4 * MINUTE);

	step(
		'8. stops n8n cleanly',
		async () => {
			await run.browser?.close();
			run.browser = undefined;
			const server = run.server;
			if (!server) return; // never started: nothing to stop
			const exit = await stopInstance(server);
			copyN8nLog();
			expect(exit).toMatchObject({ code: 0, signal: null });
			expect(() => process.kill(-need(server.child.pid, 'the pid'), 0)).toThrow();
		},
		2 * MINUTE,
		{ always: true },
	);
});
