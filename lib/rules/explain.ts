import { prioritySets, sortingPriority } from './conditionTree';
import { evaluationOptions, factReader, valueReader, type EvaluationOptions } from './factReader';
import { isKnownOperator, resolveOperator } from './operators';
import { fillTemplate, type TemplateSource } from './reasonTemplate';
import {
	isAll,
	isAny,
	isNot,
	isReference,
	type Condition,
	type FactValues,
	type LeafCondition,
	type Rule,
	type RuleEvent,
	type TopLevelCondition,
} from './types';

/**
 * "Why": a rule evaluated on one lead's facts, in json-rules-engine's result shape
 * (RuleResult.toJSON(false)): the conditions tree with, for each condition the engine
 * evaluated, fact, params, factResult, operator, value, valueResult and result. Conditions
 * the engine did not reach (a decided priority group) carry no results, exactly as there.
 * Slower than the compiled predicate: built only for hits and for explaining one lead.
 */
export type ConditionJson = Record<string, unknown>;

export interface RuleResultJson {
	name: string;
	priority: number;
	event: { type: string; params?: RuleEvent['params'] };
	result: boolean;
	conditions: ConditionJson;
}

export interface ExplainOptions extends Partial<EvaluationOptions> {
	shared?: Readonly<Record<string, TopLevelCondition>>;
}

export function explainRule(rule: Rule, facts: FactValues, options: ExplainOptions = {}): RuleResultJson {
	const tracer = new Tracer(facts, options.shared ?? {}, evaluationOptions(options));
	const { json, result } = tracer.evaluate(rule.conditions);
	const event: RuleResultJson['event'] = { type: rule.event.type };
	if (rule.event.params) event.params = { ...rule.event.params };
	return {
		conditions: json,
		event,
		priority: Number.parseInt(String(rule.priority || 1), 10),
		name: rule.name,
		result,
	};
}

export interface HitExplanation {
	result: RuleResultJson;
	/** The reason template filled with this lead's values. */
	reason: string;
	/** The evaluated conditions' fact values, by condition name (else fact name). */
	values: Record<string, unknown>;
}

export function explainHit(rule: Rule, facts: FactValues, options: ExplainOptions = {}): HitExplanation {
	const result = explainRule(rule, facts, options);
	const sources = templateSources(result.conditions);
	const values: Record<string, unknown> = {};
	for (const source of sources) {
		if (!source.evaluated || source.fact === undefined) continue;
		const key = source.name ?? source.fact;
		if (!(key in values)) values[key] = source.factResult ?? null;
	}
	return { result, reason: fillTemplate(rule.event.params.reason, sources), values };
}

/** The conditions of an explained tree, in document order, for reason templates. */
export function templateSources(root: ConditionJson): TemplateSource[] {
	const sources: TemplateSource[] = [];
	const visit = (node: ConditionJson) => {
		if (Array.isArray(node.any) || Array.isArray(node.all)) {
			if (typeof node.name === 'string') sources.push({ name: node.name, evaluated: resultOf.has(node), result: resultOf.get(node) });
			for (const child of (node.any ?? node.all) as ConditionJson[]) visit(child);
		} else if (node.not && typeof node.not === 'object') {
			if (typeof node.name === 'string') sources.push({ name: node.name, evaluated: resultOf.has(node), result: resultOf.get(node) });
			visit(node.not as ConditionJson);
		} else if (typeof node.fact === 'string') {
			sources.push({
				name: typeof node.name === 'string' ? node.name : undefined,
				fact: node.fact,
				params: node.params as Record<string, unknown> | undefined,
				value: node.value,
				valueResult: node.valueResult,
				factResult: node.factResult,
				evaluated: 'result' in node,
			});
		}
	};
	visit(root);
	return sources;
}

/** Results of all/any/not conditions: the engine keeps them off its JSON, we keep them aside. */
const resultOf = new WeakMap<ConditionJson, boolean>();

interface Traced {
	json: ConditionJson;
	result: boolean;
}

class Tracer {
	constructor(
		private readonly facts: FactValues,
		private readonly shared: Readonly<Record<string, TopLevelCondition>>,
		private readonly options: EvaluationOptions,
	) {}

	evaluate(condition: Condition): Traced {
		if (isReference(condition)) return this.realize(condition);
		if (isAny(condition)) return this.group(condition, condition.any, 'any');
		if (isAll(condition)) return this.group(condition, condition.all, 'all');
		if (isNot(condition)) {
			const inner = this.evaluate(condition.not);
			const json = booleanJson(condition, 'not', inner.json);
			resultOf.set(json, !inner.result);
			return { json, result: !inner.result };
		}
		return this.leaf(condition);
	}

	/** Rule.realize: the reference takes on the shared condition's properties, then runs as it. */
	private realize(reference: Condition & { condition: string }): Traced {
		const name = reference.condition;
		if (!Object.prototype.hasOwnProperty.call(this.shared, name)) {
			if (this.options.allowUndefinedConditions) return { json: unevaluatedJson(reference), result: false };
			throw new Error(`No condition ${name} exists`);
		}
		// Not cloned: nothing here writes to a condition, and the leaves keep their params
		// objects, by which aggregateSql's factKey caches their columns.
		const target = this.shared[name] as Condition;
		const { condition: _dropped, ...rest } = reference;
		const merged = { ...rest, ...target } as Condition;
		if (isAny(target) || isAll(target) || isNot(target)) merged.priority = sortingPriority(target);
		return this.evaluate(merged);
	}

	private group(node: Condition, children: readonly Condition[], kind: 'all' | 'any'): Traced {
		const jsons = children.map(unevaluatedJson);
		let result: boolean;
		if (children.length === 0) result = true;
		else if (children.length === 1) {
			const only = this.evaluate(children[0]);
			jsons[0] = only.json;
			result = only.result;
		} else {
			result = kind === 'all';
			const indices = children.map((_, i) => i);
			for (const set of prioritySets(indices, (i) => sortingPriority(children[i]))) {
				if (kind === 'all' ? !result : result) break;
				const results = set.map((i) => {
					const traced = this.evaluate(children[i]);
					jsons[i] = traced.json;
					return traced.result;
				});
				result = kind === 'all' ? results.every((r) => r === true) : results.some((r) => r === true);
			}
		}
		const json = booleanJson(node, kind, jsons);
		resultOf.set(json, result === true);
		return { json, result: result === true };
	}

	private leaf(condition: LeafCondition): Traced {
		if (!isKnownOperator(condition.operator)) throw new Error(`Unknown operator: ${condition.operator}`);
		const op = resolveOperator(condition.operator);
		const valueResult = valueReader(condition.value, this.options)(this.facts);
		const factResult = factReader(condition.fact, condition.params, condition.path, this.options)(this.facts);
		const result = op(factResult, valueResult);
		const json = unevaluatedJson(condition);
		if (factResult !== undefined) json.factResult = factResult;
		if (valueResult !== undefined) json.valueResult = valueResult;
		json.result = result;
		return { json, result };
	}
}

function booleanJson(node: Condition, kind: 'all' | 'any' | 'not', inner: unknown): ConditionJson {
	const json: ConditionJson = { priority: sortingPriority(node) };
	if (node.name) json.name = node.name;
	json[kind] = inner;
	return json;
}

/** Condition.toJSON(false) of a condition the engine has not evaluated. */
function unevaluatedJson(condition: Condition): ConditionJson {
	if (isAny(condition)) return booleanJson(condition, 'any', condition.any.map(unevaluatedJson));
	if (isAll(condition)) return booleanJson(condition, 'all', condition.all.map(unevaluatedJson));
	if (isNot(condition)) return booleanJson(condition, 'not', unevaluatedJson(condition.not));
	const json: ConditionJson = {};
	if (condition.priority) json.priority = condition.priority;
	if (condition.name) json.name = condition.name;
	if (isReference(condition)) {
		json.condition = condition.condition;
		return json;
	}
	json.operator = condition.operator;
	json.value = condition.value;
	json.fact = condition.fact;
	if (condition.params) json.params = condition.params;
	if (condition.path) json.path = condition.path;
	return json;
}
