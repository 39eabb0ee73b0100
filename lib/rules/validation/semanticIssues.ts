import { findReferenceCycle, isLeaf, ruleRoots, walkConditions } from '../conditionTree';
import { FACTS, MAX_LOOKBACK_DAYS, activitySpec, isActivityFact, isFactName, lookbackDays, type FactName } from '../facts';
import { parseOperator } from '../operators';
import { placeholders } from '../reasonTemplate';
import {
	isFactReference,
	isReference,
	type Condition,
	type FactReference,
	type LeafCondition,
	type Rule,
	type RuleSet,
	type TopLevelCondition,
} from '../types';
import { describeType } from './describeValue';
import { MAX_ISSUES, joinPath, type RuleIssue } from './ruleIssue';

export interface ValidateOptions {
	/** Accept references to shared conditions that do not exist (they then evaluate to false). */
	allowUndefinedConditions?: boolean;
}

/**
 * What the schema cannot say, on a rule set that passed it: duplicate rule names; shared
 * conditions that are missing or reference each other in a circle; a path on a fact with
 * no inner values, an empty period, a window reaching back too far; operators and values
 * that do not fit the fact; reason placeholders that name nothing.
 */
export function semanticIssues(set: RuleSet, options: ValidateOptions, rulePath: (index: number) => string): RuleIssue[] {
	const issues: RuleIssue[] = [];
	const shared = set.conditions ?? {};
	const names = new Map<string, number>();
	set.rules.forEach((rule, index) => {
		const base = rulePath(index);
		const first = names.get(rule.name);
		if (first !== undefined) {
			issues.push({ path: joinPath(base, 'name'), message: `duplicate rule name "${rule.name}" (also ${rulePath(first) || 'the first rule'})` });
		} else names.set(rule.name, index);
		checkConditionTree(rule.conditions, joinPath(base, 'conditions'), shared, options, issues);
		checkEvent(rule, base, shared, issues);
	});
	for (const [name, condition] of Object.entries(shared)) {
		checkConditionTree(condition, `conditions.${name}`, shared, options, issues);
	}
	const cycle = findReferenceCycle(shared);
	if (cycle) issues.push({ path: `conditions.${cycle[0]}`, message: `condition references go round in a circle: ${cycle.join(' → ')}` });
	return issues.slice(0, MAX_ISSUES);
}

function checkConditionTree(
	root: TopLevelCondition,
	base: string,
	shared: Readonly<Record<string, TopLevelCondition>>,
	options: ValidateOptions,
	issues: RuleIssue[],
): void {
	walkConditions(root, base, (condition, at) => {
		if (isReference(condition)) {
			if (!options.allowUndefinedConditions && !Object.prototype.hasOwnProperty.call(shared, condition.condition)) {
				const known = Object.keys(shared);
				issues.push({
					path: `${at}.condition`,
					message: `no shared condition "${condition.condition}"${known.length ? ` (defined: ${known.join(', ')})` : ' (the rule set defines none)'}`,
				});
			}
			return;
		}
		if (!isLeaf(condition)) return;
		checkFactUse(condition, at, issues);
		if (isFactReference(condition.value)) checkFactUse(condition.value, `${at}.value`, issues);
		checkOperatorValue(condition, at, issues);
	});
}

function checkFactUse(use: LeafCondition | FactReference, at: string, issues: RuleIssue[]): void {
	if (use.path !== undefined && use.fact !== 'attributes') {
		issues.push({ path: `${at}.path`, message: `path picks a value inside the attributes fact; ${use.fact} has no inner values` });
	}
	if (!isActivityFact(use.fact)) return;
	const period = use.params?.period as { fromHour: number; toHour: number } | undefined;
	if (period && period.fromHour === period.toHour) {
		issues.push({
			path: `${at}.params.period`,
			message: `fromHour and toHour are both ${period.fromHour}: the period would be empty; leave period out for all day`,
		});
	}
	const spec = activitySpec(use.fact, use.params);
	const reach = lookbackDays(spec);
	if (reach > MAX_LOOKBACK_DAYS) {
		const parts = ['windowDays', ...(spec.offsetDays ? ['offsetDays'] : []), ...(spec.baselineDays ? ['baselineDays'] : [])];
		issues.push({
			path: `${at}.params`,
			message: `reaches back ${reach} days (${parts.join(' + ')}); at most ${MAX_LOOKBACK_DAYS}`,
		});
	}
}

const NUMERIC_OPERATORS = new Set(['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive']);

function checkOperatorValue(condition: LeafCondition, at: string, issues: RuleIssue[]): void {
	const parsed = parseOperator(condition.operator);
	if (!parsed || !isFactName(condition.fact)) return;
	const value = condition.value;
	const literal = !isFactReference(value);
	const problem = (message: string, where = 'value') => issues.push({ path: `${at}.${where}`, message });
	if (parsed.decorators.length > 0) {
		const outer = parsed.decorators[0];
		if ((outer === 'someValue' || outer === 'everyValue') && literal && !Array.isArray(value)) {
			problem(`${condition.operator} needs a list as value`);
		}
		return;
	}
	const base = parsed.base;
	if ((base === 'in' || base === 'notIn') && literal && !Array.isArray(value)) {
		problem(`${base} needs a list as value, e.g. ["官网预约", "抖音推广"]`);
		return;
	}
	const fact: FactName = condition.fact;
	const type = FACTS[fact].valueType;
	if (type === 'object' && condition.path === undefined) {
		problem(`${fact} is an object: pick one value with path, e.g. "$.客户等级"`, 'path');
		return;
	}
	if (type === 'object') return;
	if (type === 'textList') {
		if (base !== 'contains' && base !== 'doesNotContain') {
			problem(`${fact} is a list: use contains or doesNotContain (or a someFact:/everyFact: decorator)`, 'operator');
		} else if (literal && typeof value !== 'string') problem(`must be a text for ${base} on ${fact} (got ${describeType(value)})`);
		return;
	}
	if (base === 'contains' || base === 'doesNotContain') {
		problem(`${fact} is ${type === 'number' ? 'a number' : 'a text'}: ${base} needs a list fact such as tags`, 'operator');
		return;
	}
	if (!literal) return;
	if (type === 'number') {
		const numberOk = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
		if (base === 'in' || base === 'notIn') {
			if (!(value as unknown[]).every(numberOk)) problem(`${fact} is a number: ${base} needs a list of numbers`);
		} else if (!numberOk(value) && !(value === null && (base === 'equal' || base === 'notEqual'))) {
			problem(`must be a number for ${fact} (got ${describeType(value)})`);
		}
		return;
	}
	if (NUMERIC_OPERATORS.has(base)) {
		problem(`${fact} is a text: use equal, notEqual, in or notIn`, 'operator');
	} else if (base === 'in' || base === 'notIn') {
		if (!(value as unknown[]).every((v) => typeof v === 'string')) problem(`${fact} is a text: ${base} needs a list of texts`);
	} else if (typeof value !== 'string' && value !== null) {
		problem(`must be a text for ${fact} (got ${describeType(value)})`);
	}
}

function checkEvent(rule: Rule, base: string, shared: Readonly<Record<string, TopLevelCondition>>, issues: RuleIssue[]): void {
	const params = rule.event.params;
	for (const key of ['label', 'reason'] as const) {
		if (!params[key].trim()) issues.push({ path: joinPath(base, `event.params.${key}`), message: 'must not be blank' });
	}
	const conditions = ruleRoots(rule.conditions, shared);
	const named = new Map<string, Condition>();
	const facts = new Set<string>();
	for (const root of conditions) {
		walkConditions(root, '', (condition) => {
			if (condition.name !== undefined && !named.has(condition.name)) named.set(condition.name, condition);
			if (isLeaf(condition)) {
				facts.add(condition.fact);
				if (isFactReference(condition.value)) facts.add(condition.value.fact);
			}
		});
	}
	for (const { name, field } of placeholders(params.reason)) {
		const where = joinPath(base, 'event.params.reason');
		const condition = named.get(name);
		const fact = condition ? (isLeaf(condition) ? condition.fact : undefined) : facts.has(name) ? name : undefined;
		if (!condition && !fact) {
			const choices = [...named.keys(), ...facts];
			issues.push({
				path: where,
				message: `{${name}${field ? `.${field}` : ''}} names no condition or fact of this rule${choices.length ? ` (use one of: ${[...new Set(choices)].join(', ')})` : ''}`,
			});
			continue;
		}
		if (!field) continue;
		if (!fact) {
			issues.push({ path: where, message: `{${name}.${field}}: ${name} is an all/any/not condition; use {${name}} for its result` });
			continue;
		}
		const fields = ['value', ...(isFactName(fact) ? FACTS[fact].params : [])];
		if (!fields.includes(field)) {
			issues.push({ path: where, message: `{${name}.${field}}: unknown field "${field}" (use: ${fields.join(', ')})` });
		}
	}
}
