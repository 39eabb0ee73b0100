import { Engine, type Almanac, type RuleProperties } from 'json-rules-engine';

import { forEachFactUse } from '../../lib/rules/conditionTree';
import { compileRuleSet } from '../../lib/rules/compileRule';
import { UndefinedFactError } from '../../lib/rules/factReader';
import { runReferenceEngine } from '../../lib/rules/referenceEngine';
import type { FactKeyFn, FactParams, FactValues, RuleSet } from '../../lib/rules/types';
import { elapsed } from './floor';

/** Lead × rule pairs that matched, as `lead_id<TAB>rule`. */
export type MatchSet = Set<string>;

export interface PhaseRun {
	seconds: number;
	matches: MatchSet;
}

type Row = FactValues & { lead_id: string };

/**
 * The project's reference (lib/rules/referenceEngine.ts): json-rules-engine's run() per
 * lead, with a new Engine per run (an Engine keeps run state, so the product never shares one).
 */
export async function referencePerLead(ruleSet: RuleSet, rows: readonly Row[], factKey: FactKeyFn): Promise<PhaseRun> {
	const matches: MatchSet = new Set();
	const started = process.hrtime.bigint();
	for (const row of rows) {
		for (const result of await runReferenceEngine(ruleSet, row, { factKey })) {
			if (result.result) matches.add(`${row.lead_id}\t${result.name}`);
		}
	}
	return { seconds: elapsed(started), matches };
}

const ROW_FACT = '__aggregateRow';

/**
 * json-rules-engine at its best: one Engine built once and run() sequentially per lead
 * (never concurrently: the Engine keeps run state), facts with params read from the row.
 */
export async function oneEngineSequential(ruleSet: RuleSet, rows: readonly Row[], factKey: FactKeyFn): Promise<PhaseRun> {
	const engine = new Engine([], { allowUndefinedFacts: false });
	for (const [name, condition] of Object.entries(ruleSet.conditions ?? {})) engine.setCondition(name, structuredClone(condition) as never);
	for (const rule of ruleSet.rules) engine.addRule(structuredClone(rule) as unknown as RuleProperties);
	const { withParams, withoutParams } = factNames(ruleSet);
	for (const name of withParams) {
		engine.addFact(name, async (params: FactParams, almanac: Almanac) => {
			const row = await almanac.factValue<FactValues>(ROW_FACT);
			const key = factKey(name, params);
			if (!Object.hasOwn(row, key)) throw new UndefinedFactError(name);
			return row[key];
		});
	}
	const matches: MatchSet = new Set();
	const started = process.hrtime.bigint();
	for (const row of rows) {
		const facts: FactValues = { [ROW_FACT]: row };
		for (const name of withoutParams) {
			const key = factKey(name, undefined);
			if (Object.hasOwn(row, key)) facts[name] = row[key];
		}
		const { results } = await engine.run(facts);
		for (const result of results) matches.add(`${row.lead_id}\t${result.name}`);
	}
	return { seconds: elapsed(started), matches };
}

/** Our compiled predicates over the same rows in memory: the rules phase of evaluate alone (best of `rounds`). */
export function compiledPredicates(ruleSet: RuleSet, rows: readonly Row[], factKey: FactKeyFn, rounds = 10): PhaseRun {
	const compiled = compileRuleSet(ruleSet, { factKey });
	let best = Infinity;
	let matches: MatchSet = new Set();
	for (let round = 0; round < rounds; round++) {
		const found: Array<[Row, string]> = [];
		const started = process.hrtime.bigint();
		for (const row of rows) {
			for (const rule of compiled.rules) {
				try {
					if (rule.test(row)) found.push([row, rule.name]);
				} catch {
					// A failing rule gives the lead no hit, as in evaluate.
				}
			}
		}
		best = Math.min(best, elapsed(started));
		matches = new Set(found.map(([row, name]) => `${row.lead_id}\t${name}`));
	}
	return { seconds: best, matches };
}

function factNames(ruleSet: RuleSet): { withParams: Set<string>; withoutParams: Set<string> } {
	const withParams = new Set<string>();
	const withoutParams = new Set<string>();
	const use = (fact: string, params: FactParams | undefined) =>
		(params && Object.keys(params).length > 0 ? withParams : withoutParams).add(fact);
	for (const root of [...ruleSet.rules.map((r) => r.conditions), ...Object.values(ruleSet.conditions ?? {})]) forEachFactUse(root, use);
	for (const name of withParams) withoutParams.delete(name);
	return { withParams, withoutParams };
}
