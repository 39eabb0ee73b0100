import type { Migration } from './Migration';

/**
 * The tables the whole product needs (DESIGN.md §4). Personal data is held only as
 * keyed hashes (`*_hash`), ciphertext (`*_enc`) and masked copies (`*_masked`).
 */
export const initial: Migration = {
	version: 1,
	name: 'initial schema',
	sql: `
CREATE SEQUENCE lead_id_seq START 1000001;

CREATE TABLE leads (
	lead_id        text PRIMARY KEY,
	name           text,
	name_masked    text,
	phone_enc      text,
	phone_hash     text,
	phone_masked   text,
	id_hash        text,
	id_masked      text,
	email          text,
	wechat_id      text,
	company        text,
	industry       text,
	source_channel text,
	owner          text,
	status         text NOT NULL DEFAULT 'new',
	tags           text[] NOT NULL DEFAULT '{}',
	attributes     jsonb NOT NULL DEFAULT '{}',
	created_at     timestamptz NOT NULL DEFAULT now(),
	updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX leads_id_hash_idx ON leads (id_hash);
CREATE INDEX leads_phone_hash_idx ON leads (phone_hash);
CREATE INDEX leads_created_at_idx ON leads (created_at);

-- One row per identity-verification call, partitioned by the local calendar day
-- (partitions are created by the ingest as days arrive and dropped by retention).
CREATE TABLE call_events (
	event_date   date        NOT NULL,
	occurred_at  timestamptz NOT NULL,
	hour_of_day  smallint    NOT NULL CHECK (hour_of_day BETWEEN 0 AND 23),
	id_hash      text        NOT NULL,
	institution  text        NOT NULL,
	event_type   text        NOT NULL,
	request_id   text        NOT NULL DEFAULT '',
	result_code  text,
	product      text,
	batch_id     text        NOT NULL,
	UNIQUE (event_date, id_hash, institution, event_type, occurred_at, request_id)
) PARTITION BY RANGE (event_date);
CREATE INDEX call_events_id_hash_idx ON call_events (id_hash);

CREATE TABLE ingest_batches (
	batch_id     text PRIMARY KEY,
	checksum     text NOT NULL UNIQUE,
	source_name  text,
	status       text NOT NULL DEFAULT 'loading' CHECK (status IN ('loading', 'complete')),
	rows_read    bigint NOT NULL DEFAULT 0,
	accepted     bigint NOT NULL DEFAULT 0,
	rejected     bigint NOT NULL DEFAULT 0,
	duplicates   bigint NOT NULL DEFAULT 0,
	summary      jsonb NOT NULL DEFAULT '{}',
	started_at   timestamptz NOT NULL DEFAULT now(),
	finished_at  timestamptz
);

CREATE TABLE ingest_rejects (
	batch_id  text   NOT NULL REFERENCES ingest_batches (batch_id) ON DELETE CASCADE,
	line_no   bigint NOT NULL,
	field     text,
	reason    text   NOT NULL,
	excerpt   text,
	PRIMARY KEY (batch_id, line_no)
);

CREATE TABLE rules (
	rule_id     text    NOT NULL,
	version     integer NOT NULL,
	name        text    NOT NULL,
	definition  jsonb   NOT NULL,
	checksum    text    NOT NULL,
	created_at  timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (rule_id, version),
	UNIQUE (rule_id, checksum)
);

-- One hit per lead (by ID hash), rule and window, however many runs or institutions saw it.
CREATE TABLE hits (
	hit_id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	lead_id       text    NOT NULL REFERENCES leads (lead_id) ON DELETE CASCADE,
	id_hash       text    NOT NULL,
	rule_id       text    NOT NULL,
	rule_version  integer NOT NULL,
	window_key    text    NOT NULL,
	hit_date      date    NOT NULL,
	grade         text,
	label         text,
	reason        text,
	facts         jsonb   NOT NULL DEFAULT '{}',
	source        text,
	status        text    NOT NULL DEFAULT 'pending'
		CHECK (status IN ('pending', 'in_progress', 'converted', 'contact_failed')),
	created_at    timestamptz NOT NULL DEFAULT now(),
	updated_at    timestamptz NOT NULL DEFAULT now(),
	UNIQUE (id_hash, rule_id, window_key)
);
CREATE INDEX hits_hit_date_idx ON hits (hit_date);
CREATE INDEX hits_status_idx ON hits (status);
CREATE INDEX hits_lead_id_idx ON hits (lead_id);

-- Every push decision and send; the idempotency key makes retries and second workers harmless.
CREATE TABLE push_ledger (
	push_id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	idempotency_key    text NOT NULL UNIQUE,
	hit_id             bigint REFERENCES hits (hit_id) ON DELETE SET NULL,
	lead_id            text,
	channel            text NOT NULL CHECK (channel IN ('sms', 'call')),
	state              text NOT NULL CHECK (state IN ('reserved', 'sent', 'failed', 'dry_run', 'delivered', 'undelivered')),
	attempts           integer NOT NULL DEFAULT 0,
	gateway_message_id text,
	detail             jsonb NOT NULL DEFAULT '{}',
	decided_at         timestamptz NOT NULL DEFAULT now(),
	sent_at            timestamptz,
	updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX push_ledger_lead_channel_idx ON push_ledger (lead_id, channel, decided_at);

-- Opt-outs and do-not-contact (PIPL): keyed by the phone hash or the lead id.
CREATE TABLE contact_preferences (
	subject_hash  text NOT NULL,
	channel       text NOT NULL CHECK (channel IN ('sms', 'call', 'all')),
	opted_out     boolean NOT NULL,
	reason        text,
	source        text,
	updated_at    timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (subject_hash, channel)
);

CREATE TABLE blacklist (
	kind        text NOT NULL CHECK (kind IN ('phone', 'email', 'idNumber', 'wechat', 'company')),
	value_hash  text NOT NULL,
	value_masked text,
	note        text,
	created_at  timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (kind, value_hash)
);
`,
};
