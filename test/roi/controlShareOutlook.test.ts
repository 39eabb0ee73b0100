import { controlPercentProblem, controlShareOutlook, hitsToTell, uplift, YEARS_TO_TELL } from '../../lib/roi';
import { validateRuleSet } from '../../lib/rules/validateRule';
import type { RuleSet } from '../../lib/rules/types';
import { scoringConfig, standardScoringModel } from '../../lib/scoring';

const ruleWithShare = (controlPercent: unknown): RuleSet['rules'][number] => ({
	name: 'held',
	conditions: { all: [{ name: 'count', fact: 'activityCount', params: { windowDays: 7 }, operator: 'greaterThanInclusive', value: 1 }] },
	event: { type: 'lead-hit', params: { label: '活跃机构命中', grade: 'B', reason: '近7天核验{count}次', controlPercent: controlPercent as number } },
});

describe('a control share as the console checks it', () => {
	it('agrees with both schemas on every value the inputs can hold', () => {
		const model = standardScoringModel();
		for (const value of [-1, -0.01, 0, 0.5, 5, 49.9, 50, 50.01, 80, Number.NaN]) {
			const ruleAccepts = validateRuleSet({ rules: [ruleWithShare(value)] }).length === 0;
			let modelAccepts = true;
			try {
				scoringConfig.validate({ ...model, controlPercentByGrade: { B: value } });
			} catch {
				modelAccepts = false;
			}
			expect([value, controlPercentProblem(value) === null]).toEqual([value, ruleAccepts]);
			expect([value, modelAccepts]).toEqual([value, ruleAccepts]);
		}
		expect(controlPercentProblem(undefined)).toBeNull();
		expect(controlPercentProblem(80)).toContain('0–50');
	});
});

describe('how long a control share takes to tell the uplift', () => {
	const recent = { treated: 100, treatedConverted: 10, control: 100, controlConverted: 5, days: 10 };

	it('needs the hits the report’s own sum gives, at the recent pace', () => {
		// uplift.test.ts: at 10 % against 5 %, half held out, 423 hits in all (200 there, 223 still needed).
		expect(controlShareOutlook({ controlPercent: 50, recent })).toEqual({ verdict: 'canTell', hitsNeeded: 423, weeksNeeded: 4, hitsPerDay: 20, assumed: false });
		const report = uplift({ ...recent, controlShare: 0.5 });
		expect(report.hitsStillNeeded! + recent.treated + recent.control).toBe(423);
		// A smaller share takes more hits, by the same sum.
		const five = controlShareOutlook({ controlPercent: 5, recent });
		expect(five).toMatchObject({ verdict: 'canTell', hitsNeeded: hitsToTell(0.1, 0.05, 0.05), assumed: false });
		expect(five.verdict === 'canTell' && five.hitsNeeded).toBeGreaterThan(423);
	});

	it('warns when the share is too small to ever tell at the recent pace, and not once it is raised', () => {
		// 1 % conversions, nothing held out yet: held-out hits assumed to convert at half that.
		const slow = { treated: 1000, treatedConverted: 10, control: 0, controlConverted: 0, days: 30 };
		const onePercent = controlShareOutlook({ controlPercent: 1, recent: slow });
		expect(onePercent).toMatchObject({ verdict: 'tooSmallToTell', assumed: true, hitsNeeded: hitsToTell(0.01, 0.005, 0.01) });
		expect(onePercent.verdict === 'tooSmallToTell' && onePercent.weeksNeeded! * 7).toBeGreaterThan(YEARS_TO_TELL * 365);
		const twenty = controlShareOutlook({ controlPercent: 20, recent: slow });
		expect(twenty).toMatchObject({ verdict: 'canTell', assumed: true, hitsNeeded: hitsToTell(0.01, 0.005, 0.2) });
		expect(twenty.verdict === 'canTell' && twenty.weeksNeeded).toBeLessThan(52);
	});

	it('says never when both groups convert alike and there is nothing else to go on', () => {
		expect(hitsToTell(0.05, 0.05, 0.1)).toBeNull();
		// Alike observed rates fall back to the assumed effect (a figure, marked assumed), not "never".
		expect(controlShareOutlook({ controlPercent: 10, recent: { treated: 900, treatedConverted: 45, control: 100, controlConverted: 5, days: 28 } })).toMatchObject({ verdict: 'canTell', assumed: true });
	});

	it('says when there is nothing to estimate from', () => {
		expect(controlShareOutlook({ controlPercent: 0, recent })).toEqual({ verdict: 'noControl' });
		expect(controlShareOutlook({ controlPercent: undefined, recent })).toEqual({ verdict: 'noControl' });
		expect(controlShareOutlook({ controlPercent: 5, recent: null })).toEqual({ verdict: 'noHits' });
		expect(controlShareOutlook({ controlPercent: 5, recent: { treated: 56, treatedConverted: 0, control: 0, controlConverted: 0, days: 28 } })).toEqual({ verdict: 'noConversions', hitsPerDay: 2 });
	});
});
