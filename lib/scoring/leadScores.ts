import type { Queryable } from '../store';
import { REBUILT_EVENT_SUMS } from './eventEntries';
import { gatherFreshStatistics } from './freshStatistics';
import { bandCaseSql } from './grades';
import { CHANGED_LEADS, CHANGED_SUMS, GROUP_SUMS } from './ledgerChanges';
import type { ScoringModel } from './ScoringModel';
import { LATEST_RUN_CTE, scoresAsOfLatestRun } from './scoreRuns';
import { PROFILE_SUMS } from './staticEntries';

/** How far rounding can put the shown scores off their exact values (four groups rounded at both ends, and the reach itself). */
const ROUNDING_MARGIN = 0.1;

/**
 * Writes each lead's totals and grade as of `scoredOn`, in one statement (the run's row in
 * score_runs is written first: its scale and caps are what lead_score_values computes with,
 * by the same function as here, lead_score_group_values). The sums: on a rebuild, every
 * lead's read once from the rebuilt ledger (0 for a lead with no entry; a rebuild writes a lead
 * one profile row and one event row at most); adding days, the totals plus what the run added
 * and took (ledgerChanges) for the leads it changed, and unchanged for those
 * whose `regrade_on` has come — no other lead is read. Then the fit letter from the static
 * score, the engagement digit from the dynamic score, maturity from the total; each row is
 * written once (not the sums and then the grade), and only when its values change;
 * `grade_since` / `fit_since` move when the grade / letter does, `first_mature_on` is kept.
 *
 * `regrade_on`: with a half-life, decay moves a lead's dynamic score by at most
 * (1 − 2^(−Δ/h))·Σ|group points today| in Δ days (a capped group moves no more than its
 * uncapped worth would), so its grade and maturity cannot change before that reaches the
 * distance to the nearest band edge or the 及格线; the lead is read again on that day, not
 * every day. A window does not decay: never.
 */
export async function writeLeadScores(tx: Queryable, model: ScoringModel, scoredOn: string, modelVersion: number | null, rebuilding: boolean): Promise<void> {
	const params: unknown[] = [scoredOn, modelVersion, model.threshold];
	const grading = gradingSql(model, params);
	const groups = ['profile', 'events', 'hits', 'outcomes', 'negative'];
	const sums = rebuilding
		? `SELECT l.lead_id, coalesce(p.profile, 0) AS profile, coalesce(v.events, 0) AS events, ${['hits', 'outcomes', 'negative'].map((g) => `coalesce(x.${g}, 0) AS ${g}`).join(', ')}
			FROM leads l
			LEFT JOIN (${PROFILE_SUMS}) AS p ON p.lead_id = l.lead_id
			LEFT JOIN (${REBUILT_EVENT_SUMS}) AS v ON v.lead_id = l.lead_id
			LEFT JOIN (SELECT lead_id, ${GROUP_SUMS} FROM lead_score_entries GROUP BY lead_id) AS x ON x.lead_id = l.lead_id`
		: `SELECT c.lead_id, ${groups.map((g) => `coalesce(t.${g}, 0) + c.${g} AS ${g}`).join(', ')}
			FROM (${CHANGED_SUMS}) AS c LEFT JOIN lead_score_totals t ON t.lead_id = c.lead_id
			UNION ALL
			SELECT t.lead_id, ${groups.map((g) => `t.${g}`).join(', ')} FROM lead_score_totals t
			WHERE t.regrade_on <= $1::date AND NOT EXISTS (SELECT 1 FROM (${CHANGED_LEADS}) AS c WHERE c.lead_id = t.lead_id)`;
	const columns = 'model_version, profile, events, hits, outcomes, negative, fit, engagement, grade, mature, regrade_on';
	// Into an empty table (the first run) the rows go in plainly: no conflict to look for, which
	// cost 1.8 s of 4.8 s writing 1 M rows.
	const empty = rebuilding && (await tx.query<{ empty: boolean }>('SELECT NOT EXISTS (SELECT 1 FROM lead_score_totals) AS empty')).rows[0].empty;
	const onConflict = empty
		? ''
		: `ON CONFLICT (lead_id) DO UPDATE SET
			model_version = EXCLUDED.model_version, profile = EXCLUDED.profile, events = EXCLUDED.events, hits = EXCLUDED.hits,
			outcomes = EXCLUDED.outcomes, negative = EXCLUDED.negative, fit = EXCLUDED.fit, engagement = EXCLUDED.engagement,
			grade = EXCLUDED.grade, mature = EXCLUDED.mature, regrade_on = EXCLUDED.regrade_on,
			fit_since = CASE WHEN t.fit IS NOT DISTINCT FROM EXCLUDED.fit THEN t.fit_since ELSE EXCLUDED.fit_since END,
			grade_since = CASE WHEN t.grade IS NOT DISTINCT FROM EXCLUDED.grade THEN t.grade_since ELSE EXCLUDED.grade_since END,
			first_mature_on = coalesce(t.first_mature_on, EXCLUDED.first_mature_on), updated_at = now()
		 WHERE (t.${columns.split(', ').join(', t.')}) IS DISTINCT FROM (EXCLUDED.${columns.split(', ').join(', EXCLUDED.')})`;
	// Each step is a subquery kept whole (OFFSET 0: not merged into the next, whose every use of a
	// score would compute it again) and streamed, not materialised (at 1 M leads, three
	// materialised steps spilled about 1 GB to disk).
	await tx.query(
		`WITH ${LATEST_RUN_CTE}, sums AS (
			SELECT * FROM (${sums}) AS u OFFSET 0
		 ), s AS (
			SELECT x.*, p.static_score, p.dynamic_score, p.dynamic_reach AS reach
			FROM sums x
			CROSS JOIN run
			CROSS JOIN LATERAL ${scoresAsOfLatestRun('x')} AS p
			OFFSET 0
		 ), ${grading}
		 INSERT INTO lead_score_totals AS t (lead_id, ${columns}, fit_since, grade_since, first_mature_on)
		 SELECT g.lead_id, $2::int, g.profile, g.events, g.hits, g.outcomes, g.negative, g.fit, g.engagement, g.fit || g.engagement, g.mature, g.regrade_on,
			$1::date, $1::date, CASE WHEN g.mature THEN $1::date END
		 FROM g
		 ${onConflict}`,
		params,
	);
	// A table that was empty has no statistics: the board's query for the leads arrived since the
	// run, planned on none, took 4.2 s at p95 at 1 M leads (22 ms with them).
	if (empty) await gatherFreshStatistics(tx, ['lead_score_totals']);
}

/**
 * The grading steps after a CTE `s` (lead_id, static_score, dynamic_score, reach, …): `r` adds
 * the room to the nearest edge, `g` the fit letter, engagement digit, maturity and regrade day.
 */
function gradingSql(model: ScoringModel, params: unknown[]): string {
	const fit = bandCaseSql(model.grades.fit, 's.static_score', params);
	const engagement = bandCaseSql(model.grades.engagement, 's.dynamic_score', params);
	const { room, regradeOn } = regradeOnSql(model, params);
	return `r AS (
			SELECT s.*, ${room} AS room FROM s OFFSET 0
		 ), g AS (
			SELECT s.*, ${fit} AS fit, (${engagement})::smallint AS engagement, s.static_score + s.dynamic_score >= $3::numeric AS mature,
				${regradeOn} AS regrade_on
			FROM r AS s
			OFFSET 0
		 )`;
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
