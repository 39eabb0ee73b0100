/**
 * bench/scoring: scoring 1 M leads over 10 M call events (PostgreSQL), against its SQL
 * floor — the same event aggregation (per lead, day and event class, joined to the roster)
 * with its rows sent to nowhere (COPY TO STDOUT, discarded). Then the next day's incremental
 * run, and the board's lead list at that size (p95 of the first page).
 *
 *   npm run bench:scoring                 # 1 M leads, 10 M events, 30 days
 *   LEADS=100000 EVENTS=1000000 npm run bench:scoring
 */
import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { loadLeadBoard } from '../../lib/board';
import { addDays } from '../../lib/calendar';
import { scoreLeads, standardScoringModel } from '../../lib/scoring';
import { connectStore, migrate } from '../../lib/store';
import { pgSettings } from '../../test/setup/testDatabase';
import { testStoreConfig } from '../../test/setup/testStores';
import { ensureRulesData } from '../evaluate/rulesData';
import { createBenchDatabase, median, peakRssMb, table } from '../lib/benchDatabase';
import { loadBenchEvents, loadBenchLeads } from './scoringData';

const LEADS = Number(process.env.LEADS ?? 1_000_000);
const EVENTS = Number(process.env.EVENTS ?? 10_000_000);
const DAYS = Number(process.env.DAYS ?? 30);
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

async function floor(client: Client, from: string, to: string): Promise<{ seconds: number; rows: number }> {
	const sql = `SELECT l.lead_id, e.day, e.class_no, e.events
		FROM (SELECT id_hash, event_date AS day, ${classCase()} AS class_no, count(*)::int AS events
			FROM call_events WHERE event_date > '${from}' AND event_date <= '${to}' GROUP BY 1, 2, 3) e
		JOIN leads l ON l.id_key = e.id_hash`;
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

async function main(): Promise<void> {
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

		const model = standardScoringModel();
		const client = new Client({ ...pgSettings, database: database.name });
		await client.connect();
		await client.query('SET search_path TO bench');
		const scoredOn = addDays(LAST_DAY, -1);
		const from = addDays(scoredOn, -140);
		await floor(client, from, scoredOn); // warm the cache once
		const floorRun = await floor(client, from, scoredOn);

		started = process.hrtime.bigint();
		const first = await scoreLeads(store, model, { scoredOn, modelVersion: 1 });
		const firstSeconds = seconds(started);

		const nextFloor = await floor(client, scoredOn, LAST_DAY);
		started = process.hrtime.bigint();
		const next = await scoreLeads(store, model, { scoredOn: LAST_DAY, modelVersion: 1 });
		const nextSeconds = seconds(started);

		const mismatches = await store.query<{ n: number }>(
			`SELECT count(*)::int AS n FROM lead_scores s LEFT JOIN (SELECT lead_id, sum(points) AS total FROM lead_score_entries GROUP BY lead_id) e
			 ON e.lead_id = s.lead_id WHERE s.score <> coalesce(e.total, 0)`,
		);

		const boardTimes: number[] = [];
		for (let i = 0; i < 21; i++) {
			const t0 = process.hrtime.bigint();
			await loadLeadBoard(store, { username: 'admin', role: 'admin' }, { filters: i % 3 === 1 ? { grade: 'A' } : {}, page: 1 + (i % 5), pageSize: 20 });
			boardTimes.push(seconds(t0) * 1000);
		}
		boardTimes.sort((a, b) => a - b);
		const p95 = boardTimes[Math.ceil(boardTimes.length * 0.95) - 1];
		await client.end();

		console.log(
			'\n' +
				table([
					{ figure: 'first run (rebuild, 140-day horizon)', ours: `${firstSeconds.toFixed(1)} s`, floor: `${floorRun.seconds.toFixed(1)} s (${floorRun.rows.toLocaleString()} rows)`, ratio: `${(firstSeconds / floorRun.seconds).toFixed(2)}×`, target: '≤ 1.5×' },
					{ figure: 'next day (incremental)', ours: `${nextSeconds.toFixed(1)} s`, floor: `${nextFloor.seconds.toFixed(1)} s (${nextFloor.rows.toLocaleString()} rows)`, ratio: `${(nextSeconds / Math.max(nextFloor.seconds, 0.001)).toFixed(2)}×`, target: '—' },
					{ figure: 'board lead list, first pages', ours: `p95 ${p95.toFixed(0)} ms (median ${median(boardTimes).toFixed(0)} ms)`, floor: '—', ratio: '—', target: '≤ 300 ms' },
					{ figure: 'peak RSS (node)', ours: `${peakRssMb()} MB`, floor: '—', ratio: '—', target: '≤ 500 MB' },
				]),
		);
		console.log(`\nledger: ${next.entries.toLocaleString()} entries for ${next.leads.toLocaleString()} leads; leads whose ledger ≠ score: ${mismatches.rows[0].n}`);
		console.log(`steps (ms): first ${JSON.stringify(first.stepMs)}, next day ${JSON.stringify(next.stepMs)}`);
		console.log(`grades: ${JSON.stringify(next.byGrade)}; mature: ${next.mature.toLocaleString()} (first run: ${first.mature.toLocaleString()})`);
	} finally {
		await store.close();
		await database.drop();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
