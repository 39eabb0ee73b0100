import { isLeaf } from './conditionTree';
import { isActivityFact, type ActivityFactName } from './facts';
import { resolveOperator, isKnownOperator } from './operators';
import {
	isAll,
	isAny,
	isFactReference,
	isNot,
	isReference,
	type Condition,
	type RuleSet,
	type TopLevelCondition,
} from './types';

/**
 * Whether some rule could hit a roster lead with no call events at all. If none can, the
 * aggregate joins the roster to the events' aggregate (only active leads come back);
 * otherwise it keeps every roster lead, with zero counts. Decided by evaluating each rule
 * with the activity facts at their no-activity values and every profile fact unknown
 * (three-valued logic; anything doubtful counts as "could hit").
 */
export function canHitWithoutActivity(ruleSet: RuleSet, allowUndefinedConditions = false): boolean {
	const shared = ruleSet.conditions ?? {};
	return ruleSet.rules.some((rule) => evaluate(rule.conditions, shared, allowUndefinedConditions, []) !== false);
}

type Tri = boolean | undefined;

/** The value an activity fact has for a lead with no events. */
export function noActivityValue(fact: ActivityFactName): number | null {
	return fact === 'daysSinceLastActivity' ? null : 0;
}

function evaluate(
	condition: Condition,
	shared: Readonly<Record<string, TopLevelCondition>>,
	allowUndefinedConditions: boolean,
	visiting: string[],
): Tri {
	if (isReference(condition)) {
		const name = condition.condition;
		if (!Object.prototype.hasOwnProperty.call(shared, name)) return allowUndefinedConditions ? false : undefined;
		if (visiting.includes(name)) return undefined;
		return evaluate(shared[name], shared, allowUndefinedConditions, [...visiting, name]);
	}
	const children = isAny(condition) ? condition.any : isAll(condition) ? condition.all : undefined;
	if (children) {
		const results = children.map((c) => evaluate(c, shared, allowUndefinedConditions, visiting));
		if (children.length === 0) return true;
		if (isAny(condition)) return results.includes(true) ? true : results.includes(undefined) ? undefined : false;
		return results.includes(false) ? false : results.includes(undefined) ? undefined : true;
	}
	if (isNot(condition)) {
		const inner = evaluate(condition.not, shared, allowUndefinedConditions, visiting);
		return inner === undefined ? undefined : !inner;
	}
	if (!isLeaf(condition) || !isActivityFact(condition.fact) || !isKnownOperator(condition.operator)) return undefined;
	let value: unknown = condition.value;
	if (isFactReference(value)) {
		if (!isActivityFact(value.fact)) return undefined;
		value = noActivityValue(value.fact);
	}
	try {
		return resolveOperator(condition.operator)(noActivityValue(condition.fact), value);
	} catch {
		return undefined;
	}
}
