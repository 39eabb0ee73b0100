import { addDays } from '../../lib/calendar';
import { computeCoverage } from '../../lib/monitor/coverage';
import { coveragePreview } from '../../lib/monitor/coveragePreview';
import { buildCoverageQuery } from '../../lib/monitor/coverageQuery';
import { previewCoverage } from '../../lib/monitor/preview';
import { allPresetsRuleSet, presetRuleSet } from '../../lib/rules/presets';
import { ruleWindowDays } from '../../lib/rules/ruleWindow';
import { GRADES, type RuleSet } from '../../lib/rules/types';
import type { Store } from '../../lib/store';
import { perDayCoverage, type PerDayCoverage } from '../../bench/coverage/perDayCoverage';
import type { TestEvent } from '../rules/fixtures';
import { STORE_KINDS, openTestStore } from '../setup/testStores';
import { INSTITUTIONS, coverageData, inSample, seedCoverageData, type CoverageLead } from './coverageFixtures';

const LAST_DAY = '2026-11-20';
const DATA = coverageData(LAST_DAY, 2500);

const rule = (name: string, grade: string, conditions: unknown) => ({
	name,
	conditions,
	event: { type: 'lead-hit', params: { label: name, grade, reason: name } },
});

/** Nested any / all / not, shared conditions, windows from 2 to 45 days, offsets, every activity fact, filters, profile facts. */
const NESTED = {
	id: 'nested',
	conditions: {
		busyFortnight: { all: [{ fact: 'activityCount', params: { windowDays: 14 }, operator: 'greaterThanInclusive', value: 5 }] },
	},
	rules: [
		rule('fortnight-or-night', 'B', {
			any: [
				{ condition: 'busyFortnight' },
				{
					all: [
						{ fact: 'activityCount', params: { windowDays: 10, eventTypes: ['data_api', 'ocr'], period: { fromHour: 22, toHour: 6 } }, operator: 'greaterThanInclusive', value: 1 },
						{ not: { fact: 'sourceChannel', operator: 'equal', value: '抖音推广' } },
					],
				},
			],
		}),
		rule('hangzhou-regular', 'A', {
			all: [
				{ fact: 'activeDays', params: { windowDays: 30, institutions: ['杭州分行', '宁波分行'] }, operator: 'greaterThanInclusive', value: 3 },
				{
					any: [
						{ fact: 'distinctInstitutions', params: { windowDays: 45 }, operator: 'greaterThanInclusive', value: 2 },
						{ fact: 'tags', operator: 'contains', value: 'VIP' },
					],
				},
			],
		}),
		rule('back-at-new-place', 'C', {
			all: [
				{ fact: 'newInstitutionCount', params: { windowDays: 2, baselineDays: 20, eventTypes: ['face'] }, operator: 'greaterThanInclusive', value: 1 },
				{ fact: 'daysSinceLastActivity', params: { windowDays: 45, offsetDays: 2 }, operator: 'greaterThan', value: 3 },
			],
		}),
		rule('quiet-vip', 'D', {
			all: [
				{ fact: 'tags', operator: 'contains', value: '私行' },
				{ fact: 'activityCount', params: { windowDays: 5, offsetDays: 1 }, operator: 'lessThan', value: 1 },
			],
		}),
	],
} as RuleSet;

/** Only profile facts: every roster lead is in every day's aggregate. */
const PROFILE_ONLY = { id: 'profile-only', rules: [rule('channel', 'D', { all: [{ fact: 'sourceChannel', operator: 'in', value: ['官网预约', '线下活动'] }] })] } as RuleSet;

/** One rule per hour of the day and event type: more event-type / time-of-day filters than fit beside the day in one integer. */
const HOURLY = {
	id: 'hourly',
	rules: Array.from({ length: 26 }, (_, h) =>
		rule(`hour-${h}`, 'C', {
			all: [
				{
					fact: 'activityCount',
					params: { windowDays: 3, period: { fromHour: h % 24, toHour: (h + 1) % 24 }, ...(h >= 24 ? { eventTypes: ['ocr'] } : {}) },
					operator: 'greaterThanInclusive',
					value: 1,
				},
			],
		}),
	),
} as RuleSet;

const RULE_SETS: Array<[string, RuleSet, number]> = [
	['all presets', allPresetsRuleSet(), 7],
	['dormant-and-back (a 180-day gap window)', presetRuleSet(['dormant-and-back']), 3],
	['new-institution (a baseline and an offset window)', presetRuleSet(['new-institution']), 5],
	['nested any / all / not with shared conditions', NESTED, 10],
	['profile facts only', PROFILE_ONLY, 2],
	['26 event-type / time-of-day filters', HOURLY, 3],
];

const counts = (days: ReadonlyArray<{ date: string; leads: number; byRule: Record<string, number>; errors: number }>) =>
	days.map(({ date, leads, byRule, errors }) => ({ date, leads, byRule, errors }));

describe.each(STORE_KINDS)('coverage preview in one scan on %s', (kind) => {
	let store: Store;
	beforeAll(async () => {
		store = await openTestStore(kind);
		await seedCoverageData(store, DATA);
	});
	afterAll(() => store.close());

	it.each(RULE_SETS)('counts per day exactly as one aggregate per day: %s', async (_, ruleSet, days) => {
		const reference = await perDayCoverage(store, ruleSet, { lastDay: LAST_DAY, days });
		const coverage = await computeCoverage(store, ruleSet, { lastDay: LAST_DAY, days });
		expect(counts(coverage.days)).toEqual(counts(reference));
		expect(coverage.days.every((d) => d.added === 0 && d.removed === 0)).toBe(true);
		// The data must make the comparison mean something: some leads matched.
		expect(reference.some((d) => d.leads > 0)).toBe(true);
		await expect(previewCoverage(store, ruleSet, { windowEnd: LAST_DAY, days })).resolves.toEqual(counts(reference));
	});

	it('reads call_events once for all the days', () => {
		const query = buildCoverageQuery([allPresetsRuleSet(), NESTED], { lastDay: LAST_DAY, days: 30, sample: false });
		expect(query.sql.match(/FROM call_events/g)).toHaveLength(1);
		expect(query.sql).not.toMatch(/DISTINCT e\./);
		expect(buildCoverageQuery([HOURLY], { lastDay: LAST_DAY, days: 3, sample: false }).extraFilterColumns).toBe(1);
		expect(query.params).toContain(addDays(LAST_DAY, -(30 - 1) - (180 + 7 - 1)));
	});

	it('tells what an edit adds and removes each day, and breaks the last day down by grade and institution', async () => {
		const base = allPresetsRuleSet();
		const days = 6;
		const [mine, theirs] = await Promise.all([
			perDayCoverage(store, NESTED, { lastDay: LAST_DAY, days, keepMatches: true }),
			perDayCoverage(store, base, { lastDay: LAST_DAY, days, keepMatches: true }),
		]);
		const coverage = await computeCoverage(store, NESTED, { lastDay: LAST_DAY, days, base });
		const expected = mine.map((day, i) => ({
			added: [...day.matched.keys()].filter((lead) => !theirs[i].matched.has(lead)).length,
			removed: [...theirs[i].matched.keys()].filter((lead) => !day.matched.has(lead)).length,
		}));
		expect(coverage.days.map(({ added, removed }) => ({ added, removed }))).toEqual(expected);
		expect(expected.at(-1)!.added).toBeGreaterThan(0);
		expect(expected.at(-1)!.removed).toBeGreaterThan(0);

		const breakdown = expectedBreakdown(mine.at(-1)!, theirs.at(-1)!, NESTED, base);
		expect(coverage.diffByGrade).toEqual(breakdown.byGrade);
		expect(sortByName(coverage.diffByInstitution)).toEqual(sortByName(breakdown.byInstitution));
		// The institution whose name array text must quote and escape comes back as it is.
		expect(coverage.diffByInstitution.map((row) => row.institution)).toContain(INSTITUTIONS.at(-1));
		for (const rows of [coverage.diffByGrade, coverage.diffByInstitution]) {
			expect(rows.reduce((sum, r) => sum + r.added, 0)).toBe(expected.at(-1)!.added);
			expect(rows.reduce((sum, r) => sum + r.removed, 0)).toBe(expected.at(-1)!.removed);
		}
	});

	it('estimates from the fixed sample of ID hashes, scaled up, with its margin', async () => {
		const sampled = DATA.leads.filter((l) => l.idHash && inSample(l.idHash)).map((l) => l.idHash!);
		expect(sampled.length).toBeGreaterThan(20);
		const reference = await perDayCoverage(store, NESTED, { lastDay: LAST_DAY, days: 4, idHashes: sampled });
		const estimate = await coveragePreview(store, NESTED, { mode: 'estimate', lastDay: LAST_DAY, days: 4, base: NESTED });
		expect(estimate).toMatchObject({ mode: 'estimate', sampleShare: 1 / 64 });
		expect(estimate.days.map((d) => d.leads)).toEqual(reference.map((d) => d.leads * 64));
		const most = Math.max(...reference.map((d) => d.leads));
		expect(estimate.margin).toBe(Math.round((1.96 * Math.sqrt(most * (63 / 64))) * 64));
		expect(estimate.elapsedMs).toBeGreaterThanOrEqual(0);

		const exact = await coveragePreview(store, NESTED, { mode: 'exact', lastDay: LAST_DAY, days: 4, base: allPresetsRuleSet() });
		expect(exact.sampleShare).toBeUndefined();
		expect(exact.margin).toBeUndefined();
		expect(exact.days.map((d) => d.leads)).toEqual((await perDayCoverage(store, NESTED, { lastDay: LAST_DAY, days: 4 })).map((d) => d.leads));
	});

	it('refuses a number of days out of range', async () => {
		await expect(computeCoverage(store, NESTED, { lastDay: LAST_DAY, days: 0 })).rejects.toThrow(/from 1 to 90/);
		await expect(computeCoverage(store, { rules: [{ name: 'x' }] } as unknown as RuleSet, { lastDay: LAST_DAY, days: 1 })).rejects.toThrow(/Invalid rule set/);
	});

	if (kind === 'postgres') {
		it('reads the sample through the partial indexes of migration 11', async () => {
			const query = buildCoverageQuery([NESTED], { lastDay: LAST_DAY, days: 7, sample: true });
			// As autovacuum leaves the tables: with statistics (the plans may differ before and after).
			await store.query('ANALYZE leads');
			await store.query('ANALYZE call_events');
			const used = await store.transaction(async (tx) => {
				await tx.query('SET LOCAL enable_seqscan = off');
				const plan = await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${query.sql}`, query.params);
				const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
				expect({ plan: text, seqScan: /Seq Scan/.test(text) }).toMatchObject({ seqScan: false });
				return [...text.matchAll(/(?:Scan using|Bitmap Index Scan on) (\S+)/g)].map((m) => m[1]);
			});
			const definitions = await store.query<{ indexname: string; indexdef: string }>(
				'SELECT indexname, indexdef FROM pg_indexes WHERE indexname = ANY($1::text[])',
				[used],
			);
			expect(definitions.rows.map((r) => r.indexname).sort()).toEqual([...new Set(used)].sort());
			expect(used.length).toBeGreaterThanOrEqual(2);
			for (const index of definitions.rows) expect(index.indexdef).toMatch(/WHERE \(substr\((id_hash|id_key), 2, 1\) < '\\x04'::bytea\)/);
		});
	}
});

/** The last day's added and removed leads by grade and institution, computed from the per-day reference and the events. */
function expectedBreakdown(mine: PerDayCoverage, theirs: PerDayCoverage, edited: RuleSet, base: RuleSet) {
	const leadsById = new Map<string, CoverageLead>(DATA.leads.map((l) => [l.leadId, l]));
	const byGrade = new Map<string, { added: number; removed: number }>();
	const byInstitution = new Map<string, { added: number; removed: number }>();
	const count = (map: typeof byGrade, key: string, side: 'added' | 'removed') => {
		const entry = map.get(key) ?? { added: 0, removed: 0 };
		entry[side]++;
		map.set(key, entry);
	};
	const tally = (leadId: string, rules: number[], ruleSet: RuleSet, side: 'added' | 'removed') => {
		const deciding = [...rules].sort((a, b) => GRADES.indexOf(ruleSet.rules[a].event.params.grade) - GRADES.indexOf(ruleSet.rules[b].event.params.grade) || a - b)[0];
		const decidingRule = ruleSet.rules[deciding];
		count(byGrade, decidingRule.event.params.grade, side);
		const from = addDays(LAST_DAY, -(ruleWindowDays(decidingRule, ruleSet.conditions ?? {}) - 1));
		const idHash = leadsById.get(leadId)!.idHash;
		count(byInstitution, mostFrequent(DATA.events.filter((e) => e.idHash === idHash && e.date >= from && e.date <= LAST_DAY)), side);
	};
	for (const [lead, rules] of mine.matched) if (!theirs.matched.has(lead)) tally(lead, rules, edited, 'added');
	for (const [lead, rules] of theirs.matched) if (!mine.matched.has(lead)) tally(lead, rules, base, 'removed');
	return {
		byGrade: GRADES.filter((g) => byGrade.has(g)).map((grade) => ({ grade, ...byGrade.get(grade)! })),
		byInstitution: [...byInstitution].map(([institution, c]) => ({ institution, ...c })),
	};
}

function mostFrequent(events: readonly TestEvent[]): string {
	const tally = new Map<string, number>();
	for (const e of events) tally.set(e.institution, (tally.get(e.institution) ?? 0) + 1);
	return [...tally].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? '';
}

function sortByName<T extends { institution: string }>(rows: T[]): T[] {
	return [...rows].sort((a, b) => (a.institution < b.institution ? -1 : 1));
}
