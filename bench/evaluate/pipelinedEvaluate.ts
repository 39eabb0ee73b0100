import type { AggregateRow } from '../../lib/rules/aggregateSql';
import { buildAggregateQuery } from '../../lib/rules/aggregateSql';
import { compileRuleSet } from '../../lib/rules/compileRule';
import type { EvaluateOptions, EvaluateSummary, NewHit } from '../../lib/rules/evaluate';
import { explainHit } from '../../lib/rules/explain';
import { registerRules } from '../../lib/rules/ruleRegistry';
import { cooldownDays, hitWindow } from '../../lib/rules/ruleWindow';
import type { RuleSet } from '../../lib/rules/types';
import { assertValidRuleSet } from '../../lib/rules/validateRule';
import type { Store } from '../../lib/store';
import { collateC, splitRange, twoLevel } from './sqlRewrites';

/**
 * Experiment: lib/rules/evaluate.ts's evaluate() with the changes proposed in the bench
 * report, each switchable to see what it buys. Same hits, same summary; not product code.
 *
 * - readAhead: the next FETCH is sent before this batch is matched and inserted, so the
 *   database computes rows while Node works (evaluate waits for each FETCH in turn).
 * - overlapInserts: a batch of hits is inserted on another connection while the cursor
 *   goes on; at most one insert in flight, in order (the cooldown check stays sequential).
 * - jsonInsert: the hits go as one jsonb parameter (jsonb_to_recordset) instead of twelve
 *   arrays, which pg serialises element by element in JavaScript.
 * - sql: the aggregate rewritten (sqlRewrites.ts); ranges: 2 runs it as two ID-hash halves
 *   on two connections, rows taken from whichever answers first.
 */
export interface ExperimentFlags {
	readAhead: boolean;
	overlapInserts: boolean;
	jsonInsert: boolean;
	sql: 'as-built' | 'collate-C' | 'two-level';
	ranges: 1 | 2;
}

export function parseFlags(spec: string): ExperimentFlags {
	const parts = new Set(spec.split(',').filter(Boolean));
	const sql = [...parts].find((p) => p.startsWith('sql='))?.slice(4) ?? 'as-built';
	if (!['as-built', 'collate-C', 'two-level'].includes(sql)) throw new Error(`Unknown sql variant ${sql}`);
	return {
		readAhead: parts.has('readAhead'),
		overlapInserts: parts.has('overlapInserts'),
		jsonInsert: parts.has('jsonInsert'),
		sql: sql as ExperimentFlags['sql'],
		ranges: parts.has('ranges=2') ? 2 : 1,
	};
}

const INSERT_BATCH = 1000;
const HALF = 'v1:8';

interface Candidate {
	hit: Omit<NewHit, 'hitId'>;
	cooldown: number;
}

export async function evaluateExperiment(
	store: Store,
	input: RuleSet,
	options: EvaluateOptions,
	flags: ExperimentFlags,
): Promise<{ hits: NewHit[]; summary: EvaluateSummary }> {
	const ruleSet = assertValidRuleSet(input);
	const query = buildAggregateQuery(ruleSet, options);
	const evaluation = { factKey: query.factKey, allowUndefinedConditions: false };
	const compiled = compileRuleSet(ruleSet, evaluation);
	const versions = await registerRules(store, ruleSet.rules);
	const shared = ruleSet.conditions ?? {};
	const perRule = compiled.rules.map((c) => ({
		...c,
		version: versions.get(c.name) ?? 1,
		window: hitWindow(c.rule, query.windowEnd, shared),
		cooldown: cooldownDays(c.rule, shared),
	}));
	const summary: EvaluateSummary = { windowEnd: query.windowEnd, leadsEvaluated: 0, matches: 0, newHits: 0, alreadyHit: 0, ruleErrors: [] };
	const errors = new Map<string, number>();
	const hits: NewHit[] = [];
	let inflight: Promise<NewHit[]> | undefined;
	const insert = flags.jsonInsert ? insertHitsJson : insertHitsArrays;
	const flush = async (batch: Candidate[]) => {
		if (inflight) hits.push(...(await inflight));
		inflight = insert(store, batch);
		if (!flags.overlapInserts) {
			hits.push(...(await inflight));
			inflight = undefined;
		}
	};

	const sql = flags.sql === 'collate-C' ? collateC(query.sql) : flags.sql === 'two-level' ? twoLevel(query) : query.sql;
	const statements = flags.ranges === 2 ? [splitRange(sql, 'lt', HALF), splitRange(sql, 'ge', HALF)] : [sql];
	const sources = statements.map((s) => store.stream<AggregateRow>(s, query.params, options.batchSize ?? 5000));
	const batches = flags.readAhead || flags.ranges === 2 ? merge(sources.map(readAhead)) : sources[0];
	let pending: Candidate[] = [];
	for await (const rows of batches) {
		for (const row of rows) {
			summary.leadsEvaluated++;
			for (const rule of perRule) {
				let matched: boolean;
				try {
					matched = rule.test(row);
				} catch {
					errors.set(rule.name, (errors.get(rule.name) ?? 0) + 1);
					continue;
				}
				if (!matched) continue;
				summary.matches++;
				const explanation = explainHit(rule.rule, row, { ...evaluation, shared });
				pending.push({
					cooldown: rule.cooldown,
					hit: {
						leadId: row.lead_id,
						idHash: row.id_hash,
						ruleId: rule.name,
						ruleVersion: rule.version,
						label: rule.rule.event.params.label,
						grade: rule.rule.event.params.grade,
						reason: explanation.reason,
						windowKey: rule.window.key,
						hitDate: rule.window.end,
						source: typeof row.sourceChannel === 'string' ? row.sourceChannel : null,
						facts: {
							values: explanation.values,
							conditions: explanation.result.conditions,
							window: { start: rule.window.start, end: rule.window.end },
						},
					},
				});
			}
		}
		if (pending.length >= INSERT_BATCH) {
			await flush(pending);
			pending = [];
		}
	}
	if (pending.length) await flush(pending);
	if (inflight) hits.push(...(await inflight));
	summary.newHits = hits.length;
	summary.alreadyHit = summary.matches - summary.newHits;
	summary.ruleErrors = [...errors].map(([ruleId, count]) => ({ ruleId, count, firstLeadId: '', firstError: '' }));
	return { hits, summary };
}

/** Asks for the next item as soon as one is handed out. */
async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
	const iterator = source[Symbol.asyncIterator]();
	let next = iterator.next();
	for (;;) {
		const item = await next;
		if (item.done) return;
		next = iterator.next();
		yield item.value;
	}
}

/** Items of several sources as they come. */
async function* merge<T>(sources: AsyncIterator<T>[]): AsyncGenerator<T> {
	const waiting = new Map(sources.map((source, i) => [i, source.next().then((item) => ({ i, item }))]));
	while (waiting.size) {
		const { i, item } = await Promise.race(waiting.values());
		if (item.done) {
			waiting.delete(i);
			continue;
		}
		waiting.set(i, sources[i].next().then((next) => ({ i, item: next })));
		yield item.value;
	}
}

const INSERT = `INSERT INTO hits (lead_id, id_hash, rule_id, rule_version, window_key, hit_date, grade, label, reason, facts, source)
	SELECT n.lead_id, n.id_hash, n.rule_id, n.rule_version, n.window_key, n.hit_date, n.grade, n.label, n.reason, n.facts::jsonb, n.source
	FROM %SOURCE%
	WHERE EXISTS (SELECT 1 FROM leads l WHERE l.lead_id = n.lead_id)
	  AND NOT EXISTS (
	    SELECT 1 FROM hits h
	    WHERE h.id_hash = n.id_hash AND h.rule_id = n.rule_id
	      AND h.hit_date > n.hit_date - n.cooldown AND h.hit_date < n.hit_date + n.cooldown)
	ON CONFLICT (id_hash, rule_id, window_key) DO NOTHING
	RETURNING hit_id, id_hash, rule_id`;

async function insertHitsJson(store: Store, candidates: readonly Candidate[]): Promise<NewHit[]> {
	const records = candidates.map(({ hit, cooldown }) => ({
		lead_id: hit.leadId,
		id_hash: hit.idHash,
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
	const source = `jsonb_to_recordset($1::jsonb) AS n(lead_id text, id_hash text, rule_id text, rule_version integer, window_key text,
		hit_date date, grade text, label text, reason text, facts jsonb, source text, cooldown integer)`;
	return insertWith(store, candidates, INSERT.replace('%SOURCE%', source), [JSON.stringify(records)]);
}

async function insertHitsArrays(store: Store, candidates: readonly Candidate[]): Promise<NewHit[]> {
	const column = <T>(pick: (c: Candidate) => T) => candidates.map(pick);
	const source = `unnest($1::text[], $2::text[], $3::text[], $4::integer[], $5::text[], $6::date[], $7::text[], $8::text[],
		$9::text[], $10::text[], $11::text[], $12::integer[])
		AS n(lead_id, id_hash, rule_id, rule_version, window_key, hit_date, grade, label, reason, facts, source, cooldown)`;
	return insertWith(store, candidates, INSERT.replace('%SOURCE%', source), [
		column((c) => c.hit.leadId),
		column((c) => c.hit.idHash),
		column((c) => c.hit.ruleId),
		column((c) => c.hit.ruleVersion),
		column((c) => c.hit.windowKey),
		column((c) => c.hit.hitDate),
		column((c) => c.hit.grade),
		column((c) => c.hit.label),
		column((c) => c.hit.reason),
		column((c) => JSON.stringify(c.hit.facts)),
		column((c) => c.hit.source),
		column((c) => c.cooldown),
	]);
}

async function insertWith(store: Store, candidates: readonly Candidate[], sql: string, params: unknown[]): Promise<NewHit[]> {
	const ruleIds = [...new Set(candidates.map((c) => c.hit.ruleId))].sort();
	const inserted = await store.transaction(async (tx) => {
		await tx.query(`SELECT pg_advisory_xact_lock(hashtext('lead_monitor:hits:' || r)) FROM unnest($1::text[]) AS r ORDER BY r`, [ruleIds]);
		return tx.query<{ hit_id: number | string; id_hash: string; rule_id: string }>(sql, params);
	});
	const byKey = new Map(candidates.map((c) => [`${c.hit.idHash}\u0000${c.hit.ruleId}`, c.hit]));
	return inserted.rows.map((row) => ({ hitId: Number(row.hit_id), ...byKey.get(`${row.id_hash}\u0000${row.rule_id}`)! }));
}
