import { createHash, timingSafeEqual } from 'node:crypto';

import { findSession, hasRole, type ActiveSession } from '../staff';
import { OPS, type OpName } from './api/contract';
import { ConsoleError } from './ConsoleError';
import type { ConsoleContext, ConsoleRequest, ConsoleResponse } from './ConsoleRequest';
import { clearedSessionCookie, DEFAULT_COOKIE_PATH } from './cookies';
import { errorResponse } from './errorResponse';
import { SendOrder } from './consoleSend';
import { OPERATIONS } from './handlers';
import { Reply } from './operation';
import type { Input } from './readInput';
import { fromOtherOrigin } from './requestOrigin';
import { BASE_HEADERS } from './responseHeaders';
import { headerValue, sessionToken } from './sessionToken';

/**
 * One request to the console's API → its response. In order: a browser's request must come
 * from the console's own origin (403 `origin`); the operation must exist and be called with
 * its method; every operation but the login needs a live session (401) and
 * a role at least the one OPS names (403); every POST of a session carries the session's
 * CSRF token in X-CSRF-Token (403 `csrf`). Then the operation runs; a DomainError it throws
 * answers 4xx with its code, message and field, anything else 500 with a generic message.
 */
export async function handleConsoleRequest(ctx: ConsoleContext, request: ConsoleRequest): Promise<ConsoleResponse> {
	const now = ctx.now?.() ?? new Date();
	let session: ActiveSession | undefined;
	const token = sessionToken(request);
	try {
		if (fromOtherOrigin(request, ctx.allowedOrigins)) {
			throw new ConsoleError('origin', '不接受来自其他网站页面的请求 (requests from pages of other origins are refused)');
		}
		const name = request.op as OpName;
		if (!Object.prototype.hasOwnProperty.call(OPS, name)) throw new ConsoleError('unknownOp', `没有这个操作 (no operation "${String(request.op).slice(0, 64)}")`);
		const spec = OPS[name];
		const method = String(request.method ?? '').toUpperCase();
		if (method !== spec.method) throw new ConsoleError('method', `${name} 应以 ${spec.method} 调用 (use ${spec.method})`);

		if (token) session = await findSession(ctx.store, token, { now, policy: ctx.sessionPolicy });
		if (spec.access !== 'public') {
			if (!session) throw new ConsoleError('unauthenticated', '请先登录，或登录已过期 (sign in first)');
			if (!hasRole(session.staff.role, spec.access)) throw new ConsoleError('forbidden', '当前账号无权执行此操作 (your role may not do this)');
			if (method === 'POST' && !sameSecret(headerValue(request, 'x-csrf-token'), session.csrfToken)) {
				throw new ConsoleError('csrf', '请求缺少有效的 CSRF 令牌，请刷新页面后重试 (missing or wrong CSRF token)');
			}
		}

		const input = (method === 'GET' ? request.query : request.body) ?? {};
		if (typeof input !== 'object' || Array.isArray(input)) throw new ConsoleError('invalid', '请求内容应为 JSON 对象 (the body must be a JSON object)', 'body');
		const result = await OPERATIONS[name].run({ ctx, request, input: input as Input, now, session });
		if (result instanceof SendOrder) return { status: 202, headers: { ...BASE_HEADERS }, body: null, pushes: result.pushes };
		const reply = result instanceof Reply ? result : new Reply(result);
		return { status: reply.status, headers: { ...BASE_HEADERS, ...reply.headers }, body: reply.body };
	} catch (error) {
		const response = errorResponse(error, now);
		// A cookie naming no live session is cleared, so the browser stops sending it.
		if (response.body.error.code === 'unauthenticated' && token) {
			response.headers['Set-Cookie'] = clearedSessionCookie({ path: ctx.cookiePath ?? DEFAULT_COOKIE_PATH, secure: request.secure === true });
		}
		if (response.body.error.code === 'method') response.headers.Allow = OPS[request.op as OpName].method;
		return response;
	}
}

/** Compares two secrets in constant time (through their digests, so the lengths match too). */
function sameSecret(given: string | undefined, expected: string): boolean {
	if (!given) return false;
	const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
	return timingSafeEqual(digest(given), digest(expected));
}
