/**
 * The rule language's facts and operators for the condition builder. Operators, event types
 * and the types come straight from lib (plain code without Node imports); the fact table is a
 * copy of lib/rules/facts.ts' FACTS (kinds, value types, params), because facts.ts reaches
 * node:crypto through lib/stableJson. test/console/ruleCatalogue.test.ts holds the copy equal
 * to lib's, so a new fact or param fails the tests until it is added here.
 */
import type { ActivityFactName, FactName, FactValueType } from '../../../lib/rules/facts';
import { parseOperator } from '../../../lib/rules/operators';
import { isFactReference, type FactParams } from '../../../lib/rules/types';
import { EVENT_TYPES } from '../../../lib/vocabulary/eventTypes';

export { EVENT_TYPES };

export interface FactEntry {
	kind: 'activity' | 'profile';
	valueType: FactValueType;
	params: readonly string[];
}

const WINDOWED = ['windowDays', 'offsetDays', 'institutions', 'eventTypes', 'period'] as const;
const profile = (valueType: FactValueType): FactEntry => ({ kind: 'profile', valueType, params: [] });

export const FACTS: Readonly<Record<FactName, FactEntry>> = {
	activityCount: { kind: 'activity', valueType: 'number', params: WINDOWED },
	distinctInstitutions: { kind: 'activity', valueType: 'number', params: WINDOWED },
	activeDays: { kind: 'activity', valueType: 'number', params: WINDOWED },
	daysSinceLastActivity: { kind: 'activity', valueType: 'number', params: WINDOWED },
	newInstitutionCount: { kind: 'activity', valueType: 'number', params: ['windowDays', 'baselineDays', 'offsetDays', 'institutions', 'eventTypes', 'period'] },
	sourceChannel: profile('text'),
	industry: profile('text'),
	status: profile('text'),
	tags: profile('textList'),
	attributes: profile('object'),
};

export const FACT_NAMES = Object.keys(FACTS) as FactName[];

export function isActivityFact(name: string): name is ActivityFactName {
	return (FACTS as Record<string, FactEntry | undefined>)[name]?.kind === 'activity';
}

const SUGGESTED_OPERATORS: Readonly<Record<FactValueType, readonly string[]>> = {
	number: ['greaterThanInclusive', 'greaterThan', 'lessThanInclusive', 'lessThan', 'equal', 'notEqual', 'in', 'notIn'],
	text: ['equal', 'notEqual', 'in', 'notIn'],
	textList: ['contains', 'doesNotContain'],
	object: ['equal', 'notEqual', 'in', 'notIn', 'greaterThanInclusive', 'greaterThan', 'lessThanInclusive', 'lessThan'],
};

export function valueTypeOf(fact: string): FactValueType {
	return (FACTS as Record<string, FactEntry | undefined>)[fact]?.valueType ?? 'object';
}

/** The operators the builder offers for a fact (a decorated one already in the rule is kept). */
export function operatorsFor(fact: string, current?: string): string[] {
	const offered = [...SUGGESTED_OPERATORS[valueTypeOf(fact)]];
	if (current && !offered.includes(current)) offered.push(current);
	return offered;
}

export type ValueEditor = 'number' | 'text' | 'list' | 'fact' | 'json';

/** How the builder edits a condition's comparison value. */
export function valueEditorFor(fact: string, operator: string, value: unknown): ValueEditor {
	if (isFactReference(value)) return 'fact';
	const parsed = parseOperator(operator);
	if (!parsed || parsed.decorators.length) return 'json';
	if (parsed.base === 'in' || parsed.base === 'notIn') return Array.isArray(value) || value === undefined ? 'list' : 'json';
	const type = valueTypeOf(fact);
	if (type === 'number' || (type === 'object' && typeof value === 'number')) return typeof value === 'number' || value === undefined ? 'number' : 'json';
	return typeof value === 'string' || value === undefined ? 'text' : 'json';
}

/** Params a fact starts with when picked in the builder (its required ones, sensible values). */
export function defaultParams(fact: string): FactParams | undefined {
	if (fact === 'newInstitutionCount') return { windowDays: 7, baselineDays: 30 };
	if (fact === 'daysSinceLastActivity') return { windowDays: 180 };
	return isActivityFact(fact) ? { windowDays: 7 } : undefined;
}

/** A value that fits the operator when the person switches it. */
export function defaultValue(fact: string, operator: string): unknown {
	const base = parseOperator(operator)?.base;
	if (base === 'in' || base === 'notIn') return [];
	return valueTypeOf(fact) === 'number' ? 1 : '';
}

export function factParamNames(fact: string): readonly string[] {
	return (FACTS as Record<string, FactEntry | undefined>)[fact]?.params ?? [];
}
