/**
 * Times the board at 100 k hits on PostgreSQL and PGlite: every query of a page view, the
 * whole load, and the render (figures only, no gate). Run by hand:
 *   npx tsc -p bench/tsconfig.json && npx node .cache/bench/bench/board/boardBench.js [hits]
 * PostgreSQL: LEAD_MONITOR_TEST_PG_* (default 127.0.0.1:5432, user postgres), database
 * LEAD_MONITOR_BENCH_DB (default "test"), in a schema of its own that is dropped afterwards.
 */
import { performance } from 'node:perf_hooks';

import {
	boardClock,
	countBoardHits,
	loadBoard,
	loadHitPage,
	loadKpis,
	loadRuleOptions,
	loadSourceMix,
	loadTrend,
	parseBoardQuery,
	renderBoardPage,
} from '../../lib/board';
import { connectStore, migrate, type Store } from '../../lib/store';
import { pgSettings } from '../../test/setup/testDatabase';
import { seedBoardFixture } from './boardFixture';

const HITS = Number(process.argv[2] ?? 100_000);
const NOW = new Date('2025-12-23T03:30:00Z');
const RUNS = 7;

/** The KPI query before 营销转化成功率 read imported conversions (status only): the baseline of loadKpis. */
const ONE_PASS_KPIS = `SELECT count(*) AS total,
	count(*) FILTER (WHERE created_at < $2) AS before_today,
	count(*) FILTER (WHERE created_at >= $2 AND created_at < $3) AS new_today,
	count(*) FILTER (WHERE created_at >= $1 AND created_at < $2) AS new_yesterday,
	count(*) FILTER (WHERE status = 'pending') AS pending,
	count(*) FILTER (WHERE status = 'in_progress') AS in_progress,
	count(*) FILTER (WHERE status = 'converted') AS converted,
	count(*) FILTER (WHERE status = 'contact_failed') AS contact_failed,
	count(*) FILTER (WHERE created_at >= $4 AND created_at < $3) AS month_hits,
	count(*) FILTER (WHERE created_at >= $4 AND created_at < $3 AND status = 'converted') AS month_converted
	FROM hits`;

async function median(work: () => Promise<unknown>): Promise<number> {
	await work();
	const times: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const start = performance.now();
		await work();
		times.push(performance.now() - start);
	}
	return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

async function bench(kind: string, store: Store): Promise<Array<[string, number]>> {
	const seedStart = performance.now();
	await seedBoardFixture(store, { hits: HITS, now: NOW });
	console.log(`${kind}: seeded ${HITS.toLocaleString('en-US')} leads + hits in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
	// One hit in 20 has an imported conversion attributed to it (营销转化成功率 reads them).
	await store.query(
		`INSERT INTO conversions (conversion_key, id_hash, lead_id, product, amount_cents, converted_on)
		 SELECT 'bench:' || hit_id, id_hash, lead_id, '个人消费贷', 1000000, hit_date FROM hits WHERE hit_id % 20 = 0`,
	);
	await store.query(
		`INSERT INTO conversion_touches (conversion_id, hit_id, rule_id, days_after_hit, first_touch, last_touch)
		 SELECT c.conversion_id, h.hit_id, h.rule_id, 0, true, true FROM conversions c JOIN hits h ON c.conversion_key = 'bench:' || h.hit_id`,
	);
	await store.exec('ANALYZE');
	const clock = boardClock(NOW);
	const q = (raw: Record<string, string>) => parseBoardQuery(raw);
	const lastPage = String(Math.ceil(HITS / 20));
	const cases: Array<[string, () => Promise<unknown>]> = [
		['KPIs (one pass + month by source)', () => loadKpis(store, clock)],
		['  baseline: the one pass alone', () => store.query(ONE_PASS_KPIS, [clock.startOfYesterday, clock.startOfToday, clock.startOfTomorrow, clock.startOfMonth])],
		['7-day trend', () => loadTrend(store, clock)],
		['source mix', () => loadSourceMix(store)],
		['rule options', () => loadRuleOptions(store)],
		['count, no filter', () => countBoardHits(store, {})],
		['page 1 (20 rows + count)', () => loadHitPage(store, q({}))],
		[`last page ${lastPage} (offset ${HITS - 20})`, () => loadHitPage(store, q({ page: lastPage }))],
		['status=pending, page 1', () => loadHitPage(store, q({ status: 'pending' }))],
		['grade=A + source + dates', () => loadHitPage(store, q({ grade: 'A', source: 'CRM自动导入', from: '2025-12-01', to: '2025-12-20' }))],
		['sort by grade, page 50', () => loadHitPage(store, q({ sort: 'grade', page: '50' }))],
		['search "8899" (masked phone)', () => loadHitPage(store, q({ q: '8899' }))],
		['whole board load (all of it)', () => loadBoard(store, q({}), { now: NOW })],
	];
	const results: Array<[string, number]> = [];
	for (const [name, work] of cases) results.push([name, await median(work)]);
	const data = await loadBoard(store, q({}), { now: NOW });
	results.push(['render HTML (20 rows)', await median(async () => renderBoardPage(data))]);
	const page100 = await loadBoard(store, q({ size: '100' }), { now: NOW });
	results.push(['render HTML (100 rows)', await median(async () => renderBoardPage(page100))]);
	results.push([`page size: ${(renderBoardPage(data).length / 1024).toFixed(0)} KiB (20 rows)`, NaN]);
	return results;
}

async function main(): Promise<void> {
	const schema = `bench_board_${process.pid}`;
	const postgres = await connectStore({
		mode: 'postgres',
		host: pgSettings.host,
		port: pgSettings.port,
		user: pgSettings.user,
		password: pgSettings.password,
		database: process.env.LEAD_MONITOR_BENCH_DB ?? 'test',
		ssl: false,
		schema,
	});
	const pglite = await connectStore({ mode: 'embedded', dataDir: ':memory:', schema });
	const columns: Record<string, Array<[string, number]>> = {};
	try {
		for (const [kind, store] of [['PostgreSQL', postgres], ['PGlite', pglite]] as const) {
			await migrate(store);
			columns[kind] = await bench(kind, store);
		}
	} finally {
		await postgres.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
		await postgres.close();
		await pglite.close();
	}
	console.log(`\nBoard at ${HITS.toLocaleString('en-US')} hits, median of ${RUNS} runs (ms):\n`);
	console.log(`${'step'.padEnd(40)}${'PostgreSQL'.padStart(12)}${'PGlite'.padStart(12)}`);
	columns.PostgreSQL.forEach(([name, ms], i) => {
		const other = columns.PGlite[i][1];
		const cell = (value: number) => (Number.isNaN(value) ? '' : value.toFixed(1)).padStart(12);
		console.log(`${name.padEnd(40)}${cell(ms)}${cell(other)}`);
	});
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
