import { compileRule, compileRuleSet } from '../../lib/rules/compileRule';
import { explainHit, explainRule } from '../../lib/rules/explain';
import { factKey } from '../../lib/rules/facts';
import { referenceOutcomes } from '../../lib/rules/referenceEngine';
import type { Condition, FactValues, Rule, RuleSet, TopLevelCondition } from '../../lib/rules/types';

function ruleOf(conditions: TopLevelCondition, name = 'r'): Rule {
	return { name, conditions, event: { type: 'hit', params: { label: '测试', grade: 'B', reason: '命中' } } };
}

type Options = { allowUndefinedFacts?: boolean; allowUndefinedConditions?: boolean };

/** The compiled result ('error' when it throws), checked against json-rules-engine on the way. */
async function check(
	conditions: TopLevelCondition,
	facts: FactValues,
	options: Options = {},
	shared?: Record<string, TopLevelCondition>,
): Promise<boolean | 'error'> {
	const set: RuleSet = { conditions: shared, rules: [ruleOf(conditions)] };
	const [compiled] = compileRuleSet(set, options).rules;
	let ours: boolean | 'error';
	try {
		ours = compiled.test(facts);
	} catch {
		ours = 'error';
	}
	const [reference] = await referenceOutcomes(set, facts, options);
	expect(ours).toBe(reference.error ? 'error' : reference.result!.result);
	return ours;
}

const leaf = (fact: string, operator: string, value: unknown, extra: Partial<Condition> = {}) =>
	({ fact, operator, value, ...extra }) as Condition;

describe('compiled rules: json-rules-engine 7.3.1 semantics', () => {
	it('all: [] and any: [] are both true (the engine returns true for no conditions); not negates', async () => {
		expect(await check({ all: [] }, {})).toBe(true);
		expect(await check({ any: [] }, {})).toBe(true);
		expect(await check({ not: { any: [] } }, {})).toBe(false);
		expect(await check({ not: { all: [leaf('a', 'equal', 1)] } }, { a: 2 })).toBe(true);
	});

	it('operators as the engine defines them', async () => {
		const cases: Array<[string, unknown, unknown, boolean | 'error']> = [
			['equal', 1, 1, true],
			['equal', '1', 1, false],
			['notEqual', null, 0, true],
			['lessThan', 2, 3, true],
			['lessThan', '2', 3, true],
			['lessThan', 'abc', 3, false],
			['lessThan', null, 3, false],
			['greaterThanInclusive', 3, 3, true],
			['greaterThan', [5], 3, true],
			['in', 'ell', 'hello', true],
			['in', 2, [1, 2], true],
			['in', 2, 5, 'error'],
			['notIn', 'x', ['a'], true],
			['contains', ['VIP', 'loan'], 'VIP', true],
			['contains', 'VIP-loan', 'VIP', false],
			['doesNotContain', ['a'], 'b', true],
			['doesNotContain', 'ab', 'b', false],
		];
		for (const [operator, fact, value, expected] of cases) {
			expect([operator, fact, value, await check({ all: [leaf('a', operator, value)] }, { a: fact })]).toEqual([
				operator,
				fact,
				value,
				expected,
			]);
		}
	});

	it('decorators: someFact, everyFact, someValue, everyValue, swap, not, stacked', async () => {
		const cases: Array<[string, unknown, unknown, boolean | 'error']> = [
			['someFact:equal', [1, 2], 2, true],
			['someFact:equal', 2, 2, false],
			['everyFact:greaterThan', [3, 4], 2, true],
			['everyFact:greaterThan', [], 2, true],
			['someValue:equal', 'b', ['a', 'b'], true],
			['someValue:equal', 'b', 'b', 'error'],
			['everyValue:notEqual', 'x', ['a', 'b'], true],
			['swap:contains', 'VIP', ['VIP'], true],
			['swap:in', ['a', 'b'], 'a', true],
			['not:in', 'c', ['a', 'b'], true],
			['not:someFact:in', ['c'], ['a', 'b'], true],
			['someFact:not:in', ['a', 'c'], ['a', 'b'], true],
			['everyFact:someValue:equal', [1, 2], [2, 1], true],
		];
		for (const [operator, fact, value, expected] of cases) {
			expect([operator, await check({ all: [leaf('a', operator, value)] }, { a: fact })]).toEqual([operator, expected]);
		}
	});

	it('paths: the $.a.b / [n] subset, own properties only, only into objects', async () => {
		const facts = { attributes: { 客户: { 等级: 'VIP' }, list: [10, 20], s: 'abc' } };
		expect(await check({ all: [leaf('attributes', 'equal', 'VIP', { path: '$.客户.等级' })] }, facts)).toBe(true);
		expect(await check({ all: [leaf('attributes', 'equal', 20, { path: '$.list[1]' })] }, facts)).toBe(true);
		expect(await check({ all: [leaf('attributes', 'equal', 3, { path: '$.s.length' })] }, facts)).toBe(true);
		expect(await check({ all: [leaf('attributes', 'equal', undefined as never, { path: '$.missing.deeper' })] }, facts)).toBe(true);
		expect(await check({ all: [leaf('attributes', 'notEqual', null, { path: '$.toString' })] }, facts)).toBe(true);
		expect(await check({ all: [leaf('a', 'equal', 5, { path: '$.x' })] }, { a: 5 })).toBe(true);
	});

	it('undefined facts fail the rule, or read as undefined when allowed', async () => {
		expect(await check({ all: [leaf('zz', 'equal', 1)] }, {})).toBe('error');
		expect(await check({ all: [leaf('zz', 'equal', 1)] }, {}, { allowUndefinedFacts: true })).toBe(false);
		expect(await check({ all: [leaf('zz', 'notEqual', 1)] }, {}, { allowUndefinedFacts: true })).toBe(true);
		expect(await check({ all: [leaf('a', 'equal', 1, { params: { w: 7 } })] }, { a: 1 })).toBe('error');
		expect(await check({ all: [leaf('a', 'equal', 1, { params: { w: 7 } })] }, { [factKey('a', { w: 7 })]: 1 })).toBe(true);
	});

	it('priority never changes the result, only which errors surface', async () => {
		const throwing = leaf('zz', 'equal', 1);
		const yes = leaf('a', 'equal', 1);
		// Higher priority first: a true condition decides `any` before the failing one runs.
		expect(await check({ any: [{ ...throwing, priority: 1 }, { ...yes, priority: 2 }] }, { a: 1 })).toBe(true);
		// Same priority: the engine evaluates the whole group, so the failure surfaces.
		expect(await check({ any: [throwing, yes] }, { a: 1 })).toBe('error');
		expect(await check({ all: [{ ...leaf('a', 'equal', 2), priority: 5 }, throwing] }, { a: 1 })).toBe(false);
		expect(await check({ all: [leaf('a', 'equal', 2), throwing] }, { a: 1 })).toBe('error');
	});

	it('compares with other facts: value { fact, params, path }', async () => {
		const facts = { [factKey('count', { d: 7 })]: 5, [factKey('count', { d: 30 })]: 5, attributes: { limit: 4 } };
		expect(
			await check({ all: [leaf('count', 'greaterThanInclusive', { fact: 'count', params: { d: 30 } }, { params: { d: 7 } })] }, facts),
		).toBe(true);
		expect(await check({ all: [leaf('count', 'greaterThan', { fact: 'attributes', path: '$.limit' }, { params: { d: 7 } })] }, facts)).toBe(true);
		expect(await check({ all: [leaf('count', 'in', { fact: 'attributes', path: '$.limit' }, { params: { d: 7 } })] }, facts)).toBe('error');
	});

	it('shared conditions: references resolved from the rule set, nested, missing', async () => {
		const shared: Record<string, TopLevelCondition> = {
			vip: { all: [leaf('tags', 'contains', 'VIP')] },
			activeVip: { all: [{ condition: 'vip' }, leaf('n', 'greaterThan', 2)] },
		};
		expect(await check({ all: [{ condition: 'activeVip' }] }, { tags: ['VIP'], n: 3 }, {}, shared)).toBe(true);
		expect(await check({ condition: 'vip' }, { tags: [] }, {}, shared)).toBe(false);
		expect(await check({ not: { condition: 'vip' } }, { tags: [] }, {}, shared)).toBe(true);
		expect(await check({ all: [{ condition: 'gone' }] }, {}, {}, shared)).toBe('error');
		expect(await check({ any: [{ condition: 'gone' }] }, {}, { allowUndefinedConditions: true }, shared)).toBe(false);
		expect(await check({ not: { condition: 'gone' } }, {}, { allowUndefinedConditions: true }, shared)).toBe(true);
	});

	it('refuses reference cycles when compiling', () => {
		const set: RuleSet = {
			conditions: { a: { all: [{ condition: 'b' }] }, b: { any: [{ condition: 'a' }] } },
			rules: [ruleOf({ condition: 'a' })],
		};
		expect(() => compileRuleSet(set)).toThrow(/circle: a → b → a/);
	});

	it('reads SQL rows through a fact-key mapping', () => {
		const rule = ruleOf({ all: [leaf('activityCount', 'greaterThanInclusive', 3, { params: { windowDays: 7 } })] });
		const compiled = compileRule(rule, { factKey: (fact, params) => (fact === 'activityCount' && params?.windowDays === 7 ? 'f0' : fact) });
		expect(compiled.test({ f0: 4 })).toBe(true);
		expect(compiled.test({ f0: 2 })).toBe(false);
	});
});

describe('explaining a hit', () => {
	const rule: Rule = {
		name: 'active-institutions',
		conditions: {
			all: [
				{ name: 'count', fact: 'activityCount', params: { windowDays: 7 }, operator: 'greaterThanInclusive', value: 3 },
				{ name: 'institutions', fact: 'distinctInstitutions', params: { windowDays: 7 }, operator: 'greaterThanInclusive', value: 1 },
				{ fact: 'sourceChannel', operator: 'in', value: ['官网预约', '抖音推广'] },
			],
		},
		event: { type: 'lead-hit', params: { label: '活跃机构命中', grade: 'B', reason: '{count.windowDays}天内在{institutions}家机构核验{count}次' } },
	};
	const facts = {
		[factKey('activityCount', { windowDays: 7 })]: 5,
		[factKey('distinctInstitutions', { windowDays: 7 })]: 3,
		sourceChannel: '官网预约',
	};

	it('fills the reason template and lists the values', () => {
		const explanation = explainHit(rule, facts);
		expect(explanation.reason).toBe('7天内在3家机构核验5次');
		expect(explanation.values).toEqual({ count: 5, institutions: 3, sourceChannel: '官网预约' });
		expect(explanation.result.result).toBe(true);
	});

	it('has json-rules-engine’s result shape', async () => {
		const [reference] = await referenceOutcomes({ rules: [rule] }, facts);
		expect(explainRule(rule, facts)).toEqual(reference.result);
		expect(explainRule(rule, facts).conditions).toEqual({
			priority: 1,
			all: [
				{ name: 'count', fact: 'activityCount', params: { windowDays: 7 }, operator: 'greaterThanInclusive', value: 3, factResult: 5, valueResult: 3, result: true },
				{ name: 'institutions', fact: 'distinctInstitutions', params: { windowDays: 7 }, operator: 'greaterThanInclusive', value: 1, factResult: 3, valueResult: 1, result: true },
				{ fact: 'sourceChannel', operator: 'in', value: ['官网预约', '抖音推广'], factResult: '官网预约', valueResult: ['官网预约', '抖音推广'], result: true },
			],
		});
	});

	it('formats lists, event types and periods in Chinese', () => {
		const typed: Rule = {
			...rule,
			conditions: {
				all: [
					{
						name: 'count',
						fact: 'activityCount',
						params: { windowDays: 3, eventTypes: ['data_api', 'face'], institutions: ['华东中心机构', '上海研发分部'], period: { fromHour: 22, toHour: 6 } },
						operator: 'greaterThanInclusive',
						value: 1,
					},
				],
			},
			event: { type: 'x', params: { label: 'l', grade: 'A', reason: '{count.period}在{count.institutions}发生{count}次{count.eventTypes}（阈值{count.value}，偏移{count.offsetDays}天）' } },
		};
		const key = factKey('activityCount', (typed.conditions as { all: Array<{ params: Record<string, unknown> }> }).all[0].params);
		expect(explainHit(typed, { [key]: 2 }).reason).toBe('22:00-06:00在华东中心机构、上海研发分部发生2次数据接口查询、人脸核验（阈值1，偏移0天）');
	});
});
