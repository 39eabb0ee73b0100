import type { Migration } from './Migration';

/**
 * Conversation quality (issue 16), owned by lib/quality: the service conversations that
 * follow a lead's outreach, their customer ratings, and each session's metrics and score.
 *
 * - quality_batches: one row per ingested file and kind; (kind, checksum) makes the same
 *   file a no-op the second time. quality_rejects: its rejected rows (row, field, reason,
 *   and the session when the row named one, so that session's score says it is incomplete).
 * - quality_messages: one row per message; `message_key` (the MD5 of role, time,
 *   agent and text) makes a repeated message a duplicate. Leads are linked by keyed
 *   hashes only (`lead_hash` of the leadId, `phone_hash` as in leads.phone_hash).
 * - quality_ratings: one customer rating per session.
 * - quality_sessions: one row per session: who served it, when, its metrics, problems and
 *   scores; `needs_score` is set by every ingest that adds to the session.
 */
export const conversationQuality: Migration = {
	version: 10,
	name: 'conversation quality: messages, ratings, sessions and their scores',
	sql: `
CREATE TABLE quality_batches (
	batch_id      bigserial PRIMARY KEY,
	kind          text    NOT NULL CHECK (kind IN ('messages', 'ratings')),
	file_name     text    NOT NULL,
	checksum      text    NOT NULL,
	encoding      text,
	rows_read     integer NOT NULL DEFAULT 0,
	accepted      integer NOT NULL DEFAULT 0,
	rejected      integer NOT NULL DEFAULT 0,
	duplicates    integer NOT NULL DEFAULT 0,
	out_of_order  integer NOT NULL DEFAULT 0,
	created_at    timestamptz NOT NULL DEFAULT now(),
	UNIQUE (kind, checksum)
);

CREATE TABLE quality_rejects (
	batch_id    bigint  NOT NULL REFERENCES quality_batches (batch_id) ON DELETE CASCADE,
	row_number  integer NOT NULL,
	field       text    NOT NULL,
	reason      text    NOT NULL,
	session_id  text,
	PRIMARY KEY (batch_id, row_number)
);
CREATE INDEX quality_rejects_session_idx ON quality_rejects (session_id) WHERE session_id IS NOT NULL;

CREATE TABLE quality_messages (
	session_id   text        NOT NULL,
	message_key  bytea       NOT NULL,
	sent_at      timestamptz NOT NULL,
	role         text        NOT NULL CHECK (role IN ('customer', 'agent', 'bot')),
	agent_id     text,
	team         text,
	lead_hash    text,
	phone_hash   text,
	body         text        NOT NULL,
	batch_id     bigint      NOT NULL,
	PRIMARY KEY (session_id, message_key)
);

CREATE TABLE quality_ratings (
	session_id  text     PRIMARY KEY,
	rating      smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
	rated_at    timestamptz NOT NULL,
	comment     text,
	batch_id    bigint   NOT NULL
);

CREATE TABLE quality_sessions (
	session_id      text PRIMARY KEY,
	agent_id        text,
	team            text,
	lead_hash       text,
	phone_hash      text,
	started_at      timestamptz,
	ended_at        timestamptz,
	message_count   integer NOT NULL DEFAULT 0,
	metrics         jsonb,
	problems        text[]  NOT NULL DEFAULT '{}',
	speed_score     real,
	attitude_score  real,
	quality_score   real,
	qa_score        real,
	rating          smallint,
	total_score     real,
	stars           smallint,
	model_version   integer,
	scored_at       timestamptz,
	needs_score     boolean NOT NULL DEFAULT true
);
CREATE INDEX quality_sessions_needs_score_idx ON quality_sessions (session_id) WHERE needs_score;
CREATE INDEX quality_sessions_agent_idx ON quality_sessions (agent_id, started_at);
CREATE INDEX quality_sessions_team_idx ON quality_sessions (team, started_at);
CREATE INDEX quality_sessions_lead_hash_idx ON quality_sessions (lead_hash) WHERE lead_hash IS NOT NULL;
CREATE INDEX quality_sessions_phone_hash_idx ON quality_sessions (phone_hash) WHERE phone_hash IS NOT NULL;
`,
};
