import type { Store } from '../store';
import {
	assertValidRuleSet,
	buildAggregateQuery,
	fillTemplate,
	referenceOutcomes,
	templateSources,
	type AggregateRow,
	type ConditionJson,
	type RuleSet,
} from '../rules';

/**
 * "Explain one lead": every rule of the set on this lead's facts, with each condition's
 * fact value and result, computed by json-rules-engine itself (the reference) on the
 * same aggregate the evaluation uses, restricted to the lead's ID hash.
 */
export interface LeadExplanation {
	leadId: string;
	idHash: string;
	windowEnd: string;
	/** The aggregate row: the lead's fact values by column. */
	facts: AggregateRow;
	rules: RuleExplanation[];
}

export interface RuleExplanation {
	ruleId: string;
	label: string;
	grade: string;
	result: boolean;
	/** The filled reason, when the rule matches. */
	reason?: string;
	conditions?: ConditionJson;
	/** Why the rule could not be evaluated for this lead. */
	error?: string;
}

export interface ExplainLeadOptions {
	asOf?: Date;
	timeZone?: string;
	windowEnd?: string;
}

export async function explainLead(
	store: Store,
	input: RuleSet,
	lead: { leadId: string } | { idHash: string },
	options: ExplainLeadOptions,
): Promise<LeadExplanation> {
	const ruleSet = assertValidRuleSet(input);
	const found = await store.query<{ lead_id: string; id_hash: string | null; keyed: boolean }>(
		'leadId' in lead
			? 'SELECT lead_id, id_hash, id_key IS NOT NULL AS keyed FROM leads WHERE lead_id = $1'
			: 'SELECT lead_id, id_hash, id_key IS NOT NULL AS keyed FROM leads WHERE id_hash = $1 ORDER BY created_at, lead_id LIMIT 1',
		['leadId' in lead ? lead.leadId : lead.idHash],
	);
	const row = found.rows[0];
	if (!row) throw new Error('leadId' in lead ? `No lead "${lead.leadId}" on the roster` : 'No lead with this ID hash on the roster');
	if (!row.id_hash) throw new Error(`Lead "${row.lead_id}" has no ID number, so it is not monitored`);
	if (!row.keyed) throw new Error(`Lead "${row.lead_id}" has an ID hash that is not a keyed hash (v1:…), so it is not monitored`);

	const query = buildAggregateQuery(ruleSet, { ...options, idHashes: [row.id_hash], includeInactive: true });
	const [facts] = (await store.query<AggregateRow>(query.sql, query.params)).rows;
	const outcomes = await referenceOutcomes(ruleSet, facts, { factKey: query.factKey });
	const rules = ruleSet.rules.map((rule, i): RuleExplanation => {
		const outcome = outcomes[i];
		const base = { ruleId: rule.name, label: rule.event.params.label, grade: rule.event.params.grade };
		if (outcome.error || !outcome.result) return { ...base, result: false, error: outcome.error?.message ?? 'not evaluated' };
		const explained: RuleExplanation = { ...base, result: outcome.result.result, conditions: outcome.result.conditions };
		if (outcome.result.result) explained.reason = fillTemplate(rule.event.params.reason, templateSources(outcome.result.conditions));
		return explained;
	});
	return { leadId: row.lead_id, idHash: row.id_hash, windowEnd: query.windowEnd, facts, rules };
}
