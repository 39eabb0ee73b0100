import type { Store } from '../store';

/** A hit the monitor found, not stored yet; `hitId` is set once it is. */
export interface HitCandidate {
	hit: {
		hitId: number;
		leadId: string;
		ruleId: string;
		ruleVersion: number;
		windowKey: string;
		/** The window's last day, YYYY-MM-DD. */
		hitDate: string;
		grade: string | null;
		label: string | null;
		reason: string | null;
		facts: unknown;
		source: string | null;
		/** The institution whose call events made the hit (the ROI report's dimension). */
		institution?: string | null;
	};
	idHash: string;
	/** Days either side of the hit date in which an earlier hit of the same ID hash and rule makes this one a repeat. */
	cooldown: number;
	/** Held out (对照组) by the rule's control share: stored as a hit, never pushed. */
	controlGroup?: boolean;
}

/**
 * Stores the candidates that are new: not a hit of the same ID hash, rule and window
 * already, not within the rule's cooldown of one, and of a lead still on the roster.
 * Returns the stored ones, each with its `hitId` set.
 */
export async function insertNewHits<C extends HitCandidate>(store: Pick<Store, 'transaction'>, candidates: readonly C[]): Promise<C['hit'][]> {
	// One jsonb parameter rather than twelve arrays: pg serialises arrays element by element in
	// JavaScript, and PostgreSQL then plans the cooldown check as index probes into hits.
	const records = [...candidates].sort(byDateRuleLead).map(({ hit, idHash, cooldown, controlGroup }) => ({
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
		institution: hit.institution ?? null,
		cooldown,
		control_group: controlGroup ?? false,
	}));
	const ruleIds = [...new Set(records.map((r) => r.rule_id))].sort();
	const inserted = await store.transaction(async (tx) => {
		// Two evaluations of different days at once must not both pass the cooldown check.
		await tx.query(
			`SELECT pg_advisory_xact_lock(hashtext('lead_monitor:hits:' || r)) FROM unnest($1::text[]) AS r ORDER BY r`,
			[ruleIds],
		);
		return tx.query<{ hit_id: number | string; lead_id: string; rule_id: string }>(
			`INSERT INTO hits (lead_id, id_hash, rule_id, rule_version, window_key, hit_date, grade, label, reason, facts, source, institution, control_group)
			 SELECT n.lead_id, n.id_hash, n.rule_id, n.rule_version, n.window_key, n.hit_date, n.grade, n.label, n.reason,
			        n.facts, n.source, n.institution, n.control_group
			 FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (lead_id text, id_hash text, rule_id text, rule_version integer,
			      window_key text, hit_date date, grade text, label text, reason text, facts jsonb, source text, institution text,
			      cooldown integer, control_group boolean)) WITH ORDINALITY AS n(lead_id, id_hash, rule_id, rule_version, window_key,
			      hit_date, grade, label, reason, facts, source, institution, cooldown, control_group, position)
			 WHERE EXISTS (SELECT 1 FROM leads l WHERE l.lead_id = n.lead_id)
			   AND NOT EXISTS (
			     SELECT 1 FROM hits h
			     WHERE h.id_hash = n.id_hash AND h.rule_id = n.rule_id
			       AND h.hit_date > n.hit_date - n.cooldown AND h.hit_date < n.hit_date + n.cooldown)
			 ORDER BY n.position
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

/**
 * Hit ids follow the day, the rule and the lead, not the order the evaluation's aggregate
 * happened to return its rows in: the same call logs give the same ids on every store.
 */
function byDateRuleLead(a: HitCandidate, b: HitCandidate): number {
	return compare(a.hit.hitDate, b.hit.hitDate) || compare(a.hit.ruleId, b.hit.ruleId) || compare(a.hit.leadId, b.hit.leadId);
}

function compare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
