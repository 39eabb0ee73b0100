import { addAlerts } from '../alerts';
import type { Queryable } from '../store';

/**
 * One alert per lead that became grade A (fit letter A) on `day`, for its owner. A lead with
 * no owner yet gets its grade-A alert when the day's assignment gives it one (run this after
 * assigning). The key (`gradeA:<lead>:<day>`) makes a re-run add nothing.
 */
export async function alertNewGradeA(db: Queryable, day: string): Promise<number> {
	const leads = await db.query<{ lead_id: string; owner: string; name_masked: string | null; phone_masked: string | null; grade: string; score: string }>(
		`SELECT s.lead_id, o.owner, l.name_masked, l.phone_masked, s.grade, s.score::text AS score
		 FROM lead_scores s JOIN leads l ON l.lead_id = s.lead_id JOIN lead_owners o ON o.lead_id = s.lead_id
		 JOIN staff_accounts a ON a.username = o.owner AND NOT a.disabled
		 WHERE s.fit = 'A' AND s.fit_since = $1::date`,
		[day],
	);
	return addAlerts(
		db,
		leads.rows.map((row) => ({
			key: `gradeA:${row.lead_id}:${day}`,
			kind: 'gradeA' as const,
			recipient: row.owner,
			leadId: row.lead_id,
			payload: { leadId: row.lead_id, name: row.name_masked, phone: row.phone_masked, grade: row.grade, score: Number(row.score), reason: `${day} 新晋 A 级线索` },
		})),
	);
}
