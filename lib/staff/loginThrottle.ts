import type { Queryable } from '../store';

/**
 * How many failed logins lock a scope, within what window, and for how long. Per account
 * (guessing one person's password) and per client address (trying many accounts); the
 * address allows more, since a branch's staff may share one address behind a proxy.
 */
export interface ThrottlePolicy {
	accountFailures: number;
	addressFailures: number;
	windowMinutes: number;
	lockMinutes: number;
}

export const DEFAULT_THROTTLE_POLICY: Readonly<ThrottlePolicy> = { accountFailures: 5, addressFailures: 20, windowMinutes: 15, lockMinutes: 15 };

export interface ThrottleScope {
	scope: string;
	limit: number;
}

export function throttleScopes(username: string, clientAddress: string | undefined, policy: ThrottlePolicy): ThrottleScope[] {
	const scopes = [{ scope: `user:${username}`, limit: policy.accountFailures }];
	if (clientAddress) scopes.push({ scope: `addr:${clientAddress}`, limit: policy.addressFailures });
	return scopes;
}

/**
 * Counts an attempt before its password is checked, so attempts fired at once cannot
 * slip past the limit while they are being verified. Answers when the scope opens again
 * if it is locked (the attempt beyond the limit locks it), or null.
 */
export async function claimAttempt(db: Queryable, { scope, limit }: ThrottleScope, now: Date, policy: ThrottlePolicy): Promise<Date | null> {
	const windowStart = new Date(now.getTime() - policy.windowMinutes * 60_000);
	const result = await db.query<{ failures: number; locked_until: Date | null }>(
		`INSERT INTO login_throttle AS t (scope, failures, window_started_at) VALUES ($1, 1, $2)
		 ON CONFLICT (scope) DO UPDATE SET
			failures = CASE WHEN t.locked_until > $2 THEN t.failures
				WHEN t.locked_until IS NOT NULL OR t.window_started_at <= $3 THEN 1 ELSE t.failures + 1 END,
			window_started_at = CASE WHEN t.locked_until > $2 THEN t.window_started_at
				WHEN t.locked_until IS NOT NULL OR t.window_started_at <= $3 THEN $2 ELSE t.window_started_at END,
			locked_until = CASE WHEN t.locked_until > $2 THEN t.locked_until END
		 RETURNING failures, locked_until`,
		[scope, now, windowStart],
	);
	const row = result.rows[0];
	if (row.locked_until) return new Date(row.locked_until);
	if (row.failures > limit) return lock(db, scope, now, policy);
	return null;
}

/** The attempt was not a guess after all (a correct password, or refused before checking): it no longer counts. */
export async function refundAttempt(db: Queryable, scope: string): Promise<void> {
	await db.query('UPDATE login_throttle SET failures = greatest(failures - 1, 0) WHERE scope = $1 AND locked_until IS NULL', [scope]);
}

/** A failed attempt: the scope locks when it has reached its limit. Answers when it opens, or null. */
export async function failedAttempt(db: Queryable, { scope, limit }: ThrottleScope, now: Date, policy: ThrottlePolicy): Promise<Date | null> {
	const found = await db.query<{ failures: number }>('SELECT failures FROM login_throttle WHERE scope = $1 AND locked_until IS NULL', [scope]);
	return (found.rows[0]?.failures ?? 0) >= limit ? lock(db, scope, now, policy) : null;
}

/** A successful login clears its account's failures. */
export async function clearAttempts(db: Queryable, scope: string): Promise<void> {
	await db.query('DELETE FROM login_throttle WHERE scope = $1', [scope]);
}

async function lock(db: Queryable, scope: string, now: Date, policy: ThrottlePolicy): Promise<Date> {
	const until = new Date(now.getTime() + policy.lockMinutes * 60_000);
	await db.query('UPDATE login_throttle SET locked_until = $2, failures = 0 WHERE scope = $1', [scope, until]);
	return until;
}
