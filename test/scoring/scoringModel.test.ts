import { activeConfig, saveConfig } from '../../lib/config';
import {
	assertValidScoringModel,
	gradeOf,
	scoringConfig,
	ScoringModelError,
	standardScoringModel,
	validateScoringModel,
	type ScoringModel,
} from '../../lib/scoring';
import type { Store } from '../../lib/store';
import { openTestStore } from '../setup/testStores';

function model(change: (m: ScoringModel) => void): unknown {
	const copy = structuredClone(standardScoringModel());
	change(copy);
	return copy;
}

function issuesOf(input: unknown): Record<string, string> {
	return Object.fromEntries(validateScoringModel(input).map((issue) => [issue.path, issue.message]));
}

describe('the scoring model (rules/schema/scoring.schema.json)', () => {
	it('accepts the shipped standard model, with a suggestion for every grade A1 … D3', () => {
		const standard = standardScoringModel();
		expect(validateScoringModel(standard)).toEqual([]);
		expect(Object.keys(standard.suggestions).sort()).toEqual(['A1', 'A2', 'A3', 'B1', 'B2', 'B3', 'C1', 'C2', 'C3', 'D1', 'D2', 'D3']);
	});

	it('names a missing weight', () => {
		const issues = issuesOf(
			model((m) => {
				delete (m.dynamic.outcomes as Partial<ScoringModel['dynamic']['outcomes']>).conversion;
				delete (m.static.industry[0] as Partial<{ points: number }>).points;
			}),
		);
		expect(issues['dynamic.outcomes.conversion']).toMatch(/缺少分值 \(missing weight\)/);
		expect(issues['static.industry[0].points']).toMatch(/missing weight/);
	});

	it('refuses a negative or zero half-life and a positive "negative" event', () => {
		expect(issuesOf(model((m) => (m.decay = { kind: 'halfLife', days: -3 })))['decay.days']).toMatch(/应大于 0/);
		expect(issuesOf(model((m) => (m.decay = { kind: 'halfLife', days: 0 })))['decay.days']).toMatch(/must be above 0/);
		expect(issuesOf(model((m) => (m.dynamic.negative.optOut = 10)))['dynamic.negative.optOut']).toMatch(/不大于 0/);
	});

	it('names a gap and an overlap between grade bands', () => {
		const gap = issuesOf(model((m) => (m.grades.fit[1] = { key: 'B', min: 25, max: 35 })));
		expect(gap['grades.fit[1].max']).toMatch(/缺口.*gap between 35 and 40/);
		const overlap = issuesOf(model((m) => (m.grades.engagement[1] = { key: 2, min: 15, max: 45 })));
		expect(overlap['grades.engagement[1].max']).toMatch(/重叠.*overlap between 40 and 45/);
		const duplicate = issuesOf(model((m) => (m.grades.fit[2].key = 'B')));
		expect(duplicate['grades.fit[2].key']).toMatch(/duplicate band B/);
		expect(issuesOf(model((m) => (m.grades.fit[0].max = 100)))['grades.fit[0].max']).toMatch(/top band has no max/);
	});

	it('names a profile value given twice', () => {
		const issues = issuesOf(model((m) => m.static.industry.push({ value: '制造业', points: 3 })));
		expect(issues['static.industry[6].value']).toMatch(/"制造业" 重复/);
	});

	it('throws one ScoringModelError listing every problem, the first path as its field', () => {
		const bad = model((m) => {
			m.decay.days = -1;
			m.grades.fit[1].max = 30;
		});
		expect(() => assertValidScoringModel(bad)).toThrow(ScoringModelError);
		try {
			assertValidScoringModel(bad);
		} catch (error) {
			expect((error as ScoringModelError).code).toBe('invalidScoringModel');
			expect((error as ScoringModelError).field).toBe('decay.days');
			expect((error as Error).message).toMatch(/^评分模型无效 \(invalid scoring model\):\ndecay\.days: /);
		}
	});

	it('grades a static and a dynamic score: the letter by fit, the digit by engagement (bands: min inclusive)', () => {
		const { grades } = standardScoringModel();
		expect(gradeOf(grades, 40, 40)).toEqual({ fit: 'A', engagement: 1, grade: 'A1' });
		expect(gradeOf(grades, 39.99, 39.99)).toEqual({ fit: 'B', engagement: 2, grade: 'B2' });
		expect(gradeOf(grades, -100, -5)).toEqual({ fit: 'D', engagement: 3, grade: 'D3' });
		expect(gradeOf(grades, 12, 15).grade).toBe('C2');
	});
});

describe('the scoring model as saved configuration', () => {
	let store: Store;
	beforeAll(async () => {
		store = await openTestStore('pglite');
	});
	afterAll(() => store.close());

	it('cold-starts with the standard model and saves nothing for a bad one', async () => {
		const cold = await activeConfig(store, scoringConfig);
		expect(cold.version).toBe(1);
		expect(cold.body).toEqual(standardScoringModel());
		const bad = model((m) => (m.grades.fit[1].min = 20));
		await expect(saveConfig(store, scoringConfig, bad, { author: 'admin', baseVersion: 1 })).rejects.toThrow(ScoringModelError);
		const count = await store.query<{ n: number }>(`SELECT count(*)::int AS n FROM config_versions WHERE kind = 'scoring'`);
		expect(count.rows[0].n).toBe(1);
		const saved = await saveConfig(store, scoringConfig, model((m) => (m.threshold = 70)), { author: 'admin', baseVersion: 1 });
		expect(saved.active).toMatchObject({ version: 2, body: expect.objectContaining({ threshold: 70 }) });
	});
});
