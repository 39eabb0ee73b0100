import { createHash, randomBytes } from 'node:crypto';

import type { Queryable } from '../store';
import { toStaffInfo, type StaffInfo, type StaffRow } from './staffAccounts';

/** How long a session lives: ended after `idleMinutes` without a request, and after `absoluteHours` whatever happens. */
export interface SessionPolicy {
	idleMinutes: number;
	absoluteHours: number;
}

export const DEFAULT_SESSION_POLICY: Readonly<SessionPolicy> = { idleMinutes: 30, absoluteHours: 12 };

/** A request within this long of the last one does not write last_seen_at again (one write a minute, not one a request). */
const TOUCH_AFTER_MS = 60_000;

/** A session just started: the token goes into the cookie and nowhere else. */
export interface StartedSession {
	token: string;
	csrfToken: string;
	expiresAt: Date;
}

export interface ActiveSession {
	staff: StaffInfo;
	/** SHA-256 of the token: names the session without the token (e.g. the one to keep when others end). */
	tokenHash: string;
	csrfToken: string;
	/** The earlier of the idle and the absolute end, as of this request. */
	expiresAt: Date;
}

/** Only this is stored: the token itself never reaches the database. */
export function sessionTokenHash(token: string): string {
	return createHash('sha256').update(token, 'utf8').digest('hex');
}

const randomToken = () => randomBytes(32).toString('base64url');

export async function startSession(
	db: Queryable,
	username: string,
	{ now, clientAddress, policy = DEFAULT_SESSION_POLICY }: { now: Date; clientAddress?: string; policy?: SessionPolicy },
): Promise<StartedSession> {
	const token = randomToken();
	const csrfToken = randomToken();
	const absoluteEnd = new Date(now.getTime() + policy.absoluteHours * 3_600_000);
	// Sessions that ended by themselves are swept here, at the rare moment one starts.
	await db.query('DELETE FROM staff_sessions WHERE expires_at <= $1 OR last_seen_at <= $2', [now, idleCutoff(now, policy)]);
	await db.query(
		`INSERT INTO staff_sessions (token_hash, username, csrf_token, created_at, last_seen_at, expires_at, client_address)
		 VALUES ($1, $2, $3, $4, $4, $5, $6)`,
		[sessionTokenHash(token), username, csrfToken, now, absoluteEnd, clientAddress ?? null],
	);
	return { token, csrfToken, expiresAt: earlier(absoluteEnd, new Date(now.getTime() + policy.idleMinutes * 60_000)) };
}

/**
 * The live session a token names, and its account: none when the token is unknown, the
 * session has ended (idle or absolute), or the account is disabled. Keeps it alive.
 */
export async function findSession(
	db: Queryable,
	token: string,
	{ now, policy = DEFAULT_SESSION_POLICY }: { now: Date; policy?: SessionPolicy },
): Promise<ActiveSession | undefined> {
	if (!token) return undefined;
	const tokenHash = sessionTokenHash(token);
	const result = await db.query<StaffRow & { csrf_token: string; last_seen_at: Date; expires_at: Date }>(
		`SELECT s.csrf_token, s.last_seen_at, s.expires_at,
			a.username, a.display_name, a.role, a.disabled, a.created_at, a.last_login_at
		 FROM staff_sessions s JOIN staff_accounts a ON a.username = s.username
		 WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.last_seen_at > $3 AND NOT a.disabled`,
		[tokenHash, now, idleCutoff(now, policy)],
	);
	const row = result.rows[0];
	if (!row) return undefined;
	if (now.getTime() - new Date(row.last_seen_at).getTime() >= TOUCH_AFTER_MS) {
		await db.query('UPDATE staff_sessions SET last_seen_at = $2 WHERE token_hash = $1', [tokenHash, now]);
	}
	return {
		staff: toStaffInfo(row),
		tokenHash,
		csrfToken: row.csrf_token,
		expiresAt: earlier(new Date(row.expires_at), new Date(now.getTime() + policy.idleMinutes * 60_000)),
	};
}

export async function endSession(db: Queryable, token: string): Promise<void> {
	await db.query('DELETE FROM staff_sessions WHERE token_hash = $1', [sessionTokenHash(token)]);
}

function idleCutoff(now: Date, policy: SessionPolicy): Date {
	return new Date(now.getTime() - policy.idleMinutes * 60_000);
}

function earlier(a: Date, b: Date): Date {
	return a.getTime() <= b.getTime() ? a : b;
}
