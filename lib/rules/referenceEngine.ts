import { Engine, type RuleProperties } from 'json-rules-engine';

import type { RuleResultJson } from './explain';
import { UndefinedFactError, evaluationOptions, type EvaluationOptions } from './factReader';
import { forEachFactUse } from './conditionTree';
import type { FactParams, FactValues, Rule, RuleSet } from './types';

/**
 * json-rules-engine itself, on the same facts the compiled predicates see: the reference
 * for explaining one lead and for the differential tests.
 *
 * A new Engine for every run: an Engine keeps run state (`status`) on itself, and
 * concurrent run() calls on one Engine lose events.
 *
 * Facts reach the engine as it would get them from us: a fact used without params is a
 * runtime fact (so a missing one is the engine's own undefined fact); a fact used with
 * params is a dynamic fact that looks its value up by factKey(fact, params) and, when
 * that key is missing, behaves as an undefined fact would.
 */
export type ReferenceOptions = Partial<EvaluationOptions>;

export interface ReferenceOutcome {
	name: string;
	/** RuleResult.toJSON(false), when the run succeeded. */
	result?: RuleResultJson;
	/** The error the engine's run() rejected with. */
	error?: Error;
}

/** Runs the whole rule set once, as one engine.run(): resolves with every rule's result, or rejects. */
export async function runReferenceEngine(
	ruleSet: RuleSet,
	facts: FactValues,
	options: ReferenceOptions = {},
): Promise<RuleResultJson[]> {
	const resolved = evaluationOptions(options);
	const engine = buildEngine(ruleSet, ruleSet.rules, facts, resolved);
	const { results, failureResults } = await engine.run(runtimeFacts(ruleSet.rules, ruleSet, facts, resolved));
	const byName = new Map<string, RuleResultJson>();
	for (const r of [...results, ...failureResults]) {
		const json = (r as unknown as { toJSON(stringify: boolean): RuleResultJson }).toJSON(false);
		byName.set(json.name, json);
	}
	return ruleSet.rules.map((rule) => byName.get(rule.name)!);
}

/** Each rule in an engine of its own, so one rule's error does not hide the others' results. */
export async function referenceOutcomes(
	ruleSet: RuleSet,
	facts: FactValues,
	options: ReferenceOptions = {},
): Promise<ReferenceOutcome[]> {
	return Promise.all(
		ruleSet.rules.map(async (rule) => {
			try {
				const [result] = await runReferenceEngine({ ...ruleSet, rules: [rule] }, facts, options);
				return { name: rule.name, result };
			} catch (error) {
				return { name: rule.name, error: error as Error };
			}
		}),
	);
}

function buildEngine(ruleSet: RuleSet, rules: readonly Rule[], facts: FactValues, options: EvaluationOptions): Engine {
	const engine = new Engine([], {
		allowUndefinedFacts: options.allowUndefinedFacts,
		allowUndefinedConditions: options.allowUndefinedConditions,
	});
	// The engine writes into the objects it is given (e.g. parses priorities): give it copies.
	for (const [name, condition] of Object.entries(ruleSet.conditions ?? {})) {
		engine.setCondition(name, structuredClone(condition) as never);
	}
	for (const rule of rules) engine.addRule(structuredClone(rule) as unknown as RuleProperties);
	for (const name of factsWithParams(rules, ruleSet)) {
		engine.addFact(name, (params: FactParams) => {
			const key = options.factKey(name, params);
			if (Object.hasOwn(facts, key)) return facts[key];
			if (options.allowUndefinedFacts) return undefined;
			// Rejected, not thrown, as the engine's own undefined facts: a synchronous throw in
			// a fact leaves sibling conditions' rejections unhandled inside the engine.
			return Promise.reject(new UndefinedFactError(name));
		});
	}
	return engine;
}

function runtimeFacts(rules: readonly Rule[], ruleSet: RuleSet, facts: FactValues, options: EvaluationOptions): FactValues {
	const dynamic = factsWithParams(rules, ruleSet);
	const out: FactValues = {};
	for (const { fact } of factUses(rules, ruleSet)) {
		if (dynamic.has(fact)) continue;
		const key = options.factKey(fact, undefined);
		if (Object.hasOwn(facts, key)) out[fact] = facts[key];
	}
	return out;
}

function factsWithParams(rules: readonly Rule[], ruleSet: RuleSet): Set<string> {
	const names = new Set<string>();
	for (const use of factUses(rules, ruleSet)) {
		if (use.params && Object.keys(use.params).length > 0) names.add(use.fact);
	}
	return names;
}

function factUses(rules: readonly Rule[], ruleSet: RuleSet): Array<{ fact: string; params?: FactParams }> {
	const uses: Array<{ fact: string; params?: FactParams }> = [];
	const roots = [...rules.map((r) => r.conditions), ...Object.values(ruleSet.conditions ?? {})];
	for (const root of roots) forEachFactUse(root, (fact, params) => uses.push({ fact, params }));
	return uses;
}
