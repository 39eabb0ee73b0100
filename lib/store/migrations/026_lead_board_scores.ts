import type { Migration } from './Migration';

/**
 * The board's scores, stored (issue 15, speed). The board (lib/board) lists the leads with a
 * hit, best score first; the score is computed on read (lead_scores, migration 015), so no
 * index could serve that order: at 1 M leads each page computed every lead's score (11 s).
 *
 * lib/scoring owns:
 * - lead_score_group_values(): a lead's static and dynamic score and its dynamic reach from
 *   its group sums, the run's scale and caps — the one definition of the formula, read by
 *   lead_score_values and by the run, which writes the totals and grades with it
 *   (lib/scoring/leadScores) and the board's scores (lib/scoring/boardScores). A SQL function
 *   the planner inlines: the plans show the expressions it replaces.
 * - lead_board_scores: the score, fit, grade and maturity as of the latest run (what
 *   lead_scores shows until the next run) of every lead that had a hit when that run ended;
 *   written by each run at its end, indexed for the board's order.
 * - lead_board_arrivals: the leads whose first hit came after that (the trigger below, in the
 *   hit's own transaction): the board reads their scores from lead_scores, and the next run
 *   moves them into lead_board_scores in the same statement that rewrites it (one snapshot:
 *   a lead is in one or the other, or briefly both — the board reads the stored row then).
 * A lead whose hits are deleted (with the lead, mostly) leaves both (triggers below).
 */
export const leadBoardScores: Migration = {
	version: 26,
	name: 'lead scoring: the board scores stored, one group points formula',
	sql: `
CREATE FUNCTION lead_score_group_values(profile numeric, events numeric, hits numeric, outcomes numeric, negative numeric,
		scale numeric, cap_profile numeric, cap_events numeric, cap_hits numeric, cap_outcomes numeric)
	RETURNS TABLE (static_score numeric, dynamic_score numeric, dynamic_reach numeric)
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	AS $$
	SELECT g.static_score, g.events_points + g.hits_points + g.outcomes_points + g.negative_points,
		abs(g.events_points) + abs(g.hits_points) + abs(g.outcomes_points) + abs(g.negative_points)
	FROM (SELECT lead_score_group_points(profile, 1, cap_profile) AS static_score,
		lead_score_group_points(events, scale, cap_events) AS events_points,
		lead_score_group_points(hits, scale, cap_hits) AS hits_points,
		lead_score_group_points(outcomes, scale, cap_outcomes) AS outcomes_points,
		lead_score_group_points(negative, scale, NULL) AS negative_points) AS g
$$;

CREATE OR REPLACE VIEW lead_score_values AS
SELECT t.lead_id, t.model_version, t.profile, t.events, t.hits, t.outcomes, t.negative, t.fit, t.engagement, t.grade, t.mature,
	t.first_mature_on, t.grade_since, t.fit_since, t.regrade_on, t.updated_at, r.decay_scale, v.static_score, v.dynamic_score, v.dynamic_reach
FROM lead_score_totals t
CROSS JOIN LATERAL (
	SELECT (SELECT decay_scale FROM score_runs ORDER BY scored_on DESC LIMIT 1) AS decay_scale,
		(SELECT cap_profile FROM score_runs ORDER BY scored_on DESC LIMIT 1) AS cap_profile,
		(SELECT cap_events FROM score_runs ORDER BY scored_on DESC LIMIT 1) AS cap_events,
		(SELECT cap_hits FROM score_runs ORDER BY scored_on DESC LIMIT 1) AS cap_hits,
		(SELECT cap_outcomes FROM score_runs ORDER BY scored_on DESC LIMIT 1) AS cap_outcomes
) AS r
CROSS JOIN LATERAL lead_score_group_values(t.profile, t.events, t.hits, t.outcomes, t.negative,
	r.decay_scale, r.cap_profile, r.cap_events, r.cap_hits, r.cap_outcomes) AS v;

CREATE TABLE lead_board_scores (
	lead_id  text PRIMARY KEY,
	score    numeric,
	fit      text,
	grade    text,
	mature   boolean
);
-- The board's order; its grade filters read along it (an index per grade and one per fit letter: p95
-- 48 ms with, 54 ms without at 100 k leads, load 2.7–2.9; each is rewritten for most rows daily: decay).
CREATE INDEX lead_board_scores_score_idx ON lead_board_scores (score DESC NULLS LAST, lead_id);

CREATE TABLE lead_board_arrivals (lead_id text PRIMARY KEY);

CREATE FUNCTION lead_board_note_arrivals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO lead_board_arrivals (lead_id)
	SELECT DISTINCT n.lead_id FROM new_hits n
	WHERE NOT EXISTS (SELECT 1 FROM lead_board_scores b WHERE b.lead_id = n.lead_id)
	ON CONFLICT (lead_id) DO NOTHING;
	RETURN NULL;
END $$;
CREATE TRIGGER hits_note_board_arrivals AFTER INSERT ON hits REFERENCING NEW TABLE AS new_hits
	FOR EACH STATEMENT EXECUTE FUNCTION lead_board_note_arrivals();

-- A lead whose last hit goes (its lead deleted, mostly) leaves the board.
CREATE FUNCTION lead_board_forget_gone_hits() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM lead_board_scores b USING (SELECT DISTINCT lead_id FROM old_hits) o
	WHERE b.lead_id = o.lead_id AND NOT EXISTS (SELECT 1 FROM hits h WHERE h.lead_id = o.lead_id);
	DELETE FROM lead_board_arrivals a USING (SELECT DISTINCT lead_id FROM old_hits) o
	WHERE a.lead_id = o.lead_id AND NOT EXISTS (SELECT 1 FROM hits h WHERE h.lead_id = o.lead_id);
	RETURN NULL;
END $$;
CREATE TRIGGER hits_forget_board_leads AFTER DELETE ON hits REFERENCING OLD TABLE AS old_hits
	FOR EACH STATEMENT EXECUTE FUNCTION lead_board_forget_gone_hits();
CREATE FUNCTION lead_board_forget_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM lead_board_scores;
	DELETE FROM lead_board_arrivals;
	RETURN NULL;
END $$;
CREATE TRIGGER hits_truncate_board AFTER TRUNCATE ON hits FOR EACH STATEMENT EXECUTE FUNCTION lead_board_forget_all();

-- The leads with a hit so far, as of the latest run (null: not scored).
INSERT INTO lead_board_scores (lead_id, score, fit, grade, mature)
SELECT h.lead_id, s.score, s.fit, s.grade, s.mature
FROM (SELECT DISTINCT lead_id FROM hits) AS h LEFT JOIN lead_scores s ON s.lead_id = h.lead_id;
`,
};
