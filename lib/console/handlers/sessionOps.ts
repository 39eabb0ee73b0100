import { recordAudit } from '../../audit';
import { endSession, logIn, type StaffInfo } from '../../staff';
import type { SessionInfo } from '../api/contract';
import { ConsoleError } from '../ConsoleError';
import type { ConsoleContext, ConsoleRequest } from '../ConsoleRequest';
import { clearedSessionCookie, DEFAULT_COOKIE_PATH, sessionCookie } from '../cookies';
import { anonymous, Reply, signedIn, type Operation } from '../operation';
import { readText } from '../readInput';
import { sessionToken } from '../sessionToken';

function cookieOptions(ctx: ConsoleContext, request: ConsoleRequest) {
	return { path: ctx.cookiePath ?? DEFAULT_COOKIE_PATH, secure: request.secure === true };
}

function sessionInfo(staff: StaffInfo, csrfToken: string, expiresAt: Date): SessionInfo {
	return { staff, csrfToken, expiresAt: expiresAt.toISOString() };
}

const REFUSALS = {
	unknownAccount: { code: 'loginFailed', message: '用户名或密码错误 (wrong username or password)' },
	wrongPassword: { code: 'loginFailed', message: '用户名或密码错误 (wrong username or password)' },
	disabled: { code: 'disabled', message: '账号已停用，请联系管理员 (this account is disabled)' },
	throttled: { code: 'throttled', message: '登录失败次数过多，账号或地址已暂时锁定 (too many failed sign-ins)' },
} as const;

export const sessionOps: Record<'session.login' | 'session.get' | 'session.logout', Operation> = {
	'session.login': anonymous(async ({ ctx, request, input, now, session }) => {
		const username = readText(input, 'username', { required: true, max: 64 });
		const password = input.password;
		if (typeof password !== 'string' || password === '') throw new ConsoleError('invalid', '请填写密码 (password is required)', 'password');
		const outcome = await logIn(ctx.store, {
			username,
			password,
			clientAddress: request.clientAddress,
			now,
			throttle: ctx.throttlePolicy,
			session: ctx.sessionPolicy,
		});
		const clientAddress = request.clientAddress ?? null;
		if (!outcome.ok) {
			// Refused before the password was checked: not a new failure, and not worth an entry per request.
			if (outcome.reason !== 'throttled') {
				await recordAudit(ctx.store, {
					actor: outcome.username ?? '(unknown)',
					action: 'session.loginFailed',
					subject: outcome.username,
					detail: { reason: outcome.reason, clientAddress, locked: outcome.retryAt !== undefined },
				});
			}
			const refusal = REFUSALS[outcome.reason];
			throw new ConsoleError(refusal.code, refusal.message, outcome.reason === 'disabled' || outcome.reason === 'throttled' ? undefined : 'password', outcome.retryAt);
		}
		// A new token at every login: a cookie planted before it (session fixation) is worthless after.
		const previous = sessionToken(request);
		if (previous && session) await endSession(ctx.store, previous);
		await recordAudit(ctx.store, { actor: outcome.staff.username, action: 'session.login', subject: outcome.staff.username, detail: { clientAddress } });
		return new Reply(sessionInfo(outcome.staff, outcome.session.csrfToken, outcome.session.expiresAt), {
			'Set-Cookie': sessionCookie(outcome.session.token, cookieOptions(ctx, request)),
		});
	}),

	'session.get': signedIn(async ({ session }) => sessionInfo(session.staff, session.csrfToken, session.expiresAt)),

	'session.logout': signedIn(async ({ ctx, request, staff, audit }) => {
		await endSession(ctx.store, sessionToken(request) as string);
		await audit(ctx.store, 'session.logout', staff.username);
		return new Reply({ ok: true }, { 'Set-Cookie': clearedSessionCookie(cookieOptions(ctx, request)) });
	}),
};

