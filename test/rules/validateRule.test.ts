import * as fs from 'node:fs';
import * as path from 'node:path';

import { FACT_NAMES, FACTS } from '../../lib/rules/facts';
import { EVENT_TYPES } from '../../lib/vocabulary';
import { DECORATOR_NAMES, OPERATOR_NAMES } from '../../lib/rules/operators';
import {
	RuleValidationError,
	parseRuleSetInput,
	validateRule,
	validateRuleSet,
} from '../../lib/rules/validateRule';
import type { Rule } from '../../lib/rules/types';

function rule(overrides: Partial<Rule> = {}): Rule {
	return {
		name: 'active',
		conditions: {
			all: [
				{ name: 'count', fact: 'activityCount', params: { windowDays: 7 }, operator: 'greaterThanInclusive', value: 3 },
				{ fact: 'sourceChannel', operator: 'in', value: ['官网预约', '抖音推广'] },
			],
		},
		event: { type: 'lead-hit', params: { label: '活跃机构命中', grade: 'B', reason: '近{count.windowDays}天核验{count}次' } },
		...overrides,
	};
}

function messages(input: unknown): string[] {
	return validateRule(input).map((i) => `${i.path}: ${i.message}`);
}

/** A copy of the rule with the first condition's props replaced. */
function withFirst(props: Record<string, unknown>): unknown {
	const r = structuredClone(rule()) as Rule & { conditions: { all: Array<Record<string, unknown>> } };
	r.conditions.all[0] = { ...r.conditions.all[0], ...props };
	r.event.params.reason = '近期活跃';
	return r;
}

describe('rule validation', () => {
	it('accepts a valid rule and rule set', () => {
		expect(validateRule(rule())).toEqual([]);
		expect(validateRuleSet({ rules: [rule()] })).toEqual([]);
	});

	it('names an unknown fact with its path and the known facts', () => {
		const r = rule() as Rule & { conditions: { all: Array<{ fact: string }> } };
		r.conditions.all[1].fact = 'foo';
		expect(messages(r)).toEqual([`conditions.all[1].fact: unknown fact "foo" (known: ${FACT_NAMES.join(', ')})`]);
	});

	it('names an unknown operator, decorated or not', () => {
		expect(messages(withFirst({ operator: 'biggerThan' }))[0]).toMatch(/^conditions\.all\[0\]\.operator: unknown operator "biggerThan" \(known: equal, /);
		expect(messages(withFirst({ operator: 'sometimes:equal' }))[0]).toMatch(/unknown operator "sometimes:equal"/);
		expect(validateRule(withFirst({ operator: 'not:greaterThan' }))).toEqual([]);
	});

	it('rejects windows of 0 and 10 000 days', () => {
		expect(messages(withFirst({ params: { windowDays: 0 } }))).toEqual([
			'conditions.all[0].params.windowDays: must be from 1 to 365 (got 0)',
		]);
		expect(messages(withFirst({ params: { windowDays: 10000 } }))).toEqual([
			'conditions.all[0].params.windowDays: must be from 1 to 365 (got 10000)',
		]);
	});

	it('reports wrong param types and unknown or missing params', () => {
		expect(messages(withFirst({ params: { windowDays: '7' } }))).toEqual([
			'conditions.all[0].params.windowDays: must be an integer (a whole number) (got the text "7")',
		]);
		expect(messages(withFirst({ params: { windowDays: 7.5 } }))[0]).toMatch(/must be an integer .*got the fraction 7.5/);
		expect(messages(withFirst({ params: { windowDays: 7, institutions: '华东中心机构' } }))).toEqual([
			'conditions.all[0].params.institutions: must be a list (got the text "华东中心机构")',
		]);
		expect(messages(withFirst({ params: { windowDays: 7, institutions: [] } }))).toEqual([
			'conditions.all[0].params.institutions: must not be empty',
		]);
		expect(messages(withFirst({ params: { windowDays: 7, eventTypes: ['sms'] } }))[0]).toMatch(
			/^conditions\.all\[0\]\.params\.eventTypes\[0\]: unknown event type "sms" \(known: face 人脸核验, ocr 身份证OCR, data_api 数据接口查询\)/,
		);
		expect(messages(withFirst({ params: { windowDay: 7 } }))).toEqual(
			expect.arrayContaining([
				'conditions.all[0].params: missing "windowDays"',
				'conditions.all[0].params: unknown parameter "windowDay" (allowed: windowDays, offsetDays, institutions, eventTypes, period)',
			]),
		);
		expect(messages(withFirst({ params: undefined }))).toEqual(['conditions.all[0]: missing "params"']);
		expect(messages(withFirst({ params: { windowDays: 7, period: { fromHour: 9, toHour: 24 } } }))).toEqual([
			'conditions.all[0].params.period.toHour: must be from 0 to 23 (got 24)',
		]);
	});

	it('checks time periods, look-back and paths', () => {
		expect(messages(withFirst({ params: { windowDays: 7, period: { fromHour: 9, toHour: 9 } } }))[0]).toMatch(
			/^conditions\.all\[0\]\.params\.period: fromHour and toHour are both 9/,
		);
		expect(validateRule(withFirst({ params: { windowDays: 7, period: { fromHour: 22, toHour: 6 } } }))).toEqual([]);
		expect(messages(withFirst({ params: { windowDays: 300, offsetDays: 100 } }))).toEqual([
			'conditions.all[0].params: reaches back 400 days (windowDays + offsetDays); at most 365',
		]);
		expect(messages(withFirst({ path: '$.a' }))).toEqual([
			'conditions.all[0].path: path picks a value inside the attributes fact; activityCount has no inner values',
		]);
		expect(messages(withFirst({ fact: 'attributes', params: undefined, path: '$..a', operator: 'equal', value: 'x' }))[0]).toMatch(
			/^conditions\.all\[0\]\.path: unsupported path "\$\.\.a"/,
		);
		expect(validateRule(withFirst({ fact: 'attributes', params: undefined, path: '$.客户等级', operator: 'equal', value: 'VIP' }))).toEqual([]);
	});

	it('checks values against the fact and operator', () => {
		expect(messages(withFirst({ value: '3' }))).toEqual(['conditions.all[0].value: must be a number for activityCount (got the text "3")']);
		expect(messages(withFirst({ operator: 'in', value: 3 }))[0]).toMatch(/^conditions\.all\[0\]\.value: in needs a list/);
		expect(messages(withFirst({ operator: 'contains', value: 3 }))[0]).toMatch(/activityCount is a number: contains needs a list fact/);
		expect(messages(withFirst({ fact: 'sourceChannel', params: undefined, operator: 'greaterThan', value: 'a' }))[0]).toMatch(
			/sourceChannel is a text: use equal, notEqual, in or notIn/,
		);
		expect(messages(withFirst({ fact: 'tags', params: undefined, operator: 'equal', value: 'VIP' }))[0]).toMatch(/tags is a list/);
		expect(validateRule(withFirst({ fact: 'tags', params: undefined, operator: 'contains', value: 'VIP' }))).toEqual([]);
		expect(messages(withFirst({ fact: 'status', params: { x: 1 }, operator: 'equal', value: 'new' }))).toEqual([
			'conditions.all[0].params: takes no params',
		]);
		expect(validateRule(withFirst({ operator: 'greaterThan', value: { fact: 'activityCount', params: { windowDays: 30 } } }))).toEqual([]);
		expect(messages(withFirst({ value: { fact: 'nope' } }))[0]).toMatch(/^conditions\.all\[0\]\.value\.fact: unknown fact "nope"/);
	});

	it('checks the structure and the event conventions', () => {
		expect(messages({ ...rule(), conditions: { fact: 'status', operator: 'equal', value: 'new' } })).toEqual([
			'conditions: must contain "all", "any", "not" or "condition"',
		]);
		expect(messages({ ...rule(), conditions: { all: [{ operator: 'equal', value: 1 }] } })[0]).toMatch(
			/^conditions\.all\[0\]: missing "fact": a condition needs fact, operator and value/,
		);
		expect(messages({ ...rule(), conditions: { any: {} } })).toEqual(['conditions.any: must be a list (got an object)']);
		expect(messages({ ...rule(), event: { type: 'x', params: { label: '活跃', grade: 'E', reason: 'r' } } })).toEqual([
			'event.params.grade: must be one of "A", "B", "C", "D" (got "E")',
		]);
		expect(messages({ ...rule(), event: { type: 'x', params: { label: ' ', grade: 'A', reason: '{nothing}次' } } })).toEqual([
			'event.params.label: must not be blank',
			'event.params.reason: {nothing} names no condition or fact of this rule (use one of: count, activityCount, sourceChannel)',
		]);
		expect(messages({ ...rule(), event: { type: 'x', params: { label: 'l', grade: 'A', reason: '{count.days}' } } })[0]).toMatch(
			/unknown field "days" \(use: value, windowDays, offsetDays, institutions, eventTypes, period\)/,
		);
		const { name: _name, ...nameless } = rule();
		expect(validateRule(nameless)).toEqual([{ path: '', message: 'missing "name"' }]);
		expect(messages({ ...rule(), extra: 1 })[0]).toMatch(/unknown property "extra" \(allowed: name, description, priority, conditions, event\)/);
		expect(messages({ ...rule(), priority: 0 })).toEqual(['priority: must be at least 1 (got 0)']);
	});

	it('checks rule sets: duplicate names, references and cycles', () => {
		const set = {
			conditions: {
				vip: { all: [{ fact: 'tags', operator: 'contains', value: 'VIP' }] },
				a: { any: [{ condition: 'b' }] },
				b: { not: { condition: 'a' } },
			},
			rules: [
				rule(),
				rule(),
				{ ...rule({ name: 'other' }), conditions: { all: [{ condition: 'vip' }, { condition: 'gone' }] } },
			].map((r) => ({ ...r, event: { ...r.event, params: { ...r.event.params, reason: '近期活跃' } } })),
		};
		expect(validateRuleSet(set).map((i) => `${i.path}: ${i.message}`)).toEqual([
			'rules[1].name: duplicate rule name "active" (also rules[0])',
			'rules[2].conditions.all[1].condition: no shared condition "gone" (defined: vip, a, b)',
			'conditions.a: condition references go round in a circle: a → b → a',
		]);
		expect(validateRuleSet({ rules: [] }).map((i) => `${i.path}: ${i.message}`)).toEqual(['rules: must not be empty']);
		const referencing = { ...rule(), conditions: { condition: 'x' } };
		referencing.event.params.reason = '近期活跃';
		expect(validateRuleSet({ rules: [referencing] }, { allowUndefinedConditions: true })).toEqual([]);
	});

	it('parses JSON text, one rule, a list of rules or a rule set', () => {
		expect(parseRuleSetInput(JSON.stringify(rule())).rules).toHaveLength(1);
		expect(parseRuleSetInput([rule(), rule({ name: 'b' })]).rules).toHaveLength(2);
		expect(parseRuleSetInput({ rules: [rule()] }).rules[0].name).toBe('active');
		expect(() => parseRuleSetInput('{"name": "x",\n "conditions": }')).toThrow(/not valid JSON at line 2, column 16/);
		expect(() => parseRuleSetInput('')).toThrow(/empty/);
		try {
			parseRuleSetInput({ rules: [withFirst({ fact: 'foo' })] });
			throw new Error('expected a failure');
		} catch (error) {
			expect(error).toBeInstanceOf(RuleValidationError);
			expect((error as RuleValidationError).issues[0].path).toBe('rules[0].conditions.all[0].fact');
			expect((error as Error).message).toMatch(/^Invalid rule set:\nrules\[0\]\.conditions\.all\[0\]\.fact: unknown fact "foo"/);
		}
	});

	it('never throws on garbage', () => {
		for (const input of [null, 42, 'text', [], { rules: 'x' }, { name: 1, conditions: null, event: [] }, { conditions: { all: [null] } }]) {
			expect(() => validateRule(input)).not.toThrow();
			expect(validateRule(input).length).toBeGreaterThan(0);
			expect(() => validateRuleSet(input)).not.toThrow();
		}
	});
});

describe('the schema files agree with the code', () => {
	const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '../../rules/schema/rule.schema.json'), 'utf8'));

	it('enumerates exactly the catalogue facts, operators, decorators and event types', () => {
		expect(schema.$defs.fact.enum).toEqual(FACT_NAMES);
		expect(schema.$defs.eventTypes.items.enum).toEqual([...EVENT_TYPES]);
		const pattern: string = schema.$defs.operator.pattern;
		for (const op of OPERATOR_NAMES) expect(pattern).toContain(op);
		for (const d of DECORATOR_NAMES) expect(pattern).toContain(d);
	});

	it('lists each fact’s params as the catalogue does', () => {
		const defs = schema.$defs;
		expect(Object.keys(defs.windowedParams.properties)).toEqual(FACTS.activityCount.params);
		expect(Object.keys(defs.lastActivityParams.properties)).toEqual(FACTS.daysSinceLastActivity.params);
		expect(Object.keys(defs.newInstitutionParams.properties)).toEqual(FACTS.newInstitutionCount.params);
		expect(defs.windowedParams.required).toEqual(FACTS.activityCount.required);
		expect(defs.newInstitutionParams.required).toEqual(FACTS.newInstitutionCount.required);
	});
});
