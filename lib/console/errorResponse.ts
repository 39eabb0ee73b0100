import { isDomainError } from '../errors';
import type { ApiError } from './api/contract';
import { ConsoleError } from './ConsoleError';
import type { ConsoleResponse } from './ConsoleRequest';
import { BASE_HEADERS } from './responseHeaders';

/** The HTTP status of each error code; any other DomainError is bad input (400). */
const STATUS_BY_CODE: Readonly<Record<string, number>> = {
	unauthenticated: 401,
	loginFailed: 401,
	forbidden: 403,
	csrf: 403,
	origin: 403,
	disabled: 403,
	notFound: 404,
	unknownOp: 404,
	method: 405,
	exists: 409,
	versionMoved: 409,
	conflict: 409,
	lastAdmin: 409,
	throttled: 429,
	notAvailable: 501,
};

const INTERNAL: ApiError = { code: 'internal', message: '服务器内部错误，请稍后再试或联系管理员 (internal error)' };

/**
 * The answer for an error: a DomainError's code, message and field (and the problems of a
 * form, the time a lock opens); for anything else a generic 500 that says nothing about
 * the fault (its message could hold personal data or the server's insides).
 */
function errorAnswer(error: unknown, now: Date): { status: number; body: { error: ApiError }; headers: Record<string, string> } {
	if (!isDomainError(error)) return { status: 500, body: { error: INTERNAL }, headers: {} };
	const body: ApiError = { code: error.code, message: error.message };
	if (error.field) body.field = error.field;
	const problems = problemsOf(error);
	if (problems) body.problems = problems;
	const headers: Record<string, string> = {};
	if (error instanceof ConsoleError && error.retryAt) {
		body.retryAt = error.retryAt.toISOString();
		headers['Retry-After'] = String(Math.max(1, Math.ceil((error.retryAt.getTime() - now.getTime()) / 1000)));
	}
	return { status: STATUS_BY_CODE[error.code] ?? 400, body: { error: body }, headers };
}

/**
 * Every field's problem of an error that has several: a lead form's `problems`, or a
 * validator's `issues` (rule sets, contact policies, push frequencies: `{ path, message }`).
 */
function problemsOf(error: { code: string }): ApiError['problems'] {
	const { problems, issues } = error as { problems?: unknown; issues?: unknown };
	if (Array.isArray(problems)) return problems as ApiError['problems'];
	if (!Array.isArray(issues)) return undefined;
	return (issues as Array<{ path?: string; message?: string }>).map((issue) => ({ field: issue.path ?? '', code: error.code, message: issue.message ?? '' }));
}

/** The response for an error: its status, `{ error }` body and headers; for a 500 the error itself, for the server's log only. */
export function errorResponse(error: unknown, now: Date): ConsoleResponse & { headers: Record<string, string>; body: { error: ApiError } } {
	const answer = errorAnswer(error, now);
	return {
		status: answer.status,
		headers: { ...BASE_HEADERS, ...answer.headers },
		body: answer.body,
		...(answer.status === 500 ? { internalError: error } : {}),
	};
}
