import type { Rule, RuleSet } from './types';
import { describeJsonError } from './validation/jsonErrorPosition';
import { RuleValidationError, type RuleIssue } from './validation/ruleIssue';
import { schemaIssues } from './validation/schemaIssues';
import { semanticIssues, type ValidateOptions } from './validation/semanticIssues';

export { RuleValidationError, type RuleIssue, type ValidateOptions };

/**
 * Checks one rule on its own (shared conditions it references must then not exist): the
 * schema first (validation/schemaIssues.ts), then what the schema cannot express
 * (validation/semanticIssues.ts).
 */
export function validateRule(input: unknown, options: ValidateOptions = {}): RuleIssue[] {
	const structural = schemaIssues('rule', input);
	if (structural.length) return structural;
	return semanticIssues({ rules: [input as Rule] }, options, (i) => (i === 0 ? '' : `rules[${i}]`));
}

export function validateRuleSet(input: unknown, options: ValidateOptions = {}): RuleIssue[] {
	const structural = schemaIssues('ruleSet', input);
	if (structural.length) return structural;
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
