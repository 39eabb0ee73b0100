import type { Queryable } from '../store';
import { bandCaseSql } from './grades';
import type { ScoringModel } from './ScoringModel';

/**
 * Writes each lead's score from its ledger: static = the sum of its static entries, dynamic =
 * the sum of its dynamic entries, score = both (so the ledger adds up to the score by
 * construction), grade from the bands. A lead with no entries scores 0. Rows are written only
 * when something changed; `grade_since` / `fit_since` move when the grade / letter does.
 */
export async function writeLeadScores(tx: Queryable, model: ScoringModel, scoredOn: string, modelVersion: number | null): Promise<void> {
	const params: unknown[] = [scoredOn, modelVersion, model.threshold];
	const fit = bandCaseSql(model.grades.fit, 's.static_score', params);
	const engagement = bandCaseSql(model.grades.engagement, 's.dynamic_score', params);
	await tx.query(
		`INSERT INTO lead_scores AS c (lead_id, model_version, static_score, dynamic_score, score, fit, engagement, grade, mature,
			first_mature_on, grade_since, fit_since, updated_at)
		 SELECT lead_id, $2::int, static_score, dynamic_score, static_score + dynamic_score, fit, engagement, fit || engagement,
			static_score + dynamic_score >= $3::numeric, CASE WHEN static_score + dynamic_score >= $3::numeric THEN $1::date END, $1::date, $1::date, now()
		 FROM (
			SELECT s.lead_id, s.static_score, s.dynamic_score, ${fit} AS fit, ${engagement} AS engagement
			FROM (
				SELECT l.lead_id, coalesce(e.static_score, 0) AS static_score, coalesce(e.dynamic_score, 0) AS dynamic_score
				FROM leads l LEFT JOIN (
					SELECT lead_id, coalesce(sum(points) FILTER (WHERE part = 'static'), 0) AS static_score,
						coalesce(sum(points) FILTER (WHERE part = 'dynamic'), 0) AS dynamic_score
					FROM lead_score_entries GROUP BY lead_id
				) AS e ON e.lead_id = l.lead_id
			) AS s
		 ) AS graded
		 ON CONFLICT (lead_id) DO UPDATE SET
			model_version = EXCLUDED.model_version,
			static_score = EXCLUDED.static_score,
			dynamic_score = EXCLUDED.dynamic_score,
			score = EXCLUDED.score,
			fit = EXCLUDED.fit,
			engagement = EXCLUDED.engagement,
			grade = EXCLUDED.grade,
			mature = EXCLUDED.mature,
			first_mature_on = coalesce(c.first_mature_on, EXCLUDED.first_mature_on),
			grade_since = CASE WHEN c.grade = EXCLUDED.grade THEN c.grade_since ELSE EXCLUDED.grade_since END,
			fit_since = CASE WHEN c.fit = EXCLUDED.fit THEN c.fit_since ELSE EXCLUDED.fit_since END,
			updated_at = now()
		 WHERE (c.static_score, c.dynamic_score, c.mature, c.grade, c.model_version)
			IS DISTINCT FROM (EXCLUDED.static_score, EXCLUDED.dynamic_score, EXCLUDED.mature, EXCLUDED.grade, EXCLUDED.model_version)`,
		params,
	);
}

export interface LeadScore {
	leadId: string;
	score: number;
	staticScore: number;
	dynamicScore: number;
	grade: string;
	fit: string;
	engagement: number;
	mature: boolean;
	firstMatureOn: string | null;
	gradeSince: string;
	modelVersion: number | null;
}

interface LeadScoreRow {
	lead_id: string;
	score: string;
	static_score: string;
	dynamic_score: string;
	grade: string;
	fit: string;
	engagement: number;
	mature: boolean;
	first_mature_on: string | null;
	grade_since: string;
	model_version: number | null;
}

export const LEAD_SCORE_COLUMNS = `lead_id, score, static_score, dynamic_score, grade, fit, engagement, mature,
	to_char(first_mature_on, 'YYYY-MM-DD') AS first_mature_on, to_char(grade_since, 'YYYY-MM-DD') AS grade_since, model_version`;

export function toLeadScore(row: LeadScoreRow): LeadScore {
	return {
		leadId: row.lead_id,
		score: Number(row.score),
		staticScore: Number(row.static_score),
		dynamicScore: Number(row.dynamic_score),
		grade: row.grade,
		fit: row.fit,
		engagement: Number(row.engagement),
		mature: row.mature,
		firstMatureOn: row.first_mature_on,
		gradeSince: row.grade_since,
		modelVersion: row.model_version,
	};
}

export async function leadScore(db: Queryable, leadId: string): Promise<LeadScore | undefined> {
	const result = await db.query<LeadScoreRow>(`SELECT ${LEAD_SCORE_COLUMNS} FROM lead_scores WHERE lead_id = $1`, [leadId]);
	return result.rows[0] && toLeadScore(result.rows[0]);
}
