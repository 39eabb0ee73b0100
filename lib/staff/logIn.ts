import type { Queryable } from '../store';
import { claimAttempt, clearAttempts, DEFAULT_THROTTLE_POLICY, failedAttempt, refundAttempt, throttleScopes, type ThrottlePolicy } from './loginThrottle';
import { hashPassword, verifyPassword } from './passwordHash';
import { DEFAULT_SESSION_POLICY, startSession, type SessionPolicy, type StartedSession } from './sessions';
import { accountForLogin, normaliseUsername, recordLogin, type StaffInfo } from './staffAccounts';

export interface LoginAttempt {
	username: unknown;
	password: unknown;
	clientAddress?: string;
	now?: Date;
	throttle?: ThrottlePolicy;
	session?: SessionPolicy;
}

export type LoginRefusal = 'unknownAccount' | 'wrongPassword' | 'disabled' | 'throttled';

export type LoginOutcome =
	| { ok: true; staff: StaffInfo; session: StartedSession }
	| {
			ok: false;
			reason: LoginRefusal;
			/** The account, when the name is one (a mistyped name may be a password: it is not repeated). */
			username: string | null;
			/** When a locked account or address opens again. */
			retryAt?: Date;
	  };

/** Verified against when the name is no account, so an unknown name costs the same time as a wrong password. */
let decoyHash: Promise<string> | undefined;

/**
 * Checks a login: throttled per account and per client address, the password verified in
 * constant time, a new session started on success. Answers what happened rather than
 * throwing, so the caller can audit failures as well as successes.
 */
export async function logIn(db: Queryable, attempt: LoginAttempt): Promise<LoginOutcome> {
	const now = attempt.now ?? new Date();
	const policy = attempt.throttle ?? DEFAULT_THROTTLE_POLICY;
	const username = normaliseUsername(attempt.username);
	const password = typeof attempt.password === 'string' ? attempt.password : '';
	const scopes = throttleScopes(username, attempt.clientAddress, policy);

	const locks: Date[] = [];
	for (const scope of scopes) {
		const until = await claimAttempt(db, scope, now, policy);
		if (until) locks.push(until);
	}
	const account = username ? await accountForLogin(db, username) : undefined;
	if (locks.length > 0) {
		for (const scope of scopes) await refundAttempt(db, scope.scope);
		return { ok: false, reason: 'throttled', username: account ? username : null, retryAt: latest(locks) };
	}

	const verified = await verifyPassword(password, account?.passwordHash ?? (await (decoyHash ??= hashPassword('decoy-password-0'))));
	if (!account || !verified) {
		for (const scope of scopes) {
			const until = await failedAttempt(db, scope, now, policy);
			if (until) locks.push(until);
		}
		return {
			ok: false,
			reason: account ? 'wrongPassword' : 'unknownAccount',
			username: account ? username : null,
			retryAt: locks.length > 0 ? latest(locks) : undefined,
		};
	}
	for (const scope of scopes) await (scope.scope.startsWith('user:') ? clearAttempts(db, scope.scope) : refundAttempt(db, scope.scope));
	if (account.disabled) return { ok: false, reason: 'disabled', username };

	const staff = await recordLogin(db, username, password, account.passwordHash, now);
	const session = await startSession(db, username, { now, clientAddress: attempt.clientAddress, policy: attempt.session ?? DEFAULT_SESSION_POLICY });
	return { ok: true, staff, session };
}

function latest(dates: Date[]): Date {
	return new Date(Math.max(...dates.map((d) => d.getTime())));
}
