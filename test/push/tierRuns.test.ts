import { claimTierRuns, dueTiers, finishTierRun, lastTierRuns } from '../../lib/push';
import type { Store } from '../../lib/store';
import { openTestStore, STORE_KINDS } from '../setup/testStores';
import { standardFrequencies } from './frequencyFixtures';

describe.each(STORE_KINDS)('tier runs on %s', (storeKind) => {
	let store: Store;
	beforeAll(async () => {
		store = await openTestStore(storeKind);
	});
	afterAll(() => store.close());

	it('claims each tier once per period; the last runs make the next tick due for nothing', async () => {
		const frequencies = standardFrequencies();
		const now = new Date('2026-12-07T02:30:00Z');
		const due = dueTiers(frequencies, now, await lastTierRuns(store));
		expect(due.map((d) => d.periodKey)).toEqual(['A:2026-12-07T10', 'B:2026-12-07', 'C:2026-W50', 'D:2026-12']);

		const claimed = await claimTierRuns(store, due, { frequenciesVersion: 3 });
		expect(claimed).toEqual(due);
		// The trigger fired twice: the second claim of the same periods wins nothing.
		expect(await claimTierRuns(store, due)).toEqual([]);

		const last = await lastTierRuns(store);
		expect(last.B.periodKey).toBe('B:2026-12-07');
		expect(new Date(last.B.periodStart).toISOString()).toBe('2026-12-06T16:00:00.000Z');
		expect(dueTiers(frequencies, new Date('2026-12-07T02:45:00Z'), last)).toEqual([]);
		expect(dueTiers(frequencies, new Date('2026-12-07T03:00:00Z'), last).map((d) => d.periodKey)).toEqual(['A:2026-12-07T11']);

		await finishTierRun(store, claimed[1], { selected: 12, sent: 10, held: 2 });
		const rows = await store.query<{ tier: string; frequencies_version: number; finished: boolean; summary: object }>(
			`SELECT tier, frequencies_version, finished_at IS NOT NULL AS finished, summary FROM tier_runs ORDER BY tier`,
		);
		expect(rows.rows).toEqual([
			{ tier: 'A', frequencies_version: 3, finished: false, summary: {} },
			{ tier: 'B', frequencies_version: 3, finished: true, summary: { selected: 12, sent: 10, held: 2 } },
			{ tier: 'C', frequencies_version: 3, finished: false, summary: {} },
			{ tier: 'D', frequencies_version: 3, finished: false, summary: {} },
		]);
	});

	it('two ticks at once: each tier and period is claimed by exactly one of them', async () => {
		const other = storeKind === 'postgres' ? await openTestStore('postgres', store.schema) : store;
		try {
			const frequencies = standardFrequencies();
			const now = new Date('2027-01-04T02:05:00Z');
			// Both workers read the same last runs before either claims.
			const [dueHere, dueThere] = [dueTiers(frequencies, now, await lastTierRuns(store)), dueTiers(frequencies, now, await lastTierRuns(other))];
			expect(dueHere).toEqual(dueThere);
			for (let round = 0; round < 5; round++) {
				const [here, there] = await Promise.all([claimTierRuns(store, dueHere), claimTierRuns(other, dueThere)]);
				if (round === 0) expect([...here, ...there].map((d) => d.periodKey).sort()).toEqual(dueHere.map((d) => d.periodKey).sort());
				else expect([...here, ...there]).toEqual([]);
			}
			const count = await store.query<{ n: number }>(`SELECT count(*)::int AS n FROM tier_runs WHERE period_key LIKE '%2027-%'`);
			expect(count.rows[0].n).toBe(dueHere.length);
		} finally {
			if (other !== store) await other.close();
		}
	});
});
