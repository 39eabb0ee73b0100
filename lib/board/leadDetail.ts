import { leadVisibilitySql, ownerHistory, viewerBranch, type LeadViewer, type OwnerChange } from '../assignment';
import { HIT_COLUMNS, toPublicHit, type HitRow, type PublicHit } from '../hits';
import { leadContacts, type LeadContact } from '../ledger';
import { explainScore, type ScoreExplanation, type ScoringModel } from '../scoring';
import type { Queryable } from '../store';
import { DomainError } from '../errors';

/** The board's lead drawer: the score and its ledger, the hits with their why, contact history and owner history. */
export interface LeadDetail {
	leadId: string;
	name: string | null;
	phone: string | null;
	source: string | null;
	/** Null: not scored yet. */
	score: ScoreExplanation | null;
	hits: PublicHit[];
	contacts: LeadContact[];
	owners: OwnerChange[];
}

/** A lead the viewer may see, in full (masked); another lead is answered as not found. */
export async function loadLeadDetail(db: Queryable, viewer: LeadViewer, model: ScoringModel, leadId: string): Promise<LeadDetail> {
	const params: unknown[] = [leadId];
	const visible = leadVisibilitySql(viewer, params, await viewerBranch(db, viewer));
	const lead = await db.query<{ lead_id: string; name_masked: string | null; phone_masked: string | null; source_channel: string | null; scored: boolean }>(
		`SELECT l.lead_id, l.name_masked, l.phone_masked, l.source_channel, EXISTS (SELECT 1 FROM lead_score_totals s WHERE s.lead_id = l.lead_id) AS scored
		 FROM leads l LEFT JOIN lead_owners lo ON lo.lead_id = l.lead_id WHERE l.lead_id = $1 AND ${visible}`,
		params,
	);
	const row = lead.rows[0];
	if (!row) throw new DomainError('notFound', `线索 ${leadId} 不存在或无权查看 (lead not found)`, 'leadId');
	const hits = await db.query<HitRow>(
		`SELECT ${HIT_COLUMNS} FROM hits h JOIN leads l ON l.lead_id = h.lead_id WHERE h.lead_id = $1 ORDER BY h.hit_date DESC, h.hit_id DESC`,
		[leadId],
	);
	return {
		leadId,
		name: row.name_masked,
		phone: row.phone_masked,
		source: row.source_channel,
		score: row.scored ? await explainScore(db, model, leadId) : null,
		hits: hits.rows.map(toPublicHit),
		contacts: await leadContacts(db, leadId),
		owners: await ownerHistory(db, leadId),
	};
}
