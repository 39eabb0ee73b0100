import * as fs from 'node:fs';

import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';

import { packageDataPath } from '../../packageData';
import { EVENT_TYPES, EVENT_TYPE_LABELS } from '../../vocabulary';
import { FACT_NAMES } from '../facts';
import { DECORATOR_NAMES, OPERATOR_NAMES } from '../operators';
import { describeType, show } from './describeValue';
import { MAX_ISSUES, joinPath, type RuleIssue } from './ruleIssue';

/**
 * The structural check: rules/schema with ajv, its errors translated into messages that
 * name the field and say what it may be (unknown facts, operators and event types list the
 * known ones).
 */
export function schemaIssues(schema: 'rule' | 'ruleSet', input: unknown): RuleIssue[] {
	return translateErrors(validators()[schema], input, '');
}

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
		const ruleSchema = JSON.parse(fs.readFileSync(packageDataPath('schema', 'rule.schema.json'), 'utf8'));
		const ruleSetSchema = JSON.parse(fs.readFileSync(packageDataPath('schema', 'ruleset.schema.json'), 'utf8'));
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
