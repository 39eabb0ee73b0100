import fc from 'fast-check';

import { compileRuleSet } from '../../lib/rules/compileRule';
import { explainRule } from '../../lib/rules/explain';
import { factKey } from '../../lib/rules/facts';
import { referenceOutcomes, runReferenceEngine } from '../../lib/rules/referenceEngine';
import type { Condition, FactValues, Rule, RuleSet, TopLevelCondition } from '../../lib/rules/types';

/**
 * The compiled predicates (and the explanation) against json-rules-engine 7.3.1 itself,
 * on random rules and facts: nested all/any/not, every operator with decorators, paths,
 * fact-valued comparisons, priorities, shared condition references (some missing),
 * undefined facts, both engine options. Results, errors and the explained result shape
 * must agree on every case.
 */
const FACT_NAMES = ['a', 'b', 'c', 'toString'];
const PARAMS = [undefined, {}, { w: 1 }, { w: 2 }];
const OPERATORS = [
	'equal',
	'notEqual',
	'lessThan',
	'lessThanInclusive',
	'greaterThan',
	'greaterThanInclusive',
	'in',
	'notIn',
	'contains',
	'doesNotContain',
];
const DECORATORS = ['everyFact', 'someFact', 'everyValue', 'someValue', 'swap', 'not'];
const PATHS = ['$', '$.x', '$.x.y', '$[0]', '$[1]', '$.length', '$.y[1]', '$.0', '$.名', '$.x.length', '$.x[0]', '$.x.toString', '$.constructor'];

const scalar = fc.constantFrom<unknown>(0, 1, 2, 3, -1, 2.5, '', 'a', 'b', 'ab', '1', '2', '1.5x', 'abc', true, false, null);
const array = fc.array(scalar, { maxLength: 3 });
const object = fc.record(
	{
		x: fc.oneof(scalar, array, fc.record({ y: scalar }, { requiredKeys: [] })),
		y: fc.oneof(scalar, array),
		length: scalar,
		'0': scalar,
		名: scalar,
	},
	{ requiredKeys: [] },
);
const factValue = fc.oneof(
	{ weight: 5, arbitrary: scalar },
	{ weight: 3, arbitrary: array },
	{ weight: 3, arbitrary: object },
	{ weight: 1, arbitrary: fc.constant<unknown>({ toString: 1 }) },
);

const paramsArb = fc.constantFrom(...PARAMS);
const factRef = fc.record(
	{ fact: fc.constantFrom(...FACT_NAMES, 'zz'), params: paramsArb, path: fc.constantFrom(...PATHS) },
	{ requiredKeys: ['fact'] },
);
const operator = fc.oneof(
	{ weight: 20, arbitrary: fc.tuple(fc.array(fc.constantFrom(...DECORATORS), { maxLength: 2 }), fc.constantFrom(...OPERATORS)).map(([d, op]) => [...d, op].join(':')) },
	{ weight: 1, arbitrary: fc.constant('bogus') },
);
const leaf = fc.record(
	{
		fact: fc.constantFrom(...FACT_NAMES, 'zz'),
		operator,
		value: fc.oneof({ weight: 4, arbitrary: scalar }, { weight: 3, arbitrary: array }, { weight: 2, arbitrary: factRef }),
		params: paramsArb,
		path: fc.constantFrom(...PATHS),
		priority: fc.integer({ min: 1, max: 3 }),
		name: fc.constantFrom('n1', 'n2'),
	},
	{ requiredKeys: ['fact', 'operator', 'value'] },
) as fc.Arbitrary<Condition>;

function stripUndefined<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

function reference(names: string[], missing: boolean): fc.Arbitrary<Condition> {
	const targets = missing ? [...names, 'missing'] : names;
	if (targets.length === 0) return leaf;
	return fc.record(
		{ condition: fc.constantFrom(...targets), priority: fc.integer({ min: 1, max: 3 }) },
		{ requiredKeys: ['condition'] },
	) as fc.Arbitrary<Condition>;
}

function boolean(child: fc.Arbitrary<Condition>): fc.Arbitrary<Condition> {
	const priority = fc.integer({ min: 1, max: 3 });
	return fc.oneof(
		fc.record({ all: fc.array(child, { maxLength: 4 }), priority }, { requiredKeys: ['all'] }),
		fc.record({ any: fc.array(child, { maxLength: 4 }), priority }, { requiredKeys: ['any'] }),
		fc.record({ not: child, name: fc.constant('neg') }, { requiredKeys: ['not'] }),
	) as fc.Arbitrary<Condition>;
}

function condition(depth: number, refs: string[], missing: boolean): fc.Arbitrary<Condition> {
	const base = fc.oneof({ weight: 4, arbitrary: leaf }, { weight: 1, arbitrary: reference(refs, missing) });
	if (depth === 0) return base;
	return fc.oneof({ weight: 3, arbitrary: base }, { weight: 2, arbitrary: boolean(condition(depth - 1, refs, missing)) });
}

function topLevel(depth: number, refs: string[], missing: boolean): fc.Arbitrary<TopLevelCondition> {
	const root = boolean(condition(depth, refs, missing));
	const ref = reference(refs, missing);
	return (refs.length || missing ? fc.oneof({ weight: 6, arbitrary: root }, { weight: 1, arbitrary: ref }) : root) as fc.Arbitrary<TopLevelCondition>;
}

/**
 * References to missing shared conditions only where the engine tolerates them
 * (allowUndefinedConditions): otherwise the engine throws synchronously in the middle of
 * a Promise.all and leaves sibling rejections unhandled, which kills the test process.
 * The throwing case has its own tests in compileRule.test.ts.
 */
function ruleSetArb(missing: boolean): fc.Arbitrary<RuleSet> {
	// s2 may refer to nothing, s1 to s2, s0 to s1 and s2: no cycles.
	const shared = fc
		.tuple(topLevel(1, [], missing), topLevel(1, ['s2'], missing), topLevel(1, ['s1', 's2'], missing))
		.map(([s2, s1, s0]) => ({ s0, s1, s2 }));
	return fc
		.tuple(
			shared,
			fc.array(topLevel(2, ['s0', 's1', 's2'], missing), { minLength: 1, maxLength: 3 }),
			fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 3, maxLength: 3 }),
		)
		.map(([conditions, roots, priorities]) => ({
			conditions,
			rules: roots.map(
				(root, i): Rule => ({
					name: `r${i}`,
					priority: priorities[i],
					conditions: root,
					event: { type: 'hit', params: { label: `规则${i}`, grade: 'B', reason: '原因' } },
				}),
			),
		}))
		.map(stripUndefined);
}

const factsArb: fc.Arbitrary<FactValues> = fc
	.array(
		fc.tuple(fc.constantFrom(...FACT_NAMES), fc.constantFrom(undefined, { w: 1 }, { w: 2 }), factValue),
		{ maxLength: 10 },
	)
	.map((entries) => {
		const facts: FactValues = {};
		for (const [name, params, value] of entries) facts[factKey(name, params)] = value;
		return facts;
	})
	.map(stripUndefined);

const caseArb = fc
	.record({ allowUndefinedFacts: fc.boolean(), allowUndefinedConditions: fc.boolean() })
	.chain((options) =>
		fc.record({ options: fc.constant(options), ruleSet: ruleSetArb(options.allowUndefinedConditions), facts: factsArb }),
	);

function outcome(run: () => boolean): { threw: boolean; result?: boolean } {
	try {
		return { threw: false, result: run() };
	} catch {
		return { threw: true };
	}
}

describe('compiled rules agree with json-rules-engine 7.3.1', () => {
	it('per rule: same result, same errors, same explained result', async () => {
		let compared = 0;
		let hits = 0;
		let errors = 0;
		await fc.assert(
			fc.asyncProperty(caseArb, async ({ ruleSet, facts, options }) => {
				const compiled = compileRuleSet(ruleSet, options);
				const reference = await referenceOutcomes(ruleSet, facts, options);
				compiled.rules.forEach((rule, i) => {
					const ours = outcome(() => rule.test(facts));
					const theirs = reference[i];
					compared++;
					if (theirs.error) {
						errors++;
						expect({ rule: rule.name, threw: ours.threw }).toEqual({ rule: rule.name, threw: true });
						expect(() => explainRule(rule.rule, facts, { ...options, shared: ruleSet.conditions })).toThrow();
						return;
					}
					expect({ rule: rule.name, threw: ours.threw, result: ours.result }).toEqual({
						rule: rule.name,
						threw: false,
						result: theirs.result!.result,
					});
					if (ours.result) hits++;
					expect(explainRule(rule.rule, facts, { ...options, shared: ruleSet.conditions })).toEqual(theirs.result);
				});
			}),
			{ numRuns: 2500 },
		);
		// The generators must reach every kind of outcome, or the test proves little.
		expect(hits).toBeGreaterThan(compared / 20);
		expect(errors).toBeGreaterThan(compared / 50);
		expect(compared - hits - errors).toBeGreaterThan(compared / 20);
	});

	it('whole rule set in one engine: the run fails exactly when a compiled rule throws', async () => {
		await fc.assert(
			fc.asyncProperty(caseArb, async ({ ruleSet, facts, options }) => {
				const compiled = compileRuleSet(ruleSet, options);
				const ours = compiled.rules.map((rule) => outcome(() => rule.test(facts)));
				let theirs: boolean[] | 'error';
				try {
					theirs = (await runReferenceEngine(ruleSet, facts, options)).map((r) => r.result);
				} catch {
					theirs = 'error';
				}
				if (theirs === 'error') expect(ours.some((o) => o.threw)).toBe(true);
				else expect(ours).toEqual(theirs.map((result) => ({ threw: false, result })));
			}),
			{ numRuns: 1000 },
		);
	});
});
