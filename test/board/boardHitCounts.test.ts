import { BOARD_HITS_BY_RULE_SQL, BOARD_HITS_BY_SLOT_SQL, BOARD_HITS_BY_SOURCE_SQL, countBoardHits, foldBoardHitCounts } from '../../lib/board';
import type { Store } from '../../lib/store';
import { openTestStore, STORE_KINDS } from '../setup/testStores';
import { insertHit, insertLead } from './boardSeed';

/** The hits per quarter hour and status, per source and per rule: counted from the hits, and read from the kept counts. */
async function bothWays(store: Store): Promise<{ counted: string[][]; kept: string[][] }> {
	const groupings = [
		{ columns: 'created_slot, status', counted: 'board_hit_slot(created_at) AS created_slot, status', from: BOARD_HITS_BY_SLOT_SQL, n: 2 },
		{ columns: 'source', counted: 'source', from: BOARD_HITS_BY_SOURCE_SQL, n: 1 },
		{ columns: 'rule_id, rule_version, label', counted: 'rule_id, rule_version, label', from: BOARD_HITS_BY_RULE_SQL, n: 3 },
	];
	const counted: string[][] = [];
	const kept: string[][] = [];
	for (const grouping of groupings) {
		const by = Array.from({ length: grouping.n }, (_, i) => i + 1).join(', ');
		const line = (row: Record<string, unknown>) => JSON.stringify(row);
		const fromHits = await store.query(`SELECT ${grouping.counted}, count(*)::int AS hits FROM hits GROUP BY ${by} ORDER BY ${by}`);
		const fromCounts = await store.query(
			`SELECT ${grouping.columns}, sum(hits)::int AS hits FROM ${grouping.from} AS c GROUP BY ${by} HAVING sum(hits) <> 0 ORDER BY ${by}`,
		);
		counted.push(fromHits.rows.map(line));
		kept.push(fromCounts.rows.map(line));
	}
	return { counted, kept };
}

async function expectKeptEqualsCounted(store: Store): Promise<void> {
	const { counted, kept } = await bothWays(store);
	expect(kept).toEqual(counted);
	const total = Number((await store.query<{ n: string }>('SELECT count(*) AS n FROM hits')).rows[0].n);
	expect(await countBoardHits(store, {})).toBe(total);
	const pending = Number((await store.query<{ n: string }>("SELECT count(*) AS n FROM hits WHERE status = 'pending'")).rows[0].n);
	expect(await countBoardHits(store, { status: 'pending' })).toBe(pending);
}

/**
 * The board's KPIs, trend, source mix, rule options and plain counts read the kept counts
 * (migration 030): whatever writes the hits, they must add up to what counting the hits gives.
 */
describe.each(STORE_KINDS)('the board hit counts on %s', (kind) => {
	let store: Store;
	beforeAll(async () => {
		store = await openTestStore(kind);
		for (let i = 0; i < 12; i++) await insertLead(store, `C${i}`);
	});
	afterAll(() => store.close());

	it('follow every insert, update, delete and truncate of the hits, folded or not', async () => {
		const sources = ['系统X', 'CRM自动导入', null, ''];
		for (let i = 0; i < 40; i++) {
			await insertHit(store, {
				leadId: `C${i % 12}`,
				createdAt: new Date(Date.UTC(2025, 11, 20, 15, 50) + i * 7 * 60_000).toISOString(),
				source: sources[i % 4],
				ruleId: i % 3 ? 'r1' : 'r2',
				ruleVersion: 1 + (i % 2),
				label: i % 5 ? '规则' : null,
				status: i % 7 ? 'pending' : 'converted',
			});
		}
		await expectKeptEqualsCounted(store);
		await store.exec("UPDATE hits SET status = 'in_progress' WHERE lead_id IN ('C1', 'C2', 'C3')");
		await store.exec("UPDATE hits SET updated_at = now(), push_grade = 'A' WHERE lead_id = 'C4'"); // moves no count
		await store.exec("UPDATE hits SET source = 'CRM自动导入', label = NULL WHERE lead_id = 'C5'");
		await store.exec("UPDATE hits SET created_at = created_at + interval '1 day', rule_version = 3 WHERE lead_id = 'C6'");
		await expectKeptEqualsCounted(store);
		await foldBoardHitCounts(store, 0);
		expect(Number((await store.query<{ n: string }>('SELECT count(*) AS n FROM board_hit_count_changes')).rows[0].n)).toBe(0);
		await expectKeptEqualsCounted(store);
		await store.exec("DELETE FROM hits WHERE lead_id IN ('C7', 'C8')");
		await store.exec("UPDATE hits SET status = 'contact_failed' WHERE status = 'in_progress'");
		await expectKeptEqualsCounted(store);
		await foldBoardHitCounts(store); // few changes: left to read beside the counts
		expect(Number((await store.query<{ n: string }>('SELECT count(*) AS n FROM board_hit_count_changes')).rows[0].n)).toBeGreaterThan(0);
		await foldBoardHitCounts(store, 0);
		await expectKeptEqualsCounted(store);
		await store.exec('TRUNCATE hits CASCADE');
		await expectKeptEqualsCounted(store);
		await insertHit(store, { leadId: 'C0', createdAt: '2025-12-22T16:00:00Z' });
		await expectKeptEqualsCounted(store);
		expect(await countBoardHits(store, {})).toBe(1);
	});
});
