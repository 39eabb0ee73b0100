/**
 * Rules are json-rules-engine 7 rule JSON. These types describe the JSON as our schema
 * accepts it (rules/schema/rule.schema.json); json-rules-engine itself stays the reference
 * for what the JSON means.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export type FactParams = Record<string, unknown>;

/** `value: { fact: 'x' }` compares against another fact instead of a constant. */
export interface FactReference {
	fact: string;
	params?: FactParams;
	path?: string;
}

interface ConditionCommon {
	name?: string;
	priority?: number;
}

export interface LeafCondition extends ConditionCommon {
	fact: string;
	operator: string;
	value: unknown;
	params?: FactParams;
	path?: string;
}

export interface AllCondition extends ConditionCommon {
	all: Condition[];
}

export interface AnyCondition extends ConditionCommon {
	any: Condition[];
}

export interface NotCondition extends ConditionCommon {
	not: Condition;
}

/** A reference to a named condition shared by the rule set (engine.setCondition). */
export interface ConditionReference extends ConditionCommon {
	condition: string;
}

export type BooleanCondition = AllCondition | AnyCondition | NotCondition;

/** What a rule's `conditions` (and a shared condition) may be: never a bare leaf. */
export type TopLevelCondition = BooleanCondition | ConditionReference;

export type Condition = TopLevelCondition | LeafCondition;

/** Grades from A (most promising, act first) to D. */
export type Grade = 'A' | 'B' | 'C' | 'D';

export const GRADES: readonly Grade[] = ['A', 'B', 'C', 'D'];

export interface RuleEventParams {
	/** What the staff see as the rule's name on a hit (Chinese), e.g. 活跃机构命中. */
	label: string;
	grade: Grade;
	/** The reason template, e.g. `近{count.windowDays}天内在{institutions}家机构核验{count}次`. */
	reason: string;
	/** No second hit for the same lead and rule within this many days (default: the rule's window). */
	cooldownDays?: number;
	/** 对照组: percent of the rule's hits held out (recorded, never pushed) to measure its uplift; default 0. */
	controlPercent?: number;
	[key: string]: unknown;
}

export interface RuleEvent {
	type: string;
	params: RuleEventParams;
}

export interface Rule {
	/** The rule's stable id: hits are unique per lead, rule name and window. */
	name: string;
	description?: string;
	priority?: number;
	conditions: TopLevelCondition;
	event: RuleEvent;
}

export interface RuleSet {
	id?: string;
	title?: string;
	description?: string;
	/** Named conditions the rules reference with `{ "condition": name }`. */
	conditions?: Record<string, TopLevelCondition>;
	rules: Rule[];
}

/** Fact values for one lead, keyed by fact key (see factKey in facts.ts). */
export type FactValues = Record<string, unknown>;

/** Maps a fact name and its params to the key its value is stored under in FactValues. */
export type FactKeyFn = (fact: string, params: FactParams | undefined) => string;

export function isAll(c: Condition): c is AllCondition {
	return Object.prototype.hasOwnProperty.call(c, 'all');
}

export function isAny(c: Condition): c is AnyCondition {
	return Object.prototype.hasOwnProperty.call(c, 'any');
}

export function isNot(c: Condition): c is NotCondition {
	return Object.prototype.hasOwnProperty.call(c, 'not');
}

export function isReference(c: Condition): c is ConditionReference {
	return Object.prototype.hasOwnProperty.call(c, 'condition');
}

/** json-rules-engine's test: a non-null object with an own `fact` property. */
export function isFactReference(value: unknown): value is FactReference {
	return value != null && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, 'fact');
}
