import { boardClock, loadKpis, loadRuleOptions, loadSourceMix, loadTrend } from '../../lib/board';
import { updateHitStatus } from '../../lib/hits';
import { attributeConversions } from '../../lib/roi';
import type { Store } from '../../lib/store';
import { openTestStore, STORE_KINDS } from '../setup/testStores';
import { insertHit, insertLead, NOW } from './boardSeed';

/**
 * Ten hits around the local day boundaries of Asia/Shanghai (UTC+8). The test clock is
 * 2025-12-23 11:30 local, so today starts at 2025-12-22T16:00Z.
 */
const HITS = [
	{ createdAt: '2025-12-22T16:00:00Z', status: 'pending', source: '系统X' }, // today, 00:00 local
	{ createdAt: '2025-12-23T03:00:00Z', status: 'pending', source: '系统X' }, // today
	{ createdAt: '2025-12-22T15:59:59Z', status: 'converted', source: '系统X' }, // yesterday, 23:59:59 local
	{ createdAt: '2025-12-22T01:00:00Z', status: 'in_progress', source: '系统X' }, // yesterday
	{ createdAt: '2025-12-21T15:59:00Z', status: 'converted', source: 'CRM自动导入' }, // 12-21
	{ createdAt: '2025-12-01T00:00:00Z', status: 'contact_failed', source: 'CRM自动导入' }, // 12-01, this month
	{ createdAt: '2025-11-30T15:59:00Z', status: 'converted', source: 'CRM自动导入' }, // 11-30 23:59 local: last month
	{ createdAt: '2025-11-30T16:00:00Z', status: 'pending', source: null }, // 12-01 00:00 local: this month
	{ createdAt: '2025-12-17T04:00:00Z', status: 'pending', source: '' }, // 12-17: first trend day
	{ createdAt: '2025-12-16T15:59:00Z', status: 'pending', source: null }, // 12-16 23:59 local: before the trend
] as const;

describe.each(STORE_KINDS)('board KPIs, trend and source mix on %s', (kind) => {
	let store: Store;
	beforeAll(async () => {
		store = await openTestStore(kind);
		for (const [index, hit] of HITS.entries()) {
			await insertLead(store, `K${index}`);
			await insertHit(store, { leadId: `K${index}`, ...hit, ruleId: index < 6 ? 'r1' : 'r2', ruleVersion: index === 0 ? 2 : 1, label: index === 0 ? '规则一（新版）' : `规则${index < 6 ? '一' : '二'}` });
		}
	});
	afterAll(() => store.close());

	it('counts the cards in the bank\'s local days', async () => {
		const kpis = await loadKpis(store, boardClock(NOW, 'Asia/Shanghai'));
		expect(kpis).toEqual({
			total: 10,
			totalAtStartOfToday: 8,
			changeFromYesterdayPct: 25,
			newToday: 2,
			newYesterday: 2,
			awaiting: 5,
			awaitingSharePct: 50,
			monthHits: 9,
			monthConverted: 2,
			monthConvertedImported: 0,
			monthConvertedStaff: 2,
			conversionRatePct: 22.2,
			byStatus: { pending: 5, in_progress: 1, converted: 3, contact_failed: 1 },
		});
	});

	it('moves the day boundaries with the time zone', async () => {
		const kpis = await loadKpis(store, boardClock(NOW, 'UTC'));
		// In UTC today began at 2025-12-23T00:00Z: only the 03:00Z hit is new; 16:00Z and 15:59:59Z were yesterday.
		expect(kpis).toMatchObject({ newToday: 1, newYesterday: 3, totalAtStartOfToday: 9, changeFromYesterdayPct: 11.1 });
		// This month in UTC starts at 2025-12-01T00:00Z: the 11-30T16:00Z hit falls out, the 12-01T00:00Z one stays.
		expect(kpis).toMatchObject({ monthHits: 8, monthConverted: 2, conversionRatePct: 25 });
	});

	it('has nothing to divide by on an empty board', async () => {
		const empty = await openTestStore(kind);
		try {
			const kpis = await loadKpis(empty, boardClock(NOW));
			expect(kpis).toMatchObject({ total: 0, changeFromYesterdayPct: null, awaitingSharePct: null, conversionRatePct: null });
			expect((await loadTrend(empty, boardClock(NOW))).map((p) => p.hits)).toEqual([0, 0, 0, 0, 0, 0, 0]);
			expect(await loadSourceMix(empty)).toEqual([]);
		} finally {
			await empty.close();
		}
	});

	it('draws seven local days, oldest first, zero-filled', async () => {
		expect(await loadTrend(store, boardClock(NOW, 'Asia/Shanghai'))).toEqual([
			{ date: '2025-12-17', hits: 1 },
			{ date: '2025-12-18', hits: 0 },
			{ date: '2025-12-19', hits: 0 },
			{ date: '2025-12-20', hits: 0 },
			{ date: '2025-12-21', hits: 1 },
			{ date: '2025-12-22', hits: 2 },
			{ date: '2025-12-23', hits: 2 },
		]);
	});

	it('mixes sources largest first, empty and missing ones together', async () => {
		expect(await loadSourceMix(store)).toEqual([
			{ source: '系统X', hits: 4, sharePct: 40 },
			{ source: 'CRM自动导入', hits: 3, sharePct: 30 },
			{ source: null, hits: 3, sharePct: 30 },
		]);
	});

	it('counts this month\'s conversions by source: imported ones attributed to the hit, then those staff set', async () => {
		const hitOf = async (leadId: string) => Number((await store.query<{ hit_id: string }>('SELECT hit_id FROM hits WHERE lead_id = $1', [leadId])).rows[0].hit_id);
		// The bank's data: K1 (pending, today) and K5 (contact failed, 12-01) took a loan; so did K2, which staff had already marked.
		await store.query(
			`INSERT INTO conversions (conversion_key, id_hash, lead_id, product, amount_cents, converted_on)
			 VALUES ('c-k1', 'v1:K1', 'K1', '个人消费贷', 1000000, '2025-12-23'), ('c-k5', 'v1:K5', 'K5', '信用卡', 0, '2025-12-10'),
			        ('c-k2', 'v1:K2', 'K2', '个人消费贷', 500000, '2025-12-23')`,
		);
		expect(await attributeConversions(store)).toMatchObject({ attributedConversions: 3, hitsConverted: 2 });
		// Staff move K5 back afterwards: the bank's data still says it converted.
		await updateHitStatus(store, await hitOf('K5'), 'contact_failed');

		const kpis = await loadKpis(store, boardClock(NOW, 'Asia/Shanghai'));
		// Imported: K1, K2, K5; staff: K4 only (K2 is counted once, as imported; K6 converted last month).
		expect(kpis).toMatchObject({ monthHits: 9, monthConverted: 4, monthConvertedImported: 3, monthConvertedStaff: 1, conversionRatePct: 44.4 });
		expect(kpis.byStatus.converted).toBe(4);
	});

	it('offers the rules that have hits, with their latest label', async () => {
		expect(await loadRuleOptions(store)).toEqual([
			{ ruleId: 'r1', label: '规则一（新版）', hits: 6 },
			{ ruleId: 'r2', label: '规则二', hits: 4 },
		]);
	});
});

describe('board clock', () => {
	it('gives local day starts as instants', () => {
		const clock = boardClock(NOW, 'Asia/Shanghai');
		expect(clock.today).toBe('2025-12-23');
		expect(clock.startOfToday.toISOString()).toBe('2025-12-22T16:00:00.000Z');
		expect(clock.startOfYesterday.toISOString()).toBe('2025-12-21T16:00:00.000Z');
		expect(clock.startOfMonth.toISOString()).toBe('2025-11-30T16:00:00.000Z');
		expect(clock.trendDays).toEqual(['2025-12-17', '2025-12-18', '2025-12-19', '2025-12-20', '2025-12-21', '2025-12-22', '2025-12-23']);
		expect(clock.trendBounds).toHaveLength(8);
	});

	it('names the time zone it does not know', () => {
		expect(() => boardClock(NOW, 'Mars/Olympus')).toThrow('Unknown time zone "Mars/Olympus"');
	});
});
