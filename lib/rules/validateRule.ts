import * as fs from 'node:fs';
import * as path from 'node:path';

import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';

import { packageDataPath } from '../packageData';
import { EVENT_TYPES, EVENT_TYPE_LABELS } from '../vocabulary';
import { findReferenceCycle, isLeaf, ruleRoots, walkConditions } from './conditionTree';
import {
	FACTS,
	FACT_NAMES,
	MAX_LOOKBACK_DAYS,
	activitySpec,
	isActivityFact,
	isFactName,
	lookbackDays,
	type FactName,
} from './facts';
import { DECORATOR_NAMES, OPERATOR_NAMES, parseOperator } from './operators';
import { placeholders } from './reasonTemplate';
import {
	isFactReference,
	isReference,
	type Condition,
	type FactReference,
	type LeafCondition,
	type Rule,
	type RuleSet,
	type TopLevelCondition,
} from './types';
import { DomainError } from '../errors';

/** One problem with a rule, at a readable path such as `rules[0].conditions.all[1].fact`. */
export interface RuleIssue {
	path: string;
	message: string;
}

export class RuleValidationError extends DomainError {
	constructor(
		readonly issues: RuleIssue[],
		subject = 'rule',
	) {
		super('invalidRule', `Invalid ${subject}:\n${formatIssues(issues)}`);
	}
}

export function formatIssues(issues: readonly RuleIssue[]): string {
	return issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('\n');
}

export interface ValidateOptions {
	/** Accept references to shared conditions that do not exist (they then evaluate to false). */
	allowUndefinedConditions?: boolean;
}

const MAX_ISSUES = 50;

/** Checks one rule on its own (shared conditions it references must then not exist). */
export function validateRule(input: unknown, options: ValidateOptions = {}): RuleIssue[] {
	const schemaIssues = translateErrors(validators().rule, input, '');
	if (schemaIssues.length) return schemaIssues;
	return semanticIssues({ rules: [input as Rule] }, options, (i) => (i === 0 ? '' : `rules[${i}]`));
}

export function validateRuleSet(input: unknown, options: ValidateOptions = {}): RuleIssue[] {
	const schemaIssues = translateErrors(validators().ruleSet, input, '');
	if (schemaIssues.length) return schemaIssues;
	return semanticIssues(input as RuleSet, options, (i) => `rules[${i}]`);
}

export function assertValidRuleSet(input: unknown, options: ValidateOptions = {}): RuleSet {
	const issues = validateRuleSet(input, options);
	if (issues.length) throw new RuleValidationError(issues, 'rule set');
	return input as RuleSet;
}

export function assertValidRule(input: unknown, options: ValidateOptions = {}): Rule {
	const issues = validateRule(input, options);
	if (issues.length) throw new RuleValidationError(issues, 'rule');
	return input as Rule;
}

/**
 * Reads what the advanced editor accepts: JSON text or a parsed value holding a rule set,
 * one rule, or a list of rules. Returns a validated rule set or throws RuleValidationError.
 */
export function parseRuleSetInput(input: unknown, options: ValidateOptions = {}): RuleSet {
	let value = input;
	if (typeof input === 'string') {
		if (!input.trim()) throw new RuleValidationError([{ path: '', message: 'the rule JSON is empty' }], 'rule JSON');
		try {
			value = JSON.parse(input);
		} catch (error) {
			throw new RuleValidationError([{ path: '', message: describeJsonError(input, error as Error) }], 'rule JSON');
		}
	}
	if (Array.isArray(value)) return assertValidRuleSet({ rules: value }, options);
	if (value && typeof value === 'object' && !Object.prototype.hasOwnProperty.call(value, 'rules')) {
		const rule = assertValidRule(value, options);
		return { rules: [rule] };
	}
	return assertValidRuleSet(value, options);
}

function describeJsonError(text: string, error: Error): string {
	const offset = jsonErrorOffset(text, error.message);
	if (offset === undefined) return `not valid JSON: ${error.message}`;
	const before = text.slice(0, offset);
	const line = before.split('\n').length;
	const column = offset - before.lastIndexOf('\n');
	return `not valid JSON at line ${line}, column ${column}: ${error.message}`;
}

/** Where JSON.parse failed: V8 says "at position n", or quotes the text around the bad token (10 characters either side). */
function jsonErrorOffset(text: string, message: string): number | undefined {
	const position = /at position (\d+)/.exec(message);
	if (position) return Number(position[1]);
	const quoted = /^Unexpected token '(.)', (\.\.\.)?"([\s\S]*?)"(?:\.\.\.)? is not valid JSON/.exec(message);
	if (!quoted) return undefined;
	const [, token, ellipsis, context] = quoted;
	const start = text.indexOf(context);
	if (start < 0) return undefined;
	return ellipsis ? start + 10 : start + context.indexOf(token);
}

// ---------------------------------------------------------------- schema (ajv)

interface Validators {
	rule: ValidateFunction;
	ruleSet: ValidateFunction;
	/** The rule schema's $defs, to tell which definition an error comes from. */
	defs: Record<string, { items?: object }>;
}

let cached: Validators | undefined;

function validators(): Validators {
	if (!cached) {
		const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, strictTypes: false, strictRequired: false });
		const dir = packageDataPath('schema');
		const ruleSchema = JSON.parse(fs.readFileSync(path.join(dir, 'rule.schema.json'), 'utf8'));
		const ruleSetSchema = JSON.parse(fs.readFileSync(path.join(dir, 'ruleset.schema.json'), 'utf8'));
		ajv.addSchema(ruleSchema);
		cached = { rule: ajv.getSchema(ruleSchema.$id)!, ruleSet: ajv.compile(ruleSetSchema), defs: ruleSchema.$defs };
	}
	return cached;
}

function translateErrors(validate: ValidateFunction, input: unknown, prefix: string): RuleIssue[] {
	if (validate(input)) return [];
	const issues: RuleIssue[] = [];
	const seen = new Set<string>();
	for (const error of validate.errors ?? []) {
		const message = describeError(error, validators().defs);
		if (message === undefined) continue;
		const issue = { path: joinPath(prefix, instancePath(error)), message };
		const key = `${issue.path}\u0000${issue.message}`;
		if (seen.has(key)) continue;
		seen.add(key);
		issues.push(issue);
		if (issues.length >= MAX_ISSUES) break;
	}
	return issues.length ? issues : [{ path: prefix, message: 'does not match the rule schema' }];
}

/** `/conditions/all/1/fact` → `conditions.all[1].fact`. */
function instancePath(error: ErrorObject): string {
	let out = '';
	for (const part of error.instancePath.split('/').slice(1)) {
		const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
		out += /^\d+$/.test(key) ? `[${key}]` : out ? `.${key}` : key;
	}
	return out;
}

function joinPath(prefix: string, rest: string): string {
	if (!prefix) return rest;
	if (!rest) return prefix;
	return rest.startsWith('[') ? prefix + rest : `${prefix}.${rest}`;
}

function describeError(error: ErrorObject, defs: Validators['defs']): string | undefined {
	const { keyword, params, data } = error;
	const at = (def: string) => error.parentSchema === defs[def];
	switch (keyword) {
		case 'if':
		case 'allOf':
		case 'anyOf':
		case 'oneOf':
			return undefined;
		case 'enum':
			if (at('fact')) return `unknown fact ${show(data)} (known: ${FACT_NAMES.join(', ')})`;
			if (error.parentSchema === defs.eventTypes.items)
				return `unknown event type ${show(data)} (known: ${EVENT_TYPES.map((t) => `${t} ${EVENT_TYPE_LABELS[t]}`).join(', ')})`;
			return `must be one of ${(params.allowedValues as unknown[]).map(show).join(', ')} (got ${show(data)})`;
		case 'pattern':
			if (at('operator'))
				return `unknown operator ${show(data)} (known: ${OPERATOR_NAMES.join(', ')}; decorators: ${DECORATOR_NAMES.map((d) => `${d}:`).join(' ')})`;
			if (at('path')) return `unsupported path ${show(data)}: use $.name, $.name.name or $.name[0]`;
			return `${show(data)} may contain only letters, digits${at('identifier') ? ', _ . -' : ', _ -'}`;
		case 'required':
			if (at('rootOperatorRequired')) return 'must contain "all", "any", "not" or "condition"';
			if (at('leafCondition') && params.missingProperty === 'fact')
				return 'missing "fact": a condition needs fact, operator and value, or one of all, any, not, condition';
			return `missing "${params.missingProperty}"`;
		case 'additionalProperties': {
			const allowed = Object.keys((error.parentSchema as { properties?: object })?.properties ?? {});
			const what = /params$/.test(error.instancePath) ? 'parameter' : 'property';
			return `unknown ${what} "${params.additionalProperty}"${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''}`;
		}
		case 'maxProperties':
			return params.limit === 0 ? 'takes no params' : `must have at most ${params.limit} properties`;
		case 'type':
			return `must be ${article(String(params.type))} (got ${describeType(data)})`;
		case 'minimum':
		case 'maximum': {
			const { minimum, maximum } = error.parentSchema as { minimum?: number; maximum?: number };
			if (minimum !== undefined && maximum !== undefined) return `must be from ${minimum} to ${maximum} (got ${show(data)})`;
			return `must be ${keyword === 'minimum' ? 'at least' : 'at most'} ${params.limit} (got ${show(data)})`;
		}
		case 'minItems':
			return params.limit === 1 ? 'must not be empty' : `must have at least ${params.limit} items`;
		case 'maxItems':
			return `must have at most ${params.limit} items`;
		case 'minLength':
			return params.limit === 1 ? 'must not be empty' : `must be at least ${params.limit} characters`;
		case 'maxLength':
			return `must be at most ${params.limit} characters`;
		case 'propertyNames':
			return undefined;
		case 'false schema':
			return 'is not allowed here';
		default:
			return error.message ?? keyword;
	}
}

function article(type: string): string {
	if (type === 'integer') return 'an integer (a whole number)';
	if (type === 'object') return 'an object';
	if (type === 'array') return 'a list';
	return `a ${type}`;
}

function describeType(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'string') return `the text ${show(value)}`;
	if (typeof value === 'number') return Number.isInteger(value) ? `${value}` : `the fraction ${value}`;
	return typeof value === 'object' ? 'an object' : `${typeof value} ${show(value)}`;
}

function show(value: unknown): string {
	const text = JSON.stringify(value);
	if (text === undefined) return String(value);
	return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

// ---------------------------------------------------------------- semantics

function semanticIssues(set: RuleSet, options: ValidateOptions, rulePath: (index: number) => string): RuleIssue[] {
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
