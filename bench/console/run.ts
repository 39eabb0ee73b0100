/**
 * The console under load: 50 people on the roster, the board, the audit log and the
 * configuration pages at 1 M leads and 200 k hits, as a closed loop against 127.0.0.1.
 * Target (issue 14): p95 ≤ 300 ms per call through the real n8n webhook. Figures only, no gate.
 *
 *   npm run bench:console -- [leads=1000000] [hits=200000] [users=50] [requests=5000] [--think=S] [--floor-only]
 *
 * Two runs of the same calls and sessions: the in-process floor (lib/console's
 * handleConsoleRequest on a store opened as the node opens it, no n8n), then n8n 2.40.7 with
 * the packed package and workflows/console.json, over HTTP. The data lives in PostgreSQL,
 * database LEAD_MONITOR_BENCH_DB (default lead_monitor_bench_console), kept between runs and
 * reloaded only when its size differs. n8n must have been installed by `npm start` once.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { Client } from 'pg';

import { handleConsoleRequest, type ConsoleContext } from '../../lib/console';
import { packageDataPath } from '../../lib/packageData';
import { privacyKeys } from '../../lib/privacy';
import { createStaff, listStaff, type StaffRole } from '../../lib/staff';
import { openStore, closeAllStores, type PostgresStoreConfig, type Store } from '../../lib/store';
import { adminConnectionString, pgSettings } from '../../test/setup/testDatabase';
import { median, table } from '../lib/benchDatabase';
import { loadConsoleFixture, type ConsoleFixtureSize } from './consoleFixture';
import { percentile, runClosedLoop, SCENARIO_LABELS, type CallConsole, type ConsoleCall, type LoadResult } from './consoleLoad';
import { N8N_FLOOR_PATH, startConsoleN8n } from './consoleN8n';

const TARGET_P95_MS = 300;
const SECRETS = { hashingKey: 'lead-monitor-bench-console-hashing-key', encryptionKey: 'lead-monitor-bench-console-encryption-key' };
const KEYS = privacyKeys(SECRETS.hashingKey, SECRETS.encryptionKey);
const PASSWORD = 'Load7Test7Console';

const positional = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const number = (index: number, fallback: number) => (positional[index] ? Number(positional[index]) : fallback);
const SIZE: ConsoleFixtureSize = { leads: number(0, 1_000_000), hits: number(1, 200_000), audit: 100_000 };
const USERS = number(2, 50);
const REQUESTS = number(3, 5_000);
const FLOOR_ONLY = process.argv.includes('--floor-only');
/** --think=S: each user reads a page for 0.5–1.5 × S seconds before the next call (default 0: no pause). */
const THINK_MS = Number(process.argv.find((arg) => arg.startsWith('--think='))?.slice('--think='.length) ?? 0) * 1000;

const storeConfig: PostgresStoreConfig = {
	mode: 'postgres',
	host: pgSettings.host,
	port: pgSettings.port,
	user: pgSettings.user,
	password: pgSettings.password,
	database: process.env.LEAD_MONITOR_BENCH_DB ?? 'lead_monitor_bench_console',
	ssl: false,
	schema: 'lead_monitor',
	// As Lead Console opens it.
	interactive: true,
};

/** The compiled bench runs lib/ from .cache/bench, which has no rules/ (the presets a fresh store starts from): it links the checkout's. */
function linkPackageData(): void {
	const expected = packageDataPath();
	if (!fs.existsSync(expected)) fs.symlinkSync(path.resolve(__dirname, '..', '..', '..', '..', 'rules'), expected);
}

async function ensureDatabase(name: string): Promise<void> {
	const admin = new Client({ connectionString: adminConnectionString() });
	await admin.connect();
	try {
		const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
		if (found.rowCount === 0) await admin.query(`CREATE DATABASE ${name}`);
	} finally {
		await admin.end();
	}
}

/** Loads the data unless the store already holds exactly this size (the load takes minutes at 1 M). */
async function ensureData(store: Store): Promise<void> {
	const counts = await store.query<{ leads: string; hits: string }>('SELECT (SELECT count(*) FROM leads) AS leads, (SELECT count(*) FROM hits) AS hits');
	if (Number(counts.rows[0].leads) === SIZE.leads && Number(counts.rows[0].hits) === SIZE.hits) {
		console.log(`data: ${SIZE.leads.toLocaleString('en-US')} leads, ${SIZE.hits.toLocaleString('en-US')} hits already in ${storeConfig.database}`);
		return;
	}
	const started = Date.now();
	await store.exec('TRUNCATE leads, hits, audit_log, staff_accounts, staff_sessions, login_throttle CASCADE');
	await loadConsoleFixture(store, KEYS, SIZE, new Date());
	console.log(`data: loaded ${SIZE.leads.toLocaleString('en-US')} leads, ${SIZE.hits.toLocaleString('en-US')} hits, ${SIZE.audit.toLocaleString('en-US')} audit entries in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/** One account per virtual user: a tenth administrators, the rest marketing staff and read-only users. */
function roleOf(index: number): StaffRole {
	if (index % 10 === 0) return 'admin';
	return index % 10 < 7 ? 'marketing' : 'viewer';
}
const username = (index: number) => `bench${String(index).padStart(2, '0')}`;

async function ensureAccounts(store: Store): Promise<void> {
	const existing = new Set((await listStaff(store)).map((staff) => staff.username));
	for (let i = 0; i < USERS; i++) {
		if (!existing.has(username(i))) {
			await createStaff(store, { username: username(i), displayName: `压测用户${i}`, role: roleOf(i), password: PASSWORD, createdBy: 'bench' });
		}
	}
}

/** Signs every user in (one after another: a login is a deliberately slow scrypt) and keeps the cookies. */
async function signIn(login: (username: string) => Promise<string>): Promise<Array<{ session: string; role: StaffRole }>> {
	const sessions: Array<{ session: string; role: StaffRole }> = [];
	for (let i = 0; i < USERS; i++) sessions.push({ session: await login(username(i)), role: roleOf(i) });
	return sessions;
}

/** The first fault of each operation, shown once (a 500 answers a generic message only). */
const faults = new Set<string>();

function inProcessCaller(ctx: ConsoleContext): { login: (name: string) => Promise<string>; call: CallConsole } {
	return {
		login: async (name) => {
			const answer = await handleConsoleRequest(ctx, { method: 'POST', op: 'session.login', body: { username: name, password: PASSWORD }, clientAddress: '127.0.0.1' });
			if (answer.status !== 200) throw new Error(`${name} could not sign in: ${JSON.stringify(answer.body)}`);
			return answer.headers['Set-Cookie'].split(';')[0];
		},
		call: async (cookie, call: ConsoleCall) => {
			const answer = await handleConsoleRequest(ctx, { method: 'GET', op: call.op, query: call.query, headers: { cookie } });
			if (answer.status === 500 && !faults.has(call.op)) {
				faults.add(call.op);
				console.error(`${call.op} failed in process:`, answer.internalError);
			}
			return answer.status;
		},
	};
}

function httpCaller(baseUrl: string): { login: (name: string) => Promise<string>; call: CallConsole } {
	const api = `${baseUrl}/webhook/console/api`;
	return {
		login: async (name) => {
			const response = await fetch(`${api}/session.login`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', origin: baseUrl },
				body: JSON.stringify({ username: name, password: PASSWORD }),
			});
			const cookie = response.headers.get('set-cookie');
			if (response.status !== 200 || !cookie) throw new Error(`${name} could not sign in over HTTP: ${response.status} ${await response.text()}`);
			return cookie.split(';')[0];
		},
		call: async (cookie, call) => {
			const response = await fetch(`${api}/${call.op}?${new URLSearchParams(call.query)}`, { headers: { cookie }, signal: AbortSignal.timeout(120_000) });
			await response.arrayBuffer();
			return response.status;
		},
	};
}

/** n8n's own floor: the same closed loop on a webhook that Respond to Webhook answers at once (no session, nothing of ours). */
function n8nFloorCaller(baseUrl: string): { login: (name: string) => Promise<string>; call: CallConsole } {
	return {
		login: async () => '',
		call: async () => {
			const response = await fetch(`${baseUrl}/webhook/${N8N_FLOOR_PATH}`, { signal: AbortSignal.timeout(120_000) });
			await response.arrayBuffer();
			return response.status;
		},
	};
}

function loadAverage(): string {
	return os.loadavg().map((value) => value.toFixed(1)).join(' / ');
}

async function measure(what: string, caller: { login: (name: string) => Promise<string>; call: CallConsole }): Promise<LoadResult> {
	const sessions = await signIn(caller.login);
	// A short warm-up (plans, pools, n8n's first executions), not counted.
	await runClosedLoop(sessions, caller.call, { requests: Math.min(200, REQUESTS), size: SIZE, seed: 7 });
	const before = loadAverage();
	const result = await runClosedLoop(sessions, caller.call, { requests: REQUESTS, size: SIZE, thinkMs: THINK_MS, progress: (issued) => process.stdout.write(`  ${issued} calls…\r`) });
	console.log(`${what}: ${result.requests} calls by ${sessions.length} users in ${(result.wallMs / 1000).toFixed(1)} s (${(result.requests / (result.wallMs / 1000)).toFixed(0)} calls/s); load average before ${before}, after ${loadAverage()} on ${os.cpus().length} cores`);
	for (const [failure, count] of result.failures) console.log(`  failed: ${failure} × ${count}`);
	return result;
}

function report(floor: LoadResult, n8n: LoadResult | undefined, n8nFloor: LoadResult | undefined): void {
	const cell = (values: number[] | undefined, p: number) => (values && values.length ? percentile(values, p).toFixed(0) : '–');
	const rows = [...SCENARIO_LABELS, 'all calls'].map((label) => {
		const all = (result: LoadResult) => [...result.latencies.values()].flat();
		const of = (result: LoadResult | undefined) => (result ? (label === 'all calls' ? all(result) : result.latencies.get(label)) : undefined)?.sort((a, b) => a - b);
		const inProcess = of(floor);
		const overHttp = of(n8n);
		const p95 = overHttp?.length ? percentile(overHttp, 95) : NaN;
		return {
			call: label,
			n: String(overHttp?.length ?? inProcess?.length ?? 0),
			'n8n p50': cell(overHttp, 50),
			'n8n p95': cell(overHttp, 95),
			'n8n p99': cell(overHttp, 99),
			target: `≤ ${TARGET_P95_MS}`,
			'': Number.isNaN(p95) ? '' : p95 <= TARGET_P95_MS ? 'ok' : 'OVER',
			'floor p50': cell(inProcess, 50),
			'floor p95': cell(inProcess, 95),
			'n8n − floor (p50)': overHttp?.length && inProcess?.length ? (median(overHttp) - median(inProcess)).toFixed(0) : '–',
		};
	});
	const pause = THINK_MS > 0 ? `each reading ${THINK_MS / 1000} s (± half) between calls` : 'no pause between calls';
	console.log(`\nConsole at ${SIZE.leads.toLocaleString('en-US')} leads / ${SIZE.hits.toLocaleString('en-US')} hits, ${USERS} concurrent users, closed loop, ${pause}, ms:\n`);
	console.log(table(rows));
	if (!n8n || !n8nFloor) return;
	const everything = (result: LoadResult) => [...result.latencies.values()].flat().sort((a, b) => a - b);
	const rate = (result: LoadResult) => result.requests / (result.wallMs / 1000);
	const [ours, empty] = [everything(n8n), everything(n8nFloor)];
	console.log(
		`\nn8n's own floor, the same ${USERS} users on a webhook answered at once (nothing of ours): ${rate(n8nFloor).toFixed(0)} calls/s, ` +
			`p50 ${percentile(empty, 50).toFixed(0)} ms, p95 ${percentile(empty, 95).toFixed(0)} ms (target ≤ ${TARGET_P95_MS}); ` +
			`the console through n8n: ${rate(n8n).toFixed(0)} calls/s, p95 ${percentile(ours, 95).toFixed(0)} ms = ${(percentile(ours, 95) / percentile(empty, 95)).toFixed(2)}× n8n's floor.`,
	);
}

async function main(): Promise<void> {
	linkPackageData();
	await ensureDatabase(storeConfig.database);
	const store = await openStore(storeConfig);
	try {
		await ensureData(store);
		await ensureAccounts(store);
		await store.exec('DELETE FROM staff_sessions; DELETE FROM login_throttle');
		const floor = await measure('in-process floor (lib/console, no n8n)', inProcessCaller({ store, keys: KEYS }));
		let n8n: LoadResult | undefined;
		let n8nFloor: LoadResult | undefined;
		if (!FLOOR_ONLY) {
			const instance = await startConsoleN8n(storeConfig, SECRETS);
			try {
				n8n = await measure(`n8n ${instance.baseUrl} (webhook → Lead Console → Respond to Webhook)`, httpCaller(instance.baseUrl));
				n8nFloor = await measure(`n8n's own floor ${instance.baseUrl}/webhook/${N8N_FLOOR_PATH} (webhook → Respond to Webhook)`, n8nFloorCaller(instance.baseUrl));
			} catch (error) {
				console.error(instance.logTail());
				throw error;
			} finally {
				await instance.stop();
			}
		}
		report(floor, n8n, n8nFloor);
	} finally {
		await closeAllStores();
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
