import type { Queryable } from '../store';
import { AssignmentError } from './ownerSettings';

/**
 * Links a duplicate lead to its source lead (归集到源头线索), the seed's first duplicate
 * action. Assignment then hands the duplicate to the source lead's owner. Linking again moves
 * the link; a lead cannot be its own source, and a source is never itself a duplicate.
 */
export async function linkToSourceLead(db: Queryable, input: { leadId: string; sourceLeadId: string; actor: string }): Promise<void> {
	if (input.leadId === input.sourceLeadId) throw new AssignmentError('sourceLeadId', '线索不能关联到自身 (a lead cannot be its own source)');
	const found = await db.query<{ lead_id: string; linked: boolean }>(
		`SELECT l.lead_id, EXISTS (SELECT 1 FROM lead_links k WHERE k.lead_id = l.lead_id) AS linked FROM leads l WHERE l.lead_id = ANY($1::text[])`,
		[[input.leadId, input.sourceLeadId]],
	);
	for (const [field, id] of [['leadId', input.leadId], ['sourceLeadId', input.sourceLeadId]] as const) {
		if (!found.rows.some((row) => row.lead_id === id)) throw new AssignmentError(field, `线索 ${id} 不存在 (lead not found)`, 'leadNotFound');
	}
	if (found.rows.find((row) => row.lead_id === input.sourceLeadId)?.linked) {
		throw new AssignmentError('sourceLeadId', `线索 ${input.sourceLeadId} 本身是重复线索，请关联到它的源头线索 (the source is itself a duplicate)`);
	}
	await db.query(
		`INSERT INTO lead_links (lead_id, source_lead_id, linked_by) VALUES ($1, $2, $3)
		 ON CONFLICT (lead_id) DO UPDATE SET source_lead_id = EXCLUDED.source_lead_id, linked_by = EXCLUDED.linked_by, linked_at = now()`,
		[input.leadId, input.sourceLeadId, input.actor],
	);
}
