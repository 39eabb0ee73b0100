import type { ActiveConfig, CoverageAnswer, SaveConfigOutcome } from '../../lib/console/api/contract';
import { computeCoverage } from '../../lib/monitor/coverage';
import { allPresetsRuleSet } from '../../lib/rules/presets';
import { windowEndFor } from '../../lib/rules/ruleWindow';
import type { RuleSet } from '../../lib/rules/types';
import type { StaffRole } from '../../lib/staff';
import type { Store } from '../../lib/store';
import { coverageData, seedCoverageData } from '../monitor/coverageFixtures';
import { openTestStore, STORE_KINDS } from '../setup/testStores';
import { ConsoleClient, errorOf, signedInRoles } from './consoleClient';

/** The presets without the 7-day institution rule, and the key-behaviour rule over 5 days instead of 3. */
function editedPresets(): RuleSet {
	const presets = allPresetsRuleSet();
	const rules = presets.rules.filter((r) => r.name !== 'active-institutions').map((r) => JSON.parse(JSON.stringify(r)) as RuleSet['rules'][number]);
	const lookup = rules.find((r) => r.name === 'key-behaviour')!;
	(lookup.conditions as unknown as { all: Array<{ params: { windowDays: number } }> }).all[0].params.windowDays = 5;
	return { ...presets, rules };
}

describe.each(STORE_KINDS)('the coverage preview through the console API on %s', (kind) => {
	let store: Store;
	let clients: Record<StaffRole, ConsoleClient>;
	const lastDay = windowEndFor(new Date());
	beforeAll(async () => {
		store = await openTestStore(kind);
		await seedCoverageData(store, coverageData(lastDay, 800, 7));
		({ clients } = await signedInRoles(store, 'coverage'));
	});
	afterAll(() => store.close());

	it('answers exact per-day counts up to yesterday and what the edit adds and removes against the active version', async () => {
		const edited = editedPresets();
		const response = await clients.viewer.post('rules.coverage', { ruleSet: edited, days: 7, mode: 'exact' });
		expect(response.status).toBe(200);
		const answer = response.body as CoverageAnswer;
		const expected = await computeCoverage(store, edited, { lastDay, days: 7, base: allPresetsRuleSet() });
		expect(answer).toMatchObject({ mode: 'exact', diffByGrade: expected.diffByGrade, diffByInstitution: expected.diffByInstitution });
		expect(answer.sampleShare).toBeUndefined();
		expect(answer.days).toEqual(expected.days.map(({ date, leads, byRule, added, removed }) => ({ date, leads, byRule, added, removed })));
		expect(answer.days.at(-1)!.date).toBe(lastDay);
		expect(answer.days.at(-1)!.removed).toBeGreaterThan(0);
		expect(answer.days.at(-1)!.added).toBeGreaterThan(0);
		expect(answer.elapsedMs).toBeGreaterThanOrEqual(0);

		// Once the edit is the active version, it adds and removes nothing.
		const active = (await clients.viewer.get('rules.active')).body as ActiveConfig<RuleSet>;
		const saved = await clients.admin.post('rules.save', { body: edited, note: '覆盖预估测试', baseVersion: active.version });
		expect((saved.body as SaveConfigOutcome<RuleSet>).created).toBe(true);
		const again = (await clients.viewer.post('rules.coverage', { ruleSet: edited, days: 7, mode: 'exact' })).body as CoverageAnswer;
		expect(again.days.map((d) => [d.leads, d.added, d.removed])).toEqual(answer.days.map((d) => [d.leads, 0, 0]));
		expect([again.diffByGrade, again.diffByInstitution]).toEqual([[], []]);
		// And the presets now add back what the edit removed.
		const back = (await clients.viewer.post('rules.coverage', { ruleSet: allPresetsRuleSet(), days: 7, mode: 'exact' })).body as CoverageAnswer;
		expect(back.days.map((d) => [d.added, d.removed])).toEqual(answer.days.map((d) => [d.removed, d.added]));
	});

	it('answers the estimate first: scaled from the sample, with its share and margin', async () => {
		const response = await clients.viewer.post('rules.coverage', { ruleSet: allPresetsRuleSet(), days: 3, mode: 'estimate' });
		expect(response.status).toBe(200);
		const answer = response.body as CoverageAnswer;
		expect(answer).toMatchObject({ mode: 'estimate', sampleShare: 1 / 64 });
		expect(answer.days.map((d) => d.date)).toHaveLength(3);
		expect(answer.days.every((d) => d.leads % 64 === 0)).toBe(true);
		expect(answer.margin).toBeGreaterThan(0);
	});

	it('names the field of a bad rule set, a bad number of days or mode', async () => {
		const broken = { ...allPresetsRuleSet(), rules: [{ name: 'x', conditions: { all: [{ fact: 'activityCount', operator: 'greaterThan', value: 1 }] }, event: { type: 'lead-hit', params: { label: 'x', grade: 'B', reason: 'x' } } }] };
		const invalid = await clients.viewer.post('rules.coverage', { ruleSet: broken, days: 7, mode: 'exact' });
		expect(invalid.status).toBe(400);
		expect(errorOf(invalid)).toMatchObject({ code: 'invalidRule', field: expect.stringMatching(/^rules\[0\]\.conditions/) });
		const tooMany = await clients.viewer.post('rules.coverage', { ruleSet: allPresetsRuleSet(), days: 31, mode: 'exact' });
		expect([tooMany.status, errorOf(tooMany).field]).toEqual([400, 'days']);
		const mode = await clients.viewer.post('rules.coverage', { ruleSet: allPresetsRuleSet(), days: 7, mode: 'guess' });
		expect([mode.status, errorOf(mode).field]).toEqual([400, 'mode']);
		const none = await clients.viewer.post('rules.coverage', { days: 7, mode: 'exact' });
		expect([none.status, errorOf(none).field]).toEqual([400, 'ruleSet']);
	});
});
