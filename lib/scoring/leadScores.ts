import type { Queryable } from '../store';
import { bandCaseSql } from './grades';
import { CHANGED_LEADS } from './ledgerChanges';
import type { ScoringModel } from './ScoringModel';

/** How far rounding can put the shown scores off their exact values (four groups rounded at both ends, and the reach itself). */
const ROUNDING_MARGIN = 0.1;

/**
 * Grades the leads as of `scoredOn` (the run's row in score_runs is written first, so
 * lead_score_values computes their scores as of that day): the fit letter from the static
 * score, the engagement digit from the dynamic score, maturity from the total. Only the leads
 * that can have changed are read — those whose ledger this run changed and those whose
 * `regrade_on` has come (every lead when `everyLead`: a rebuild) — and only rows whose values
 * change are written; `grade_since` / `fit_since` move when the grade / letter does.
 *
 * `regrade_on`: with a half-life, decay moves a lead's dynamic score by at most
 * (1 − 2^(−Δ/h))·Σ|group points today| in Δ days (a capped group moves no more than its
 * uncapped worth would), so its grade and maturity cannot change before that reaches the
 * distance to the nearest band edge or the 及格线; the lead is read again on that day, not
 * every day. A window does not decay: never.
 */
export async function writeLeadScores(tx: Queryable, model: ScoringModel, scoredOn: string, modelVersion: number | null, everyLead: boolean): Promise<void> {
	const params: unknown[] = [scoredOn, modelVersion, model.threshold];
	const fit = bandCaseSql(model.grades.fit, 's.static_score', params);
	const engagement = bandCaseSql(model.grades.engagement, 's.dynamic_score', params);
	const { room, regradeOn } = regradeOnSql(model, params);
	const candidates = everyLead ? '' : `WHERE s.lead_id IN (${CHANGED_LEADS} UNION SELECT lead_id FROM lead_score_totals WHERE regrade_on <= $1::date)`;
	// Materialised steps: each score is computed once per lead, not once per use of it.
	await tx.query(
		`WITH s AS MATERIALIZED (
			SELECT s.lead_id, s.static_score, s.dynamic_score, s.dynamic_reach AS reach
			FROM lead_score_values s ${candidates}
		 ), r AS MATERIALIZED (
			SELECT s.*, ${room} AS room FROM s
		 ), g AS MATERIALIZED (
			SELECT s.lead_id, ${fit} AS fit, (${engagement})::smallint AS engagement, s.static_score + s.dynamic_score >= $3::numeric AS mature,
				${regradeOn} AS regrade_on
			FROM r AS s
		 )
		 UPDATE lead_score_totals t SET
			model_version = $2::int, fit = g.fit, engagement = g.engagement, grade = g.fit || g.engagement, mature = g.mature,
			fit_since = CASE WHEN t.fit IS NOT DISTINCT FROM g.fit THEN t.fit_since ELSE $1::date END,
			grade_since = CASE WHEN t.grade IS NOT DISTINCT FROM g.fit || g.engagement THEN t.grade_since ELSE $1::date END,
			first_mature_on = coalesce(t.first_mature_on, CASE WHEN g.mature THEN $1::date END),
			regrade_on = g.regrade_on, updated_at = now()
		 FROM g
		 WHERE g.lead_id = t.lead_id
			AND (t.model_version, t.fit, t.engagement, t.mature, t.regrade_on) IS DISTINCT FROM ($2::int, g.fit, g.engagement, g.mature, g.regrade_on)`,
		params,
	);
}

/** The distance to the nearest band edge or 及格线, less the rounding margin (room), and the day it may be crossed. */
function regradeOnSql(model: ScoringModel, params: unknown[]): { room: string; regradeOn: string } {
	if (model.decay.kind !== 'halfLife') return { room: 'NULL::numeric', regradeOn: 'NULL::date' };
	const edges = model.grades.engagement.filter((band) => band.min !== undefined).map((band) => {
		params.push(band.min);
		return `abs(s.dynamic_score - $${params.length}::numeric)`;
	});
	edges.push('abs(s.static_score + s.dynamic_score - $3::numeric)');
	params.push(ROUNDING_MARGIN, model.decay.days);
	const margin = `$${params.length - 1}::numeric`;
	const halfLife = `$${params.length}::float8`;
	return {
		room: `least(${edges.join(', ')}) - ${margin}`,
		regradeOn: `CASE WHEN s.reach = 0 THEN NULL::date WHEN s.room <= 0 THEN $1::date + 1 WHEN s.room >= s.reach THEN NULL::date
			ELSE $1::date + 1 + floor(-${halfLife} * ln(1 - (s.room / s.reach)::float8) / ln(2))::int END`,
	};
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
