import { VISIBLE_BRANCH_SQL } from '../assignment/leadBranch';
import type { Queryable } from '../store';
import { gatherFreshStatistics } from './freshStatistics';
import { LATEST_RUN_CTE, scoresAsOfLatestRun } from './scoreRuns';

/**
 * A lead's owner (null: unassigned) and visible branch, from leads and lead_owners, for the
 * lead id of `alias`, read only when `when` holds. OFFSET 0 keeps it a subquery run per row:
 * flattened into the join, the run read every lead (1 M: 0.55 s) for the few it adds a day.
 */
const VISIBILITY_OF = (alias: string, when = 'true') => `(SELECT lo.owner, ${VISIBLE_BRANCH_SQL} AS branch
	FROM leads l LEFT JOIN lead_owners lo ON lo.lead_id = l.lead_id WHERE l.lead_id = ${alias}.lead_id AND ${when} OFFSET 0)`;

/**
 * Stores, at the end of a run, the score, fit, grade and maturity of every lead with a hit as
 * lead_scores shows them until the next run (migration 026): the board orders and counts them
 * through indexes instead of computing every lead's score per page. The leads whose first hit
 * arrived since the last run (lead_board_arrivals) are taken in the same statement, so in the
 * same snapshot as the hits read: a hit committed meanwhile leaves its lead an arrival.
 * A row is rewritten only when its values change (decay moves most leads with behaviour
 * points every day; a lead with profile points only keeps its row).
 * A row added carries its lead's owner and visible branch; the triggers of migration 027 keep
 * them right after, so a row kept is not rewritten for them. The lock makes an owner or branch
 * change committed meanwhile wait for this run's rows (its trigger would not see them).
 */
export async function writeBoardScores(tx: Queryable): Promise<void> {
	await tx.query(`SELECT pg_advisory_xact_lock(hashtext('lead_monitor.boardVisibility'))`);
	const empty = (await tx.query<{ empty: boolean }>('SELECT NOT EXISTS (SELECT 1 FROM lead_board_scores) AS empty')).rows[0].empty;
	// lead_scores' values, from the totals joined once (a hash join) rather than the view read per
	// lead (an index probe each): at 1 M leads / 50 k with a hit, 0.9–1.2 s against 1.2–2.5 s.
	await tx.query(
		`WITH arrived AS (
			DELETE FROM lead_board_arrivals RETURNING lead_id
		 ), ${LATEST_RUN_CTE}
		 INSERT INTO lead_board_scores AS b (lead_id, score, fit, grade, mature, owner, branch)
		 SELECT h.lead_id, v.static_score + v.dynamic_score, t.fit, t.grade, t.mature,
			w.owner, w.branch
		 FROM (SELECT DISTINCT lead_id FROM hits) AS h
		 LEFT JOIN lead_score_totals t ON t.lead_id = h.lead_id
		 CROSS JOIN run
		 LEFT JOIN LATERAL ${scoresAsOfLatestRun('t')} AS v ON t.lead_id IS NOT NULL
		 LEFT JOIN lead_board_scores kept ON kept.lead_id = h.lead_id
		 LEFT JOIN LATERAL ${VISIBILITY_OF('h', 'kept.lead_id IS NULL')} AS w ON true
		 ON CONFLICT (lead_id) DO UPDATE SET score = EXCLUDED.score, fit = EXCLUDED.fit, grade = EXCLUDED.grade, mature = EXCLUDED.mature
		 WHERE (b.score, b.fit, b.grade, b.mature) IS DISTINCT FROM (EXCLUDED.score, EXCLUDED.fit, EXCLUDED.grade, EXCLUDED.mature)`,
	);
	// The arrivals just emptied (planned as the 50 000 they were, the board hashed every stored
	// row for each page: p95 95 ms at 1 M leads, 19 ms after this) and, after a first run, the
	// stored rows.
	await gatherFreshStatistics(tx, empty ? ['lead_board_scores', 'lead_board_arrivals'] : ['lead_board_arrivals']);
}

/**
 * The board's leads — every lead with a hit — with their score, fit, grade and maturity as
 * of the latest run (null: not scored), their owner (null: unassigned) and the branch whose
 * staff see them (VISIBLE_BRANCH_SQL, as of now), as a FROM item: the stored rows, and the
 * leads whose first hit came after the run with their scores computed (lead_scores; a day's
 * arrivals). Its order (score DESC NULLS LAST, lead_id) has an index, and so have owner and
 * branch followed by that order.
 */
export const BOARD_LEAD_SCORES_SQL = `(SELECT lead_id, score, fit, grade, mature, owner, branch FROM lead_board_scores
	UNION ALL
	SELECT a.lead_id, v.score, v.fit, v.grade, v.mature, w.owner, w.branch FROM lead_board_arrivals a
	LEFT JOIN LATERAL (SELECT score, fit, grade, mature FROM lead_scores s WHERE s.lead_id = a.lead_id) AS v ON true
	LEFT JOIN LATERAL ${VISIBILITY_OF('a')} AS w ON true
	WHERE NOT EXISTS (SELECT 1 FROM lead_board_scores b WHERE b.lead_id = a.lead_id))`;
