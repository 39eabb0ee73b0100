/**
 * bench/scoring: scoring 1 M leads over 10 M call events (PostgreSQL), against its SQL
 * floor — the same aggregation sent to nowhere (COPY TO STDOUT, discarded), under the run's
 * session settings (SCORING_SETTINGS): the whole scoring of every lead, kept nowhere
 * (scoringFloor; its scores and grades must equal the first run's), and beside it the events'
 * aggregation alone (per lead, day and event class, joined to the roster). The first run and its
 * full floor are measured in pairs, the store put back to unscored before each (FIRST_RUNS). Then the next
 * days' incremental runs against the events' aggregation of their day, a rebuild of the same ledger (a new model
 * version) whose scores must equal the incremental ones, and the board's lead list at that
 * size (p95 of its first pages, with and without filters).
 *
 *   npm run bench:scoring                 # 1 M leads, 10 M events, 30 days
 *   LEADS=100000 EVENTS=1000000 npm run bench:scoring
 *   REBUILD_CHECK=0 …                     # skip the second rebuild and its comparison
 *   FIRST_RUNS=1 …                        # one first run and its floor (3 pairs unless said; the median is reported)
 *   KEEP_DB=1 …                           # keep the database (its name is printed)
 *   BOARD_DB=<kept database> npm run bench:scoring   # only the board, on a kept (scored) database
 */
import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { loadavg } from 'node:os';

import { saveOwnerSettings, VISIBLE_BRANCH_SQL, type LeadViewer } from '../../lib/assignment';
import { loadLeadBoard } from '../../lib/board';
import { addDays } from '../../lib/calendar';
import { SCORING_SETTINGS, scoreEntries, scoreLeads, standardScoringModel } from '../../lib/scoring';
import { createStaff, StaffError } from '../../lib/staff';
import { connectStore, migrate, type Store } from '../../lib/store';
import { pgSettings } from '../../test/setup/testDatabase';
import { testStoreConfig } from '../../test/setup/testStores';
import { ensureRulesData } from '../evaluate/rulesData';
import { createBenchDatabase, median, peakRssMb, table } from '../lib/benchDatabase';
import { fullScoringSql } from './scoringFloor';
import { loadBenchEvents, loadBenchLeads } from './scoringData';

const LEADS = Number(process.env.LEADS ?? 1_000_000);
const EVENTS = Number(process.env.EVENTS ?? 10_000_000);
const DAYS = Number(process.env.DAYS ?? 30);
const FIRST_RUNS = Math.max(1, Number(process.env.FIRST_RUNS ?? 3));
const LAST_DAY = '2026-11-30';

function seconds(started: bigint): number {
	return Number(process.hrtime.bigint() - started) / 1e9;
}

/** The standard model's event classes as a CASE (bench-only SQL: literals of our own model). */
function classCase(): string {
	const classes = standardScoringModel().dynamic.eventClasses;
	const whens = classes.map((c, i) => {
		const types = c.eventTypes ? `event_type IN (${c.eventTypes.map((t) => `'${t}'`).join(', ')})` : 'true';
		return `WHEN ${types} THEN ${i + 1}`;
	});
	return `CASE ${whens.join(' ')} END`;
}

/** The events' aggregation alone (per lead, day and event class, joined to the roster): the floor of issue 15's first measurements. */
function eventsFloorSql(from: string, to: string): string {
	return `SELECT l.lead_id, e.day, e.class_no, e.events
		FROM (SELECT id_hash, event_date AS day, ${classCase()} AS class_no, count(*)::int AS events
			FROM call_events WHERE event_date > '${from}' AND event_date <= '${to}' GROUP BY 1, 2, 3) e
		JOIN leads l ON l.id_key = e.id_hash`;
}

/** Runs `sql` with its rows sent to nowhere (COPY TO STDOUT, counted and discarded). */
async function toNowhere(client: Client, sql: string): Promise<{ seconds: number; rows: number }> {
	let rows = 0;
	const started = process.hrtime.bigint();
	await pipeline(
		client.query(copyTo(`COPY (${sql}) TO STDOUT`)),
		new Writable({
			write(chunk: Buffer, _encoding, done) {
				for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) rows++;
				done();
			},
		}),
	);
	return { seconds: seconds(started), rows };
}

const floor = (client: Client, from: string, to: string) => toNowhere(client, eventsFloorSql(from, to));

/** The board's first pages (1–3) with and without filters, 25 calls (as an administrator unless said): p95 and median, ms. */
async function timeBoard(store: Store, viewer: LeadViewer = { username: 'admin', role: 'admin' }): Promise<{ p95: number; median: number }> {
	const times: number[] = [];
	const filters = [{}, { grade: 'A' }, { grade: 'B2' }, { scoreMin: 60 }, { scoreMin: 30, scoreMax: 80 }];
	for (let i = 0; i < 25; i++) {
		const started = process.hrtime.bigint();
		await loadLeadBoard(store, viewer, { filters: filters[i % filters.length], page: 1 + (i % 3), pageSize: 20 });
		times.push(seconds(started) * 1000);
	}
	times.sort((a, b) => a - b);
	return { p95: times[Math.ceil(times.length * 0.95) - 1], median: median(times) };
}

/** A marketing account with a branch (owner_settings), created unless a run before did. */
async function branchAccount(store: Store, username: string, branch: string): Promise<LeadViewer> {
	try {
		await createStaff(store, { username, displayName: username, role: 'marketing', password: 'bench-password-123', createdBy: 'bench' });
	} catch (error) {
		if (!(error instanceof StaffError && error.code === 'exists')) throw error;
	}
	await saveOwnerSettings(store, { username, branch, email: null, dailyCapacity: 0, takesLeads: false });
	return { username, role: 'marketing' };
}

/** A store as the console's pool opens it (interactive: JIT off, lib/store/StoreConfig): the board is timed as staff get it. */
function connectConsoleStore(): Promise<Store> {
	const config = testStoreConfig('postgres', 'bench');
	return connectStore(config.mode === 'postgres' ? { ...config, interactive: true } : config);
}

/** BOARD_DB: the board alone on a database kept by an earlier run (migrated first: a newer migration applies). */
async function boardOnly(name: string): Promise<void> {
	process.env.LEAD_MONITOR_TEST_DB = name;
	const store = await connectConsoleStore();
	try {
		await migrate(store);
		const leads = await store.query<{ leads: number; listed: number }>(
			'SELECT (SELECT count(*)::int FROM leads) AS leads, (SELECT count(DISTINCT lead_id)::int FROM hits) AS listed',
		);
		// scoringData puts lead i in branch '分行' || (i % 20) and gives every 20th lead (i ≡ 1) a hit:
		// 分行1 holds every listed lead (50 000 of its 50 000 at 1 M), 分行2 none.
		const branchHeld = await branchAccount(store, 'bench-branch-listed', '分行1');
		const branchOther = await branchAccount(store, 'bench-branch-other', '分行2');
		await timeBoard(store); // warm the cache once
		const accounts: Array<[string, LeadViewer]> = [
			['administrator', { username: 'admin', role: 'admin' }],
			// No lead of its own and no branch: it sees no lead, read from its owner rows alone.
			['marketing, no branch', { username: 'bench-marketing', role: 'marketing' }],
			['marketing, branch holding the listed leads', branchHeld],
			['marketing, branch with none listed', branchOther],
		];
		// The stored owner and branch (migration 027's backfill, the run, the triggers) are the leads'.
		const visibilityOff = await store.query<{ n: number }>(
			`SELECT count(*)::int AS n FROM lead_board_scores b JOIN leads l ON l.lead_id = b.lead_id LEFT JOIN lead_owners lo ON lo.lead_id = b.lead_id
			 WHERE (b.owner, b.branch) IS DISTINCT FROM (lo.owner, ${VISIBLE_BRANCH_SQL})`,
		);
		const rows: Array<Record<string, string>> = [];
		for (const [account, viewer] of accounts) {
			const timed = await timeBoard(store, viewer);
			rows.push({ account, p95: `${timed.p95.toFixed(0)} ms`, median: `${timed.median.toFixed(0)} ms`, target: 'p95 ≤ 300 ms' });
		}
		console.log(
			`board on ${name}: ${leads.rows[0].leads.toLocaleString()} leads, ${leads.rows[0].listed.toLocaleString()} with a hit; ` +
				`stored owner / branch ≠ the leads': ${visibilityOff.rows[0].n}; load average ${loadavg().map((l) => l.toFixed(1)).join(', ')}\n${table(rows)}`,
		);
	} finally {
		await store.close();
	}
}

async function main(): Promise<void> {
	if (process.env.BOARD_DB) return boardOnly(process.env.BOARD_DB);
	ensureRulesData();
	const database = await createBenchDatabase();
	const config = testStoreConfig('postgres', 'bench');
	const store = await connectStore(config);
	try {
		await migrate(store);
		let started = process.hrtime.bigint();
		await loadBenchLeads(store, LEADS);
		await loadBenchEvents(store, LEADS, EVENTS, DAYS, LAST_DAY);
		console.log(`data: ${LEADS.toLocaleString()} leads, ${EVENTS.toLocaleString()} events over ${DAYS} days, loaded in ${seconds(started).toFixed(1)} s`);
		// The load's writes flushed now, so that neither the floors nor the first run inherit a checkpoint of them.
		await store.exec('CHECKPOINT');

		const model = standardScoringModel();
		const client = new Client({ ...pgSettings, database: database.name });
		await client.connect();
		await client.query('SET search_path TO bench');
		// The floor runs under the session settings a scoring run uses (work_mem …): the same aggregation, sent to nowhere.
		await client.query('SELECT set_config(name, value, false) FROM unnest($1::text[], $2::text[]) AS s(name, value)', [
			Object.keys(SCORING_SETTINGS),
			Object.values(SCORING_SETTINGS),
		]);
		const firstDay = addDays(LAST_DAY, -2);
		const from = addDays(firstDay, -140);
		await floor(client, from, firstDay); // warm the cache once
		const floorRun = await floor(client, from, firstDay);
		const fullSql = fullScoringSql(model, from, firstDay);
		await toNowhere(client, fullSql); // warm the cache once

		// A first run and its full floor, measured in pairs (FIRST_RUNS, 3 unless said): the machine's
		// speed drifts between minutes, so each ratio is taken within its pair and the median reported.
		// Before each pair the store is put back as it was before any run: no totals, runs or board
		// rows, every lead with a hit an arrival, each hit's push grade its rule's (what its triggers
		// give a hit written before any run).
		const pairs: Array<{ floor: { seconds: number; rows: number }; seconds: number; summary: Awaited<ReturnType<typeof scoreLeads>> }> = [];
		for (let round = 0; round < FIRST_RUNS; round++) {
			if (round > 0) {
				await store.exec('TRUNCATE lead_score_totals, score_runs, lead_board_scores');
				await store.exec('INSERT INTO lead_board_arrivals (lead_id) SELECT DISTINCT lead_id FROM hits');
				await store.exec('UPDATE hits SET push_grade = grade WHERE push_grade IS DISTINCT FROM grade');
			}
			await store.exec('CHECKPOINT');
			const pairFloor = await toNowhere(client, fullSql);
			started = process.hrtime.bigint();
			const summary = await scoreLeads(store, model, { scoredOn: firstDay, modelVersion: 1 });
			pairs.push({ floor: pairFloor, seconds: seconds(started), summary });
		}
		const byRatio = [...pairs].sort((a, b) => a.seconds / a.floor.seconds - b.seconds / b.floor.seconds);
		const medianPair = byRatio[Math.floor((byRatio.length - 1) / 2)];
		const first = pairs[pairs.length - 1].summary;
		// The full floor computes what the first run stored: the same score and grade for every lead.
		const fullFloorOff = await store.query<{ n: number }>(
			`SELECT count(*)::int AS n FROM (${fullSql}) f FULL JOIN lead_scores s ON s.lead_id = f.lead_id WHERE (f.score, f.grade) IS DISTINCT FROM (s.score, s.grade)`,
		);

		const days: Array<{ day: string; seconds: number; floor: { seconds: number; rows: number }; summary: Awaited<ReturnType<typeof scoreLeads>> }> = [];
		for (const day of [addDays(LAST_DAY, -1), LAST_DAY, addDays(LAST_DAY, 1)]) {
			const dayFloor = await floor(client, addDays(day, -1), day);
			started = process.hrtime.bigint();
			const summary = await scoreLeads(store, model, { scoredOn: day, modelVersion: 1 });
			days.push({ day, seconds: seconds(started), floor: dayFloor, summary });
		}
		const next = days[days.length - 1].summary;

		// Every lead's totals are the sums of its ledger; a sample's drawer adds up to its score.
		const totalsOff = await store.query<{ n: number }>(
			`SELECT count(*)::int AS n FROM lead_score_totals t LEFT JOIN (
				SELECT lead_id, sum(points) FILTER (WHERE score_group = 'profile') AS profile, sum(points) FILTER (WHERE score_group = 'events') AS events,
					sum(points) FILTER (WHERE score_group = 'hits') AS hits, sum(points) FILTER (WHERE score_group = 'outcomes') AS outcomes,
					sum(points) FILTER (WHERE score_group = 'negative') AS negative
				FROM lead_score_ledger GROUP BY lead_id) e ON e.lead_id = t.lead_id
			 WHERE (t.profile, t.events, t.hits, t.outcomes, t.negative)
				<> (coalesce(e.profile, 0), coalesce(e.events, 0), coalesce(e.hits, 0), coalesce(e.outcomes, 0), coalesce(e.negative, 0))`,
		);
		const sample = await store.query<{ lead_id: string; score: string }>(`SELECT lead_id, score::text FROM lead_scores ORDER BY md5(lead_id) LIMIT 200`);
		let drawerOff = 0;
		for (const row of sample.rows) {
			const shown = (await scoreEntries(store, row.lead_id)).reduce((sum, entry) => sum + Math.round(entry.points * 100), 0);
			if (shown !== Math.round(Number(row.score) * 100)) drawerOff++;
		}

		// One rebuild (a new model version, same model) of the last day: its scores must equal those
		// the incremental runs reached. The bench forgets that day's run so that it can be scored again.
		let rebuild: { seconds: number; differing: number } | undefined;
		if (process.env.REBUILD_CHECK !== '0') {
			const lastDay = days[days.length - 1].day;
			await store.exec('CREATE TABLE incremental_scores AS SELECT lead_id, score, grade, mature FROM lead_scores');
			await store.query('DELETE FROM score_runs WHERE scored_on = $1::date', [lastDay]);
			started = process.hrtime.bigint();
			await scoreLeads(store, model, { scoredOn: lastDay, modelVersion: 2 });
			const rebuildSeconds = seconds(started);
			const differing = await store.query<{ n: number }>(
				`SELECT count(*)::int AS n FROM incremental_scores i FULL JOIN lead_scores s ON s.lead_id = i.lead_id
				 WHERE (i.score, i.grade, i.mature) IS DISTINCT FROM (s.score, s.grade, s.mature)`,
			);
			rebuild = { seconds: rebuildSeconds, differing: differing.rows[0].n };
		}

		const consoleStore = await connectConsoleStore();
		const board = await timeBoard(consoleStore).finally(() => consoleStore.close());
		// The board's stored scores are the view's, for every lead with a hit.
		const boardOff = await store.query<{ n: number }>(
			`SELECT count(*)::int AS n FROM (SELECT DISTINCT lead_id FROM hits) h LEFT JOIN lead_board_scores b ON b.lead_id = h.lead_id
				LEFT JOIN lead_scores s ON s.lead_id = h.lead_id
			 WHERE b.lead_id IS NULL OR (b.score, b.fit, b.grade, b.mature) IS DISTINCT FROM (s.score, s.fit, s.grade, s.mature)`,
		);
		await client.end();
		console.log(`load average (uptime): ${loadavg().map((l) => l.toFixed(1)).join(', ')}`);

		const ratio = (ours: number, base: number) => `${(ours / Math.max(base, 0.001)).toFixed(2)}×`;
		const floorCell = (f: { seconds: number; rows: number }) => `${f.seconds.toFixed(2)} s (${f.rows.toLocaleString()} rows)`;
		console.log(
			'\n' +
				table([
					{
						figure: `first run (rebuild, ${firstDay}, 140-day horizon), median of ${pairs.length}`,
						ours: `${medianPair.seconds.toFixed(1)} s`,
						floor: `full scoring ${floorCell(medianPair.floor)}`,
						ratio: ratio(medianPair.seconds, medianPair.floor.seconds),
						target: '≤ 1.5×',
					},
					...pairs.map((pair, i) => ({
						figure: `  pair ${i + 1}`,
						ours: `${pair.seconds.toFixed(1)} s`,
						floor: `full scoring ${pair.floor.seconds.toFixed(2)} s`,
						ratio: ratio(pair.seconds, pair.floor.seconds),
						target: '',
					})),
					{
						figure: '  the median pair, against the events alone',
						ours: `${medianPair.seconds.toFixed(1)} s`,
						floor: `events ${floorCell(floorRun)}`,
						ratio: ratio(medianPair.seconds, floorRun.seconds),
						target: '—',
					},
					...days.map((d) => ({
						figure: `next day ${d.day} (incremental)`,
						ours: `${d.seconds.toFixed(2)} s`,
						floor: floorCell(d.floor),
						ratio: ratio(d.seconds, d.floor.seconds),
						target: '—',
					})),
					...(rebuild
						? [{ figure: 'rebuild of the last day (new model version)', ours: `${rebuild.seconds.toFixed(1)} s`, floor: floorCell(floorRun), ratio: ratio(rebuild.seconds, floorRun.seconds), target: '—' }]
						: []),
					{ figure: 'board lead list, first pages', ours: `p95 ${board.p95.toFixed(0)} ms (median ${board.median.toFixed(0)} ms)`, floor: '—', ratio: '—', target: '≤ 300 ms' },
					{ figure: 'peak RSS (node)', ours: `${peakRssMb()} MB`, floor: '—', ratio: '—', target: '≤ 500 MB' },
				]),
		);
		console.log(
			`\nledger: ${next.entries.toLocaleString()} entries for ${next.leads.toLocaleString()} leads; leads whose totals ≠ their ledger: ${totalsOff.rows[0].n}; ` +
				`sampled drawers (200) ≠ score: ${drawerOff}; board rows ≠ lead_scores: ${boardOff.rows[0].n}; first run's scores or grades ≠ the full floor's: ${fullFloorOff.rows[0].n}` +
				(rebuild ? `; leads whose rebuilt score, grade or maturity ≠ the incremental one: ${rebuild.differing}` : ''),
		);
		console.log(`steps (ms): first runs ${pairs.map((pair) => JSON.stringify(pair.summary.stepMs)).join(', ')}; ${days.map((d) => `${d.day} ${JSON.stringify(d.summary.stepMs)}`).join('; ')}`);
		console.log(`grades: ${JSON.stringify(next.byGrade)}; mature: ${next.mature.toLocaleString()} (first run: ${first.mature.toLocaleString()})`);
	} finally {
		await store.close();
		if (process.env.KEEP_DB === '1') console.log(`kept database ${database.name} (schema bench)`);
		else await database.drop();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
