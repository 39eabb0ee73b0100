import { insertNewHits } from '../hits';
import { inControlGroup } from '../roi';
import type { Store } from '../store';
import {
	assertValidRuleSet,
	buildAggregateQuery,
	compileRuleSet,
	cooldownDays,
	explainHit,
	hitWindow,
	type AggregateOptions,
	type AggregateRow,
	type CompileOptions,
	type ConditionJson,
	type Rule,
	type RuleSet,
} from '../rules';
import { registerRules } from './ruleRegistry';

/**
 * The daily evaluation: stream the aggregate rows, run the compiled predicates, explain
 * only the matches, and insert them as hits. A hit is unique per lead (ID hash), rule and
 * window (ruleWindow.ts): the unique key (id_hash, rule_id, window_key) makes a re-run of
 * the same day insert nothing, and the cooldown check makes the next days' overlapping
 * windows insert nothing either. Only newly created hits come back.
 */
export interface EvaluateOptions extends Pick<AggregateOptions, 'asOf' | 'timeZone' | 'windowEnd'> {
	/**
	 * Aggregate rows fetched per batch (default 1 000). Measured at 10 M events (797 626 rows): 1 000
	 * rather than 5 000 cost 10.3 instead of 11.3 s of Node CPU, and 13.6 instead of 14.4–15.9 s in a
	 * worker's capped heap (start:queue's Node options), where the batches held ahead survive
	 * scavenges and are promoted.
	 */
	batchSize?: number;
	/** Rule versions to record; by default the rules are registered in the rules table. */
	ruleVersions?: ReadonlyMap<string, number>;
	allowUndefinedConditions?: CompileOptions['allowUndefinedConditions'];
	/**
	 * 对照组 by grade (the scoring model's controlPercentByGrade): the share of the hits pushed
	 * by a grade — the lead's fit letter once scored, else the rule's grade — held out, by the
	 * same placement as a rule's controlPercent; a hit either holds out is held out.
	 */
	controlPercentByGrade?: Readonly<Partial<Record<string, number>>>;
}

export interface HitFacts {
	/** The evaluated conditions' values, by condition name (else fact). */
	values: Record<string, unknown>;
	/** The explained conditions tree, json-rules-engine's result shape. */
	conditions: ConditionJson;
	window: { start: string; end: string };
}

export interface NewHit {
	hitId: number;
	leadId: string;
	ruleId: string;
	ruleVersion: number;
	label: string;
	grade: string;
	reason: string;
	windowKey: string;
	/** The window's last day, YYYY-MM-DD. */
	hitDate: string;
	source: string | null;
	/** The institution the lead called most often in the days the evaluation read (ties: the first by name); null without events. */
	institution: string | null;
	/** Held out (对照组): stored as a hit, never pushed (the rule's controlPercent). */
	controlGroup: boolean;
	facts: HitFacts;
}

export interface RuleErrors {
	ruleId: string;
	count: number;
	firstLeadId: string;
	firstError: string;
}

export interface EvaluateSummary {
	windowEnd: string;
	leadsEvaluated: number;
	/** Lead × rule pairs that satisfied the rule. */
	matches: number;
	newHits: number;
	/** Matches that were already hits (same window, or within the cooldown). */
	alreadyHit: number;
	/** Rules that failed on some leads (e.g. `in` against a fact that is not a list); those leads got no hit. */
	ruleErrors: RuleErrors[];
}

const INSERT_BATCH = 1000;

export async function evaluate(
	store: Store,
	ruleSet: RuleSet,
	options: EvaluateOptions,
): Promise<{ hits: NewHit[]; summary: EvaluateSummary }> {
	const hits: NewHit[] = [];
	const iterator = evaluateHits(store, ruleSet, options);
	for (;;) {
		const next = await iterator.next();
		if (next.done) return { hits, summary: next.value };
		hits.push(...next.value);
	}
}

/** Yields the new hits batch by batch (constant memory however many leads match); returns the summary. */
export async function* evaluateHits(
	store: Store,
	input: RuleSet,
	options: EvaluateOptions,
): AsyncGenerator<NewHit[], EvaluateSummary, undefined> {
	const ruleSet = assertValidRuleSet(input, { allowUndefinedConditions: options.allowUndefinedConditions });
	const query = buildAggregateQuery(ruleSet, { ...options, withInstitution: true });
	const evaluation = { factKey: query.factKey, allowUndefinedConditions: options.allowUndefinedConditions ?? false };
	const compiled = compileRuleSet(ruleSet, evaluation);
	const versions = options.ruleVersions ?? (await registerRules(store, ruleSet.rules));
	const shared = ruleSet.conditions ?? {};
	const perRule = compiled.rules.map((c) => ({
		...c,
		version: versions.get(c.name) ?? 1,
		window: hitWindow(c.rule, query.windowEnd, shared),
		cooldown: cooldownDays(c.rule, shared),
	}));

	const summary: EvaluateSummary = {
		windowEnd: query.windowEnd,
		leadsEvaluated: 0,
		matches: 0,
		newHits: 0,
		alreadyHit: 0,
		ruleErrors: [],
	};
	const errors = new Map<string, RuleErrors>();
	const explainOptions = { ...evaluation, shared };
	let pending: Candidate[] = [];
	// One batch of hits is inserted (on another connection) while the next rows arrive and
	// are matched; batches are inserted in order, one at a time, so the cooldown check
	// always sees the hits of the batches before. Each hand-over returns the batch before.
	let inserting: Promise<NewHit[]> | undefined;
	const gradeShares = Object.values(options.controlPercentByGrade ?? {}).some((percent) => (percent ?? 0) > 0) ? options.controlPercentByGrade : undefined;
	const handOver = async (candidates: Candidate[]): Promise<NewHit[]> => {
		if (gradeShares && candidates.length) await holdOutByGrade(store, candidates, gradeShares);
		const created = inserting ? await inserting : [];
		inserting = candidates.length ? insertNewHits(store, candidates) : undefined;
		inserting?.catch(() => undefined);
		summary.newHits += created.length;
		return created;
	};

	try {
		for await (const rows of store.stream<AggregateRow>(query.sql, query.params, options.batchSize ?? 1000)) {
			for (const row of rows) {
				summary.leadsEvaluated++;
				for (const rule of perRule) {
					let matched: boolean;
					try {
						matched = rule.test(row);
					} catch (error) {
						recordError(errors, rule.name, row.lead_id, error as Error);
						continue;
					}
					if (!matched) continue;
					summary.matches++;
					pending.push(candidate(rule, row, explainOptions));
				}
			}
			if (pending.length >= INSERT_BATCH) {
				const created = await handOver(pending);
				pending = [];
				if (created.length) yield created;
			}
		}
		// The last candidates, then nothing: the two batches still to come back.
		for (const last of [pending, []]) {
			const created = await handOver(last);
			if (created.length) yield created;
		}
	} finally {
		// Stopped early or failed: let the insert under way finish before the store may close.
		await inserting?.catch(() => undefined);
	}
	summary.alreadyHit = summary.matches - summary.newHits;
	summary.ruleErrors = [...errors.values()];
	return summary;
}

interface Candidate {
	/** hitId 0 until stored. */
	hit: NewHit;
	idHash: string;
	cooldown: number;
	controlGroup: boolean;
}

function candidate(
	{ rule, version, window, cooldown }: { rule: Rule; version: number; window: ReturnType<typeof hitWindow>; cooldown: number },
	row: AggregateRow,
	explainOptions: Parameters<typeof explainHit>[2],
): Candidate {
	const explanation = explainHit(rule, row, explainOptions);
	const controlGroup = inControlGroup(row.id_hash, rule.event.params.controlPercent);
	return {
		cooldown,
		idHash: row.id_hash,
		controlGroup,
		hit: {
			hitId: 0,
			leadId: row.lead_id,
			ruleId: rule.name,
			ruleVersion: version,
			label: rule.event.params.label,
			grade: rule.event.params.grade,
			reason: explanation.reason,
			windowKey: window.key,
			hitDate: window.end,
			source: typeof row.sourceChannel === 'string' ? row.sourceChannel : null,
			institution: typeof row.hit_institution === 'string' ? row.hit_institution : null,
			controlGroup,
			facts: {
				values: explanation.values,
				conditions: explanation.result.conditions,
				window: { start: window.start, end: window.end },
			},
		},
	};
}

/** Marks the candidates their push grade holds out: the grade read as hits read it (lib/hits pushGrade), the lead's stored fit first. */
async function holdOutByGrade(store: Store, candidates: Candidate[], shares: Readonly<Partial<Record<string, number>>>): Promise<void> {
	const leadIds = [...new Set(candidates.map((c) => c.hit.leadId))];
	const fits = await store.query<{ lead_id: string; fit: string | null }>('SELECT lead_id, fit FROM lead_score_totals WHERE lead_id = ANY($1::text[])', [leadIds]);
	const fitOf = new Map(fits.rows.map((row) => [row.lead_id, row.fit]));
	for (const candidate of candidates) {
		if (candidate.controlGroup) continue;
		const grade = fitOf.get(candidate.hit.leadId) ?? candidate.hit.grade;
		if (inControlGroup(candidate.idHash, shares[grade])) {
			candidate.controlGroup = true;
			candidate.hit.controlGroup = true;
		}
	}
}

function recordError(errors: Map<string, RuleErrors>, ruleId: string, leadId: string, error: Error): void {
	const known = errors.get(ruleId);
	if (known) known.count++;
	else errors.set(ruleId, { ruleId, count: 1, firstLeadId: leadId, firstError: error.message });
}
