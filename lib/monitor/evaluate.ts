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
	/** Aggregate rows fetched per batch. */
	batchSize?: number;
	/** Rule versions to record; by default the rules are registered in the rules table. */
	ruleVersions?: ReadonlyMap<string, number>;
	allowUndefinedConditions?: CompileOptions['allowUndefinedConditions'];
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
	const query = buildAggregateQuery(ruleSet, options);
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
	const handOver = async (candidates: Candidate[]): Promise<NewHit[]> => {
		const created = inserting ? await inserting : [];
		inserting = candidates.length ? insertHits(store, candidates) : undefined;
		inserting?.catch(() => undefined);
		summary.newHits += created.length;
		return created;
	};

	try {
		for await (const rows of store.stream<AggregateRow>(query.sql, query.params, options.batchSize ?? 5000)) {
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
}

function candidate(
	{ rule, version, window, cooldown }: { rule: Rule; version: number; window: ReturnType<typeof hitWindow>; cooldown: number },
	row: AggregateRow,
	explainOptions: Parameters<typeof explainHit>[2],
): Candidate {
	const explanation = explainHit(rule, row, explainOptions);
	return {
		cooldown,
		idHash: row.id_hash,
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
			facts: {
				values: explanation.values,
				conditions: explanation.result.conditions,
				window: { start: window.start, end: window.end },
			},
		},
	};
}

function recordError(errors: Map<string, RuleErrors>, ruleId: string, leadId: string, error: Error): void {
	const known = errors.get(ruleId);
	if (known) known.count++;
	else errors.set(ruleId, { ruleId, count: 1, firstLeadId: leadId, firstError: error.message });
}

async function insertHits(store: Store, candidates: readonly Candidate[]): Promise<NewHit[]> {
	// One jsonb parameter rather than twelve arrays: pg serialises arrays element by element in
	// JavaScript, and PostgreSQL then plans the cooldown check as index probes into hits.
	const records = candidates.map(({ hit, idHash, cooldown }) => ({
		lead_id: hit.leadId,
		id_hash: idHash,
		rule_id: hit.ruleId,
		rule_version: hit.ruleVersion,
		window_key: hit.windowKey,
		hit_date: hit.hitDate,
		grade: hit.grade,
		label: hit.label,
		reason: hit.reason,
		facts: hit.facts,
		source: hit.source,
		cooldown,
	}));
	const ruleIds = [...new Set(records.map((r) => r.rule_id))].sort();
	const inserted = await store.transaction(async (tx) => {
		// Two evaluations of different days at once must not both pass the cooldown check.
		await tx.query(
			`SELECT pg_advisory_xact_lock(hashtext('lead_monitor:hits:' || r)) FROM unnest($1::text[]) AS r ORDER BY r`,
			[ruleIds],
		);
		return tx.query<{ hit_id: number | string; lead_id: string; rule_id: string }>(
			`INSERT INTO hits (lead_id, id_hash, rule_id, rule_version, window_key, hit_date, grade, label, reason, facts, source)
			 SELECT n.lead_id, n.id_hash, n.rule_id, n.rule_version, n.window_key, n.hit_date, n.grade, n.label, n.reason,
			        n.facts, n.source
			 FROM jsonb_to_recordset($1::jsonb) AS n(lead_id text, id_hash text, rule_id text, rule_version integer,
			      window_key text, hit_date date, grade text, label text, reason text, facts jsonb, source text, cooldown integer)
			 WHERE EXISTS (SELECT 1 FROM leads l WHERE l.lead_id = n.lead_id)
			   AND NOT EXISTS (
			     SELECT 1 FROM hits h
			     WHERE h.id_hash = n.id_hash AND h.rule_id = n.rule_id
			       AND h.hit_date > n.hit_date - n.cooldown AND h.hit_date < n.hit_date + n.cooldown)
			 ON CONFLICT (id_hash, rule_id, window_key) DO NOTHING
			 RETURNING hit_id, lead_id, rule_id`,
			[JSON.stringify(records)],
		);
	});
	// One lead per ID hash in a run (the aggregate takes the first), so lead and rule name a candidate.
	const byKey = new Map(candidates.map((c) => [`${c.hit.leadId}\u0000${c.hit.ruleId}`, c.hit]));
	return inserted.rows.map((row) => {
		const hit = byKey.get(`${row.lead_id}\u0000${row.rule_id}`)!;
		hit.hitId = Number(row.hit_id);
		return hit;
	});
}
