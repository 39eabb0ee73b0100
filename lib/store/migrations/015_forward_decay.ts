import type { Migration } from './Migration';

/**
 * Lead scoring with forward decay (issue 15, speed): decay costs nothing per day.
 *
 * lib/scoring owns:
 * - lead_score_entries (013): the point ledger, now written once per source and never
 *   rewritten. `points` is the entry's forward points: `base_points` × 2^((day − epoch) / half-life)
 *   (× 1 with a window, and for profile entries), exact (numeric without a scale). An entry's
 *   worth on day t is `points` × the run's `decay_scale` (2^(−(t − epoch) / half-life)), the
 *   same factor for every entry and lead. Cap entries are no longer stored: the drawer adds
 *   them on read (lib/scoring/explainScore).
 * - lead_score_totals: per lead, the sum of its ledger's `points` per group (kept by adding
 *   what each run inserts and subtracting what it deletes), and its fit / grade / maturity as
 *   of the latest run, with the days they last changed. `regrade_on`: the first day decay
 *   alone could change the grade or maturity (null: never); a run regrades the leads whose
 *   ledger changed and those due, not every lead.
 * - lead_score_values / lead_scores: views, the score per lead as of the latest run: each
 *   group's forward sum × the run's scale, rounded to cents, capped (lead_score_group_points).
 *   lead_scores keeps the columns of the 013 table, so its readers are unchanged.
 * - score_runs (013) gains the run's decay epoch and scale and the model's caps.
 *
 * The 013 scores and ledger hold decayed points in the old form: they are dropped here, and
 * the next run rebuilds them (score_runs is emptied so that it does).
 */
export const forwardDecay: Migration = {
	version: 15,
	name: 'lead scoring with forward decay: totals per lead, scores as a view',
	sql: `
DROP TABLE lead_scores;
TRUNCATE lead_score_entries, score_runs;
ALTER TABLE lead_score_entries SET (fillfactor = 100);
ALTER TABLE lead_score_entries ALTER COLUMN points TYPE numeric;
-- Entries are only ever written from rows joined to leads; a foreign key check per entry
-- (tens of millions on a rebuild) is replaced by removing a deleted lead's rows (trigger below).
ALTER TABLE lead_score_entries DROP CONSTRAINT lead_score_entries_lead_id_fkey;

ALTER TABLE score_runs
	ADD COLUMN epoch date,
	ADD COLUMN decay_scale numeric NOT NULL DEFAULT 1,
	ADD COLUMN cap_profile numeric,
	ADD COLUMN cap_events numeric,
	ADD COLUMN cap_hits numeric,
	ADD COLUMN cap_outcomes numeric;

CREATE TABLE lead_score_totals (
	lead_id          text PRIMARY KEY,
	model_version    integer,
	profile          numeric NOT NULL DEFAULT 0,
	events           numeric NOT NULL DEFAULT 0,
	hits             numeric NOT NULL DEFAULT 0,
	outcomes         numeric NOT NULL DEFAULT 0,
	negative         numeric NOT NULL DEFAULT 0,
	fit              text CHECK (fit IN ('A', 'B', 'C', 'D')),
	engagement       smallint CHECK (engagement BETWEEN 1 AND 3),
	grade            text,
	mature           boolean,
	first_mature_on  date,
	grade_since      date,
	fit_since        date,
	regrade_on       date,
	updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lead_score_totals_regrade_idx ON lead_score_totals (regrade_on) WHERE regrade_on IS NOT NULL;

CREATE FUNCTION lead_scores_forget_deleted_leads() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM lead_score_entries e USING deleted_leads d WHERE e.lead_id = d.lead_id;
	DELETE FROM lead_score_totals t USING deleted_leads d WHERE t.lead_id = d.lead_id;
	RETURN NULL;
END $$;
CREATE TRIGGER leads_forget_scores AFTER DELETE ON leads REFERENCING OLD TABLE AS deleted_leads
	FOR EACH STATEMENT EXECUTE FUNCTION lead_scores_forget_deleted_leads();

-- A group's worth on the run's day: forward sum × scale, to 8 decimals then cents (so the
-- epoch's 15-digit factors never tip a cent), at most the cap (null: no cap).
CREATE FUNCTION lead_score_group_points(forward numeric, scale numeric, cap numeric) RETURNS numeric
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	AS $$ SELECT least(round(round(forward * scale, 8), 2), coalesce(cap, round(round(forward * scale, 8), 2))) $$;

-- The latest run's scale and caps as scalar subqueries: computed once per query, not per lead.
CREATE VIEW lead_score_values AS
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
CROSS JOIN LATERAL (
	SELECT lead_score_group_points(t.profile, 1, r.cap_profile) AS static_score,
		lead_score_group_points(t.events, r.decay_scale, r.cap_events) AS events_points,
		lead_score_group_points(t.hits, r.decay_scale, r.cap_hits) AS hits_points,
		lead_score_group_points(t.outcomes, r.decay_scale, r.cap_outcomes) AS outcomes_points,
		lead_score_group_points(t.negative, r.decay_scale, NULL) AS negative_points
) AS g
CROSS JOIN LATERAL (
	SELECT g.static_score, g.events_points + g.hits_points + g.outcomes_points + g.negative_points AS dynamic_score,
		abs(g.events_points) + abs(g.hits_points) + abs(g.outcomes_points) + abs(g.negative_points) AS dynamic_reach
) AS v;

CREATE VIEW lead_scores AS
SELECT lead_id, model_version, static_score, dynamic_score, static_score + dynamic_score AS score,
	fit, engagement, grade, mature, first_mature_on, grade_since, fit_since, updated_at
FROM lead_score_values;
`,
};
