import type { Migration } from './Migration';

/**
 * Lead scoring, owners and alerts (issue 15).
 *
 * lib/scoring owns:
 * - lead_score_entries: the point ledger. One row per lead and source of points (a profile
 *   field, a day's call events of one class, a hit, an outreach outcome, a negative event, a
 *   group's cap). `base_points` is what the model gives the source; `points` is what it is
 *   worth on the latest score_runs date (decayed; a cap entry takes off what exceeds its group's
 *   cap). A lead's score is exactly the sum of its entries' `points`. Every run rewrites the
 *   decayed `points`: fillfactor 50 leaves room in each page, so those updates are HOT (no
 *   index writes; `points` is in no index).
 * - lead_scores: the score and grade (A1–D3) per lead as of the latest scoring date (a row
 *   is written only when its values change, so a day's run does not rewrite every lead).
 * - score_runs: one row per scoring date; the latest with the same model version is where the
 *   next run's incremental range starts.
 *
 * lib/assignment owns:
 * - owner_settings: which staff take leads (branch, daily capacity) and where their alerts go (e-mail).
 * - lead_owners: the owner (客户经理) and branch of each assigned lead.
 * - lead_owner_changes: every assignment and owner change, with who and why.
 * - lead_links: duplicate leads linked to their source lead.
 *
 * lib/alerts owns lead_alerts: what owners are told (new grade-A leads, assignments, owner
 * changes), masked, with a key that makes each alert exist once and be sent once.
 */
export const leadScoring: Migration = {
	version: 13,
	name: 'lead scores, point ledger, owners and assignment, alerts',
	sql: `
CREATE TABLE lead_score_entries (
	lead_id      text NOT NULL REFERENCES leads (lead_id) ON DELETE CASCADE,
	entry_key    text NOT NULL,
	part         text NOT NULL CHECK (part IN ('static', 'dynamic')),
	score_group  text NOT NULL CHECK (score_group IN ('profile', 'events', 'hits', 'outcomes', 'negative')),
	source       text NOT NULL,
	day          date NOT NULL,
	base_points  numeric(12, 2) NOT NULL,
	points       numeric(12, 2) NOT NULL,
	detail       jsonb NOT NULL DEFAULT '{}',
	PRIMARY KEY (lead_id, entry_key)
) WITH (fillfactor = 50);
CREATE INDEX lead_score_entries_part_idx ON lead_score_entries (part, day);

CREATE TABLE lead_scores (
	lead_id          text PRIMARY KEY REFERENCES leads (lead_id) ON DELETE CASCADE,
	model_version    integer,
	static_score     numeric(12, 2) NOT NULL,
	dynamic_score    numeric(12, 2) NOT NULL,
	score            numeric(12, 2) NOT NULL,
	fit              text NOT NULL CHECK (fit IN ('A', 'B', 'C', 'D')),
	engagement       smallint NOT NULL CHECK (engagement BETWEEN 1 AND 3),
	grade            text NOT NULL,
	mature           boolean NOT NULL,
	first_mature_on  date,
	grade_since      date NOT NULL,
	fit_since        date NOT NULL,
	updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lead_scores_grade_idx ON lead_scores (grade, score DESC);
CREATE INDEX lead_scores_score_idx ON lead_scores (score DESC);

CREATE TABLE score_runs (
	scored_on      date PRIMARY KEY,
	model_version  integer,
	started_at     timestamptz NOT NULL DEFAULT now(),
	summary        jsonb NOT NULL DEFAULT '{}'
);

CREATE TABLE owner_settings (
	username        text PRIMARY KEY REFERENCES staff_accounts (username) ON DELETE CASCADE,
	branch          text,
	email           text,
	daily_capacity  integer NOT NULL DEFAULT 50 CHECK (daily_capacity >= 0),
	takes_leads     boolean NOT NULL DEFAULT true,
	updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE lead_owners (
	lead_id      text PRIMARY KEY REFERENCES leads (lead_id) ON DELETE CASCADE,
	owner        text NOT NULL,
	branch       text,
	assigned_at  timestamptz NOT NULL DEFAULT now(),
	assigned_on  date NOT NULL
);
CREATE INDEX lead_owners_owner_idx ON lead_owners (owner, assigned_on);
CREATE INDEX lead_owners_branch_idx ON lead_owners (branch);

CREATE TABLE lead_owner_changes (
	change_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	lead_id      text NOT NULL REFERENCES leads (lead_id) ON DELETE CASCADE,
	from_owner   text,
	to_owner     text NOT NULL,
	kind         text NOT NULL CHECK (kind IN ('assign', 'existingOwner', 'change', 'reassignDeactivated')),
	actor        text NOT NULL,
	reason       text NOT NULL,
	at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lead_owner_changes_lead_idx ON lead_owner_changes (lead_id, at DESC);

CREATE TABLE lead_links (
	lead_id         text PRIMARY KEY REFERENCES leads (lead_id) ON DELETE CASCADE,
	source_lead_id  text NOT NULL REFERENCES leads (lead_id) ON DELETE CASCADE,
	linked_by       text NOT NULL,
	linked_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE lead_alerts (
	alert_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	alert_key   text NOT NULL UNIQUE,
	kind        text NOT NULL CHECK (kind IN ('gradeA', 'assigned', 'ownerChanged')),
	recipient   text NOT NULL,
	lead_id     text NOT NULL REFERENCES leads (lead_id) ON DELETE CASCADE,
	payload     jsonb NOT NULL,
	created_at  timestamptz NOT NULL DEFAULT now(),
	claimed_by  text,
	claimed_until timestamptz,
	sent_at     timestamptz
);
CREATE INDEX lead_alerts_unsent_idx ON lead_alerts (recipient, alert_id) WHERE sent_at IS NULL;
`,
};
