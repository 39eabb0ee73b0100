import type { Queryable } from '../store';

/**
 * The grade a hit is pushed by, as SQL over `h` (hits): the lead's fit letter A–D once the lead
 * is scored, else the grade the hit's rule gave it. Push tiers select hits by it, Push Gate's
 * channel "by grade" reads it and hit items carry it as `grade`, so a hit has one grade from the
 * tier's selection to the send. Stored on the hit (`push_grade`, migration 029), so that an
 * index holds it: the board sorts and filters by it.
 */
export const PUSH_GRADE_SQL = 'h.push_grade';

/**
 * Sets the push grade of the hits of the leads whose fit letter changed in the scoring run of
 * `scoredOn` (lead_score_totals' fit_since), in that run's transaction. A hit takes its lead's
 * fit when written (migration 029's trigger); one written while the run is under way reads the
 * totals from before it, so the run first waits for such writes to end and holds new ones off
 * until it commits (a SHARE lock on hits, for this step only: it is the run's last).
 */
export async function setRunPushGrades(tx: Queryable, scoredOn: string): Promise<void> {
	await tx.query('LOCK TABLE hits IN SHARE MODE');
	await tx.query(
		`UPDATE hits h SET push_grade = coalesce(t.fit, h.grade) FROM lead_score_totals t
		 WHERE t.fit_since = $1::date AND t.lead_id = h.lead_id AND h.push_grade IS DISTINCT FROM coalesce(t.fit, h.grade)`,
		[scoredOn],
	);
}
