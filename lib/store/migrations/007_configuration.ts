import type { Migration } from './Migration';

/**
 * Configuration kept in the store (issue 14): every save of a rule set, contact policy or
 * push-frequency document is a new version; one version per kind is active; rolling back is
 * activating an earlier one. Owned by lib/config.
 *
 * The body is `json`, not `jsonb`: jsonb reorders keys, and the console's JSON view and
 * version diffs show a document as its author wrote it. Equality goes by `checksum` (the
 * body's stable JSON, lib/stableJson), never by comparing bodies.
 *
 * tier_runs (owned by lib/push/frequency): one row per push tier and period it ran for. The
 * key makes a tier run at most once per period, however often the trigger fires and however
 * many workers tick together.
 */
export const configuration: Migration = {
	version: 7,
	name: 'configuration versions, the active version per kind, push tier runs',
	sql: `
CREATE TABLE config_versions (
	kind        text    NOT NULL,
	version     integer NOT NULL CHECK (version > 0),
	body        json    NOT NULL,
	checksum    text    NOT NULL,
	author      text    NOT NULL,
	note        text    NOT NULL DEFAULT '',
	based_on    integer,
	created_at  timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (kind, version)
);

CREATE TABLE config_active (
	kind          text    PRIMARY KEY,
	version       integer NOT NULL,
	activated_by  text    NOT NULL,
	activated_at  timestamptz NOT NULL DEFAULT now(),
	FOREIGN KEY (kind, version) REFERENCES config_versions (kind, version)
);

CREATE TABLE tier_runs (
	tier                 text NOT NULL,
	period_key           text NOT NULL,
	period_start         timestamptz NOT NULL,
	frequencies_version  integer,
	claimed_at           timestamptz NOT NULL DEFAULT now(),
	finished_at          timestamptz,
	summary              jsonb NOT NULL DEFAULT '{}',
	PRIMARY KEY (tier, period_key)
);
CREATE INDEX tier_runs_latest_idx ON tier_runs (tier, period_start DESC);
`,
};
