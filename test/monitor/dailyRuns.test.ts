import { dailyRunHealth, missedBusinessDates, recordDailyRun } from '../../lib/monitor';
import type { Store } from '../../lib/store';
import { openTestStore, STORE_KINDS } from '../setup/testStores';

// 2026-03-10 05:00 in Shanghai: yesterday's run (business date 03-09) is due by 04:00.
const AFTER_DUE = new Date('2026-03-09T21:00:00Z');
// 2026-03-10 03:00 in Shanghai: yesterday's run may still be going; 03-08 is the one due.
const BEFORE_DUE = new Date('2026-03-09T19:00:00Z');
const GAP = { institution: '甲分行', day: '2026-03-09', kind: 'missing' as const, events: 0, usual: 4 };

describe.each(STORE_KINDS)('daily runs by business date on %s', (kind) => {
	let store: Store;
	beforeAll(async () => {
		store = await openTestStore(kind);
	});
	beforeEach(() => store.query('DELETE FROM daily_runs'));
	afterAll(() => store.close());

	it('a fresh install has missed nothing and says no run is recorded yet', async () => {
		expect(await missedBusinessDates(store, '2026-03-09')).toEqual([]);
		const health = await dailyRunHealth(store, { now: AFTER_DUE });
		expect(health).toMatchObject({ status: 'never', expectedDate: '2026-03-09', lastDate: null, missedDates: [] });
		expect(health.message).toContain('尚无每日监控运行记录');
	});

	it('names the dates a schedule that never fired left without a run, and a catch-up run fills them', async () => {
		await recordDailyRun(store, { businessDate: '2026-03-05', newHits: 3, logGaps: [] });
		await recordDailyRun(store, { businessDate: '2026-03-06', newHits: 2, logGaps: [] });
		// The schedule did not fire for 03-07 and 03-08; the run of 03-09 finds them.
		await recordDailyRun(store, { businessDate: '2026-03-09', newHits: 1, logGaps: [GAP] });
		expect(await missedBusinessDates(store, '2026-03-08')).toEqual(['2026-03-07', '2026-03-08']);

		const health = await dailyRunHealth(store, { now: AFTER_DUE });
		expect(health).toMatchObject({ status: 'missed', expectedDate: '2026-03-09', lastDate: '2026-03-09', missedDates: ['2026-03-07', '2026-03-08'], lastLogGaps: [GAP] });
		expect(health.message).toContain('每日监控未运行：2026-03-07、2026-03-08');

		await recordDailyRun(store, { businessDate: '2026-03-07', newHits: 0, logGaps: [] });
		await recordDailyRun(store, { businessDate: '2026-03-08', newHits: 0, logGaps: [] });
		expect(await dailyRunHealth(store, { now: AFTER_DUE })).toMatchObject({ status: 'ok', missedDates: [] });
	});

	it('reports yesterday as missed only once its run is due, and whatever the schedule has not covered since the last run', async () => {
		await recordDailyRun(store, { businessDate: '2026-03-08', newHits: 0, logGaps: [] });
		expect(await dailyRunHealth(store, { now: BEFORE_DUE })).toMatchObject({ status: 'ok', expectedDate: '2026-03-08' });
		expect(await dailyRunHealth(store, { now: AFTER_DUE })).toMatchObject({ status: 'missed', missedDates: ['2026-03-09'] });
		expect(await dailyRunHealth(store, { now: AFTER_DUE, dueHour: 6 })).toMatchObject({ status: 'ok', expectedDate: '2026-03-08' });
		// Three weeks of silence: every day is named, up to the lookback.
		const later = new Date('2026-03-30T21:00:00Z');
		expect((await dailyRunHealth(store, { now: later })).missedDates).toHaveLength(22);
		expect((await dailyRunHealth(store, { now: later, lookbackDays: 5 })).missedDates).toEqual(['2026-03-25', '2026-03-26', '2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30']);
	});

	it('a date run twice (a trigger that fired twice) is one run counted twice, its first finish kept', async () => {
		await recordDailyRun(store, { businessDate: '2026-03-09', newHits: 5, logGaps: [] }, new Date('2026-03-09T18:00:00Z'));
		await recordDailyRun(store, { businessDate: '2026-03-09', newHits: 0, logGaps: [GAP] }, new Date('2026-03-09T18:00:01Z'));
		const rows = await store.query<{ runs: number; new_hits: number; first_finished_at: Date }>('SELECT runs, new_hits, first_finished_at FROM daily_runs');
		expect(rows.rows).toHaveLength(1);
		expect(rows.rows[0]).toMatchObject({ runs: 2, new_hits: 5 });
		expect(new Date(rows.rows[0].first_finished_at).toISOString()).toBe('2026-03-09T18:00:00.000Z');
		expect((await dailyRunHealth(store, { now: AFTER_DUE })).lastLogGaps).toEqual([GAP]);
	});
});
