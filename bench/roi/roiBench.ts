/**
 * bench/roi: attributing 1 M conversions against 1 M leads, their hits and pushes
 * (PostgreSQL), beside its SQL floor measured in the same run: the window join alone (ID-hash
 * path and phone path, first and last touch flags) written into an empty copy of
 * conversion_touches — the least any attribution must do. Then the re-run (nothing changes),
 * an import's worth of new conversions (incremental), and the report at that size: each
 * dimension's page beside the 1 s target, also right after pushes were sent (a day rebuilt).
 *
 *   npm run bench:roi                          # 1 M leads, hits, conversions
 *   LEADS=100000 CONVERSIONS=100000 npm run bench:roi
 *   KEEP=1 LOAD_ONLY=1 npm run bench:roi       # load and keep; then CREATE DATABASE copy TEMPLATE <kept>
 *   REUSE=copy node .cache/bench/bench/roi/roiBench.js
 */
import { loadavg } from 'node:os';

import { attributeConversions, refreshRoiSummary, ROI_DIMENSIONS, roiReport } from '../../lib/roi';
import { connectStore, migrate, type Queryable, type Store } from '../../lib/store';
import { testStoreConfig } from '../../test/setup/testStores';
import { createBenchDatabase, median, peakRssMb, table } from '../lib/benchDatabase';

const LEADS = Number(process.env.LEADS ?? 1_000_000);
const CONVERSIONS = Number(process.env.CONVERSIONS ?? 1_000_000);
const WINDOW_DAYS = 30;

function seconds(started: bigint): number {
	return Number(process.hrtime.bigint() - started) / 1e9;
}

/**
 * Bench data, generated in the database: hashes are 64 hex digits like keyed hashes. Each
 * lead has one hit (5 rules, 60 days, 7 institutions, 5 % held out); 60 % of the treated hits have a push
 * sent; conversions fall 0–45 days after a lead's hit (about two thirds inside the window),
 * one in ten known by phone only.
 */
async function loadData(store: Store): Promise<void> {
	await store.exec(`
		INSERT INTO leads (lead_id, id_hash, phone_hash, source_channel)
		SELECT 'B' || i, 'v1:' || md5('id' || i) || md5('di' || i), 'v1:' || md5('ph' || i) || md5('hp' || i),
		       (ARRAY['官网预约', '抖音推广', '线下活动', '熟人转介绍'])[1 + i % 4]
		FROM generate_series(1, ${LEADS}) AS i;
		INSERT INTO hits (lead_id, id_hash, rule_id, rule_version, window_key, hit_date, grade, label, reason, source, institution, control_group)
		SELECT 'B' || i, 'v1:' || md5('id' || i) || md5('di' || i), 'rule-' || (i % 5), 1, 'w', DATE '2026-09-01' + (i % 60),
		       (ARRAY['A', 'B', 'C', 'D'])[1 + i % 4], '规则' || (i % 5), '近7天内核验', '系统X', '机构' || (i % 7), (hashtext('c' || i) & 1023) < 51
		FROM generate_series(1, ${LEADS}) AS i;
		INSERT INTO push_ledger (idempotency_key, hit_id, lead_id, channel, state, attempts, decided_at, sent_at)
		SELECT 'bench:hit:' || h.hit_id, h.hit_id, h.lead_id, CASE WHEN h.hit_id % 3 = 0 THEN 'call' ELSE 'sms' END, 'sent', 1,
		       h.hit_date + time '10:00', h.hit_date + time '10:00'
		FROM hits h WHERE NOT h.control_group AND h.hit_id % 5 < 3;
		INSERT INTO conversions (conversion_key, id_hash, phone_hash, lead_id, product, amount_cents, converted_on)
		SELECT 'bench:' || j, CASE WHEN j % 10 = 0 THEN NULL ELSE 'v1:' || md5('id' || i) || md5('di' || i) END,
		       'v1:' || md5('ph' || i) || md5('hp' || i), 'B' || i, '个人消费贷', 100000 + j % 1000,
		       DATE '2026-09-01' + (i % 60) + (j % 46)
		FROM (SELECT j, 1 + (hashtext('conv' || j) & 2147483647) % ${LEADS} AS i FROM generate_series(1, ${CONVERSIONS}) AS j) s;
		-- What the import counts as it stores (the bench stores around it).
		UPDATE roi_conversion_totals SET conversions = (SELECT count(*) FROM conversions), amount_cents = (SELECT sum(amount_cents) FROM conversions);
		ANALYZE;
	`);
}

/**
 * The floor: the window join alone, first and last touch flags, into an empty copy of
 * conversion_touches. With `moves`, then also what attribution must do besides: move the hits
 * touched to 营销已转化 (a plain UPDATE of those hits, one pass), timed apart and rolled back (twice).
 */
async function floor(store: Store, moves = false): Promise<{ seconds: number; rows: number; moveSeconds: number; moved: number }> {
	await store.exec('DROP TABLE IF EXISTS floor_touches; CREATE TABLE floor_touches (LIKE conversion_touches INCLUDING ALL)');
	const started = process.hrtime.bigint();
	const result = await store.query<{ n: string }>(
		`WITH person_hits AS (
			SELECT c.conversion_id, c.converted_on, h.hit_id, h.rule_id, h.hit_date FROM conversions c JOIN hits h ON h.id_hash = c.id_hash
			WHERE h.hit_date <= c.converted_on AND h.hit_date >= c.converted_on - ${WINDOW_DAYS}
			UNION ALL
			SELECT c.conversion_id, c.converted_on, h.hit_id, h.rule_id, h.hit_date FROM conversions c JOIN leads l ON l.phone_hash = c.phone_hash JOIN hits h ON h.lead_id = l.lead_id
			WHERE c.id_hash IS NULL AND h.hit_date <= c.converted_on AND h.hit_date >= c.converted_on - ${WINDOW_DAYS}
		), inserted AS (
			INSERT INTO floor_touches (conversion_id, hit_id, rule_id, days_after_hit, first_touch, last_touch)
			SELECT conversion_id, hit_id, rule_id, converted_on - hit_date,
			       row_number() OVER (PARTITION BY conversion_id ORDER BY hit_date, hit_id) = 1,
			       row_number() OVER (PARTITION BY conversion_id ORDER BY hit_date DESC, hit_id DESC) = 1
			FROM person_hits
			RETURNING 1
		)
		SELECT count(*) AS n FROM inserted`,
	);
	const elapsed = seconds(started);
	let moveSeconds = 0;
	let moved = 0;
	// Twice, the least kept: the first pass also reads the hits cold after the load. Analysed
	// first, as attribution's touches are (unanalysed, the plan may hash the hits and move them out of order).
	if (moves) await store.exec('ANALYZE floor_touches');
	for (let attempt = 0; moves && attempt < 2; attempt++) {
		await store.exec('CHECKPOINT');
		await store
			.transaction(async (tx) => {
				// One pass in the table's order, as attribution moves them (lib/hits' convertAttributedHits).
				await tx.query("SELECT set_config('work_mem', '256MB', true)");
				const movedAt = process.hrtime.bigint();
				const updated = await tx.query(
					`UPDATE hits h SET status = 'converted', converted_source = 'imported', updated_at = now()
					 WHERE h.hit_id IN (SELECT hit_id FROM floor_touches) AND h.status IS DISTINCT FROM 'converted'`,
				);
				const took = seconds(movedAt);
				moveSeconds = attempt === 0 ? took : Math.min(moveSeconds, took);
				moved = updated.rowCount;
				throw new Error('rolled back');
			})
			.catch((error: Error) => {
				if (error.message !== 'rolled back') throw error;
			});
		await store.exec('VACUUM ANALYZE hits');
	}
	await store.exec('DROP TABLE floor_touches');
	return { seconds: elapsed, rows: Number(result.rows[0].n), moveSeconds, moved };
}

/** An import's worth of new conversions (1 % more), as the bench's others. */
async function addConversions(store: Store, count: number): Promise<void> {
	await store.exec(`
		INSERT INTO conversions (conversion_key, id_hash, phone_hash, lead_id, product, amount_cents, converted_on)
		SELECT 'bench:more:' || j, 'v1:' || md5('id' || i) || md5('di' || i), 'v1:' || md5('ph' || i) || md5('hp' || i), 'B' || i,
		       '信用卡', 5000, DATE '2026-09-01' + (i % 60) + (j % 31)
		FROM (SELECT j, 1 + (hashtext('more' || j) & 2147483647) % ${LEADS} AS i FROM generate_series(1, ${count}) AS j) s;
		UPDATE roi_conversion_totals SET conversions = conversions + ${count}, amount_cents = amount_cents + ${count} * 5000`);
}

/** Pushes sent for `count` treated hits of one day that had none: the report's next page rebuilds that day. */
async function sendPushes(store: Store, count: number): Promise<void> {
	await store.exec(`
		INSERT INTO push_ledger (idempotency_key, hit_id, lead_id, channel, state, attempts, decided_at, sent_at)
		SELECT 'bench:late:' || h.hit_id, h.hit_id, h.lead_id, 'sms', 'sent', 1, h.hit_date + time '11:00', h.hit_date + time '11:00'
		FROM hits h WHERE h.hit_date = DATE '2026-10-15' AND NOT h.control_group AND h.hit_id % 5 >= 3
		ORDER BY h.hit_id LIMIT ${count}`);
}

async function timed<T>(work: () => Promise<T>): Promise<{ seconds: number; value: T }> {
	const started = process.hrtime.bigint();
	const value = await work();
	return { seconds: seconds(started), value };
}

/** The transaction, its statements timed: where the first run's time goes (touches, hits moved, summary). */
function timedStatements(tx: Queryable, into: Array<{ what: string; seconds: number }>): Queryable {
	const statement = (sql: string) => {
		if (sql.includes('INSERT INTO conversion_touches')) return 'touches statement (window join, pushes, upsert, stale days)';
		if (sql.includes('UPDATE hits h SET status')) return 'moving the touched hits to 营销已转化';
		if (sql.includes('INSERT INTO roi_day_groups')) return 'summary rebuilt (the days touched)';
		return 'the rest (queue, state, settings, ANALYZE)';
	};
	return new Proxy(tx, {
		get(target, key, receiver) {
			if (key !== 'query') return Reflect.get(target, key, receiver) as unknown;
			return async (sql: string, params?: unknown[]) => {
				const started = process.hrtime.bigint();
				try {
					return await target.query(sql, params);
				} finally {
					into.push({ what: statement(sql), seconds: seconds(started) });
				}
			};
		},
	});
}

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

async function main(): Promise<void> {
	// REUSE=<database> runs on a database a KEEP run left, loaded and not yet attributed (loading 1 M takes 13 min under load).
	const reused = process.env.REUSE;
	if (reused) process.env.LEAD_MONITOR_TEST_DB = reused;
	const database = reused ? { name: reused, drop: async () => undefined } : await createBenchDatabase();
	const store = await connectStore(testStoreConfig('postgres', 'bench'));
	try {
		await migrate(store);
		if (reused) {
			await store.exec('VACUUM ANALYZE');
			console.log(`data: reused ${reused}`);
		} else {
			const loading = await timed(() => loadData(store));
			console.log(`data: ${LEADS.toLocaleString()} leads and hits, ${CONVERSIONS.toLocaleString()} conversions, loaded in ${loading.seconds.toFixed(1)} s`);
			// LOAD_ONLY=1 (with KEEP=1) stops here: copy the database as a template and REUSE copies of it.
			if (process.env.LOAD_ONLY) return;
		}

		const floorBefore = await floor(store, true);
		await store.exec('CHECKPOINT');
		const loadAtAttribution = load();
		const parts: Array<{ what: string; seconds: number }> = [];
		const first = await timed(() => store.transaction((tx) => attributeConversions(timedStatements(tx, parts), { windowDays: WINDOW_DAYS })));
		for (const statement of ['VACUUM ANALYZE conversion_touches', 'VACUUM ANALYZE hits', 'VACUUM ANALYZE roi_day_groups', 'CHECKPOINT']) await store.exec(statement);
		const floorAfter = await floor(store);
		const again = await timed(() => store.transaction((tx) => attributeConversions(tx, { windowDays: WINDOW_DAYS })));
		await store.exec("INSERT INTO roi_stale_days (hit_date) SELECT DISTINCT hit_date FROM hits");
		const rebuild = await timed(() => refreshRoiSummary(store));
		const more = Math.max(1, Math.round(CONVERSIONS / 100));
		await addConversions(store, more);
		const incremental = await timed(() => store.transaction((tx) => attributeConversions(tx, { windowDays: WINDOW_DAYS })));

		const floorSeconds = Math.min(floorBefore.seconds, floorAfter.seconds);
		console.log(
			table([
				{ what: 'SQL floor (window join → empty touches table)', seconds: floorBefore.seconds.toFixed(2), rows: floorBefore.rows, 'x floor': '1.00' },
				{ what: 'SQL floor, measured again after', seconds: floorAfter.seconds.toFixed(2), rows: floorAfter.rows, 'x floor': (floorAfter.seconds / floorSeconds).toFixed(2) },
				{ what: 'moving the touched hits to 营销已转化 (plain UPDATE)', seconds: floorBefore.moveSeconds.toFixed(2), rows: floorBefore.moved, 'x floor': (floorBefore.moveSeconds / floorSeconds).toFixed(2) },
				{ what: 'attributeConversions (all, first run, summary built)', seconds: first.seconds.toFixed(2), rows: first.value.touchesWritten, 'x floor': (first.seconds / floorSeconds).toFixed(2) },
				{ what: '  … beside floor + moving the hits', seconds: (floorSeconds + floorBefore.moveSeconds).toFixed(2), rows: '-', 'x floor': (first.seconds / (floorSeconds + floorBefore.moveSeconds)).toFixed(2) },
				{ what: 'attributeConversions (re-run: changes nothing)', seconds: again.seconds.toFixed(2), rows: again.value.touchesWritten, 'x floor': (again.seconds / floorSeconds).toFixed(2) },
				{ what: `attributeConversions (${more.toLocaleString()} new conversions)`, seconds: incremental.seconds.toFixed(2), rows: incremental.value.touchesWritten, 'x floor': (incremental.seconds / floorSeconds).toFixed(2) },
				{ what: 'summary rebuilt whole (all days stale)', seconds: rebuild.seconds.toFixed(2), rows: `${rebuild.value} days`, 'x floor': (rebuild.seconds / floorSeconds).toFixed(2) },
			]),
		);
		const byPart = new Map<string, number>();
		for (const part of parts) byPart.set(part.what, (byPart.get(part.what) ?? 0) + part.seconds);
		console.log(table([...byPart].map(([what, s]) => ({ 'first run, by statement': what, seconds: s.toFixed(2), 'share': `${Math.round((s / first.seconds) * 100)} %` }))));
		console.log(`first run: ${first.value.attributedConversions.toLocaleString()} conversions attributed, ${first.value.hitsConverted.toLocaleString()} hits moved to 营销已转化; load average at its start ${loadAtAttribution}`);

		const pages: Array<Record<string, string | number>> = [];
		const RUNS = 5;
		for (const dimension of ROI_DIMENSIONS) {
			const times: number[] = [];
			const ranged: number[] = [];
			let rows = 0;
			for (let i = 0; i < RUNS; i++) {
				const page = await timed(() => roiReport(store, { dimension }));
				times.push(page.seconds);
				rows = page.value.rows.length;
				ranged.push((await timed(() => roiReport(store, { dimension, dateFrom: '2026-10-01', dateTo: '2026-10-14' }))).seconds);
			}
			pages.push({
				page: dimension,
				'all days p50 / max (s)': `${median(times).toFixed(3)} / ${Math.max(...times).toFixed(3)}`,
				'two weeks p50 / max (s)': `${median(ranged).toFixed(3)} / ${Math.max(...ranged).toFixed(3)}`,
				rows,
				target: '1.000',
			});
		}
		await sendPushes(store, 1000);
		const afterPushes = await timed(() => roiReport(store, { dimension: 'pushChannel' }));
		pages.push({ page: 'pushChannel after 1 000 pushes sent', 'all days p50 / max (s)': afterPushes.seconds.toFixed(3), 'two weeks p50 / max (s)': '-', rows: afterPushes.value.rows.length, target: '1.000' });
		console.log(`report pages: ${RUNS} runs each, load average ${load()}`);
		console.log(table(pages));
		console.log(`load average ${load()}, peak RSS ${peakRssMb()} MB`);
	} finally {
		await store.close();
		if (process.env.KEEP) console.log(`kept database ${database.name}`);
		else await database.drop();
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
