import type { Migration } from './Migration';

/**
 * The console's people: staff accounts (lib/staff), their sessions and the login
 * throttle (lib/staff), and the audit log of what they do (lib/audit).
 *
 * - A password is kept only as its scrypt hash, with the parameters it was made with.
 * - A session is kept only as the SHA-256 of its token (the cookie holds the token).
 * - login_throttle holds one row per throttled scope (`user:<name>`, `addr:<address>`),
 *   so a password-guessing run cannot grow it without bound.
 */
export const staffAndAudit: Migration = {
	version: 8,
	name: 'staff accounts, sessions, login throttle, audit log',
	sql: `
CREATE TABLE staff_accounts (
	username            text PRIMARY KEY,
	display_name        text NOT NULL,
	role                text NOT NULL CHECK (role IN ('admin', 'marketing', 'viewer')),
	password_hash       text NOT NULL,
	disabled            boolean NOT NULL DEFAULT false,
	created_at          timestamptz NOT NULL DEFAULT now(),
	created_by          text,
	updated_at          timestamptz NOT NULL DEFAULT now(),
	password_changed_at timestamptz NOT NULL DEFAULT now(),
	last_login_at       timestamptz
);

CREATE TABLE staff_sessions (
	token_hash     text PRIMARY KEY,
	username       text NOT NULL REFERENCES staff_accounts (username) ON DELETE CASCADE,
	csrf_token     text NOT NULL,
	created_at     timestamptz NOT NULL,
	last_seen_at   timestamptz NOT NULL,
	expires_at     timestamptz NOT NULL,
	client_address text
);
CREATE INDEX staff_sessions_username_idx ON staff_sessions (username);

CREATE TABLE login_throttle (
	scope             text PRIMARY KEY,
	failures          integer NOT NULL,
	window_started_at timestamptz NOT NULL,
	locked_until      timestamptz
);

CREATE TABLE audit_log (
	id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	at      timestamptz NOT NULL DEFAULT now(),
	actor   text NOT NULL,
	action  text NOT NULL,
	subject text,
	detail  jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_actor_idx ON audit_log (actor, at DESC);
CREATE INDEX audit_log_action_idx ON audit_log (action, at DESC);
`,
};
