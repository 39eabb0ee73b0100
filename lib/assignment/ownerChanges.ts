import { addAlerts, type NewAlert } from '../alerts';
import type { Queryable } from '../store';

export const OWNER_CHANGE_KINDS = ['assign', 'existingOwner', 'change', 'reassignDeactivated'] as const;
export type OwnerChangeKind = (typeof OWNER_CHANGE_KINDS)[number];

export const OWNER_CHANGE_LABELS: Readonly<Record<OwnerChangeKind, { zh: string; en: string }>> = {
	assign: { zh: '按规则分配', en: 'Assigned by the rules' },
	existingOwner: { zh: '交给已有负责人', en: 'Handed to the existing owner' },
	change: { zh: '变更负责人', en: 'Owner changed' },
	reassignDeactivated: { zh: '原负责人已停用，重新分配', en: 'Reassigned: the owner left' },
};

/** One move of a lead to an owner, with who decided and why. */
export interface OwnerMove {
	leadId: string;
	toOwner: string;
	branch: string | null;
	kind: OwnerChangeKind;
	actor: string;
	reason: string;
	/** The local day it counts against the owner's daily capacity. */
	day: string;
	/** Tell the previous owner (a change they can still see). */
	notifyPrevious: boolean;
}

interface LeadFacts {
	lead_id: string;
	previous: string | null;
	name_masked: string | null;
	phone_masked: string | null;
	grade: string | null;
	score: string | null;
}

/**
 * Writes moves: the lead's owner (lead_owners), one row per move in lead_owner_changes, and
 * the alerts — `assigned` for the new owner, `ownerChanged` for the previous one when asked.
 * Returns the change ids in the order of `moves`.
 */
export async function recordOwnerMoves(tx: Queryable, moves: readonly OwnerMove[]): Promise<number[]> {
	if (moves.length === 0) return [];
	const leadIds = moves.map((m) => m.leadId);
	const facts = await tx.query<LeadFacts>(
		`SELECT l.lead_id, o.owner AS previous, l.name_masked, l.phone_masked, s.grade, s.score::text AS score
		 FROM leads l LEFT JOIN lead_owners o ON o.lead_id = l.lead_id LEFT JOIN lead_scores s ON s.lead_id = l.lead_id
		 WHERE l.lead_id = ANY($1::text[])`,
		[leadIds],
	);
	const factsOf = new Map(facts.rows.map((row) => [row.lead_id, row]));
	await tx.query(
		`INSERT INTO lead_owners (lead_id, owner, branch, assigned_on)
		 SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::date[])
		 ON CONFLICT (lead_id) DO UPDATE SET owner = EXCLUDED.owner, branch = EXCLUDED.branch, assigned_on = EXCLUDED.assigned_on, assigned_at = now()`,
		[leadIds, moves.map((m) => m.toOwner), moves.map((m) => m.branch), moves.map((m) => m.day)],
	);
	const changes = await tx.query<{ change_id: string }>(
		`INSERT INTO lead_owner_changes (lead_id, from_owner, to_owner, kind, actor, reason)
		 SELECT lead_id, from_owner, to_owner, kind, actor, reason
		 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS m(lead_id, from_owner, to_owner, kind, actor, reason, n)
		 ORDER BY n
		 RETURNING change_id`,
		[leadIds, moves.map((m) => factsOf.get(m.leadId)?.previous ?? null), moves.map((m) => m.toOwner), moves.map((m) => m.kind), moves.map((m) => m.actor), moves.map((m) => m.reason)],
	);
	const ids = changes.rows.map((row) => Number(row.change_id)).sort((a, b) => a - b);
	const alerts: NewAlert[] = moves.flatMap((move, index) => {
		const lead = factsOf.get(move.leadId);
		const payload = {
			leadId: move.leadId,
			name: lead?.name_masked ?? null,
			phone: lead?.phone_masked ?? null,
			grade: lead?.grade ?? null,
			score: lead?.score === null || lead?.score === undefined ? null : Number(lead.score),
			reason: `${OWNER_CHANGE_LABELS[move.kind].zh}：${move.reason}`,
		};
		const own: NewAlert = { key: `assigned:${ids[index]}`, kind: 'assigned', recipient: move.toOwner, leadId: move.leadId, payload };
		const previous = lead?.previous;
		if (!move.notifyPrevious || !previous || previous === move.toOwner) return [own];
		return [own, { key: `ownerChanged:${ids[index]}`, kind: 'ownerChanged', recipient: previous, leadId: move.leadId, payload: { ...payload, reason: `已转交 ${move.toOwner}：${move.reason}` } }];
	});
	await addAlerts(tx, alerts);
	return ids;
}

export interface OwnerChange {
	changeId: number;
	leadId: string;
	fromOwner: string | null;
	toOwner: string;
	kind: OwnerChangeKind;
	kindLabel: string;
	actor: string;
	reason: string;
	at: string;
}

/** A lead's owner history, newest first. */
export async function ownerHistory(db: Queryable, leadId: string): Promise<OwnerChange[]> {
	const result = await db.query<{ change_id: string; lead_id: string; from_owner: string | null; to_owner: string; kind: OwnerChangeKind; actor: string; reason: string; at: Date }>(
		'SELECT change_id, lead_id, from_owner, to_owner, kind, actor, reason, at FROM lead_owner_changes WHERE lead_id = $1 ORDER BY change_id DESC',
		[leadId],
	);
	return result.rows.map((row) => ({
		changeId: Number(row.change_id),
		leadId: row.lead_id,
		fromOwner: row.from_owner,
		toOwner: row.to_owner,
		kind: row.kind,
		kindLabel: OWNER_CHANGE_LABELS[row.kind].zh,
		actor: row.actor,
		reason: row.reason,
		at: new Date(row.at).toISOString(),
	}));
}
