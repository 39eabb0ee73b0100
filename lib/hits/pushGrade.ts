/**
 * The grade a hit is pushed by, as SQL over `h` (hits): the lead's fit letter A–D once the lead
 * is scored (its stored fit in lib/scoring's lead_score_totals: the lead_scores view would compute
 * every score of the lead per hit to read it), else the grade the hit's rule gave it. Push tiers select
 * hits by it, Push Gate's channel "by grade" reads it and hit items carry it as `grade`, so a
 * hit has one grade from the tier's selection to the send.
 */
export const PUSH_GRADE_SQL = 'coalesce((SELECT s.fit FROM lead_score_totals s WHERE s.lead_id = h.lead_id), h.grade)';
