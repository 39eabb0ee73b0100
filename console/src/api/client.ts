/**
 * The one way the console talks to its server: `call('leads.list', {...})`, typed end to end by
 * the API contract (lib/console/api/contract.ts). A change of the contract is a compile error
 * here or at the call site, never a silent mismatch.
 *
 * - URLs are `api/<op>` relative to the page's `<base href>` (`/webhook/console/` by default);
 * - every POST carries the session's CSRF token (`X-CSRF-Token`);
 * - a 401 sends the person to the login page (`onSessionLost`), except from the calls that find out
 *   whether there is a session at all (session.get, session.login);
 * - a POST refused for a stale CSRF token (the session was renewed elsewhere) fetches the
 *   session's token again and is sent once more;
 * - a failure is thrown as an ApiFailure carrying the server's `{ code, message, field }`.
 */
import { OPS, type ApiError, type OpName, type RequestOf, type ResponseOf } from '../../../lib/console/api/contract';
import { carriesFile, multipartBody, queryParams } from './requestEncoding';

export class ApiFailure extends Error {
	constructor(
		readonly status: number,
		readonly error: ApiError,
	) {
		super(error.message);
		this.name = 'ApiFailure';
	}

	get code(): string {
		return this.error.code;
	}

	get field(): string | undefined {
		return this.error.field;
	}
}

let csrfToken: string | null = null;
let sessionLost: () => void = () => undefined;

export function setCsrfToken(token: string | null): void {
	csrfToken = token;
}

/** What to do when the server says the session is gone (the app goes to the login page). */
export function onSessionLost(handler: () => void): void {
	sessionLost = handler;
}

/** Ops whose request is empty may be called without one. */
type Args<Name extends OpName> = Record<string, never> extends RequestOf<Name> ? [request?: RequestOf<Name>] : [request: RequestOf<Name>];

const SESSION_PROBES: readonly OpName[] = ['session.get', 'session.login'];

export async function call<Name extends OpName>(op: Name, ...args: Args<Name>): Promise<ResponseOf<Name>> {
	try {
		return await send(op, args[0] as object | undefined);
	} catch (error) {
		if (!(error instanceof ApiFailure && error.code === 'csrf') || OPS[op].method !== 'POST') throw error;
		setCsrfToken((await send('session.get', undefined)).csrfToken);
		return await send(op, args[0] as object | undefined);
	}
}

async function send<Name extends OpName>(op: Name, request: object | undefined): Promise<ResponseOf<Name>> {
	const { method } = OPS[op];
	const url = apiUrl(op);
	const init: RequestInit = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
	if (method === 'GET') {
		url.search = queryParams(request).toString();
	} else {
		const headers = init.headers as Record<string, string>;
		if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
		if (carriesFile(request)) {
			init.body = multipartBody(request ?? {});
		} else {
			headers['Content-Type'] = 'application/json';
			init.body = JSON.stringify(request ?? {});
		}
	}

	let response: Response;
	try {
		response = await fetch(url, init);
	} catch (error) {
		throw new ApiFailure(0, { code: 'network', message: `无法连接服务器 (${(error as Error).message})` });
	}
	if (!response.ok) {
		const failure = new ApiFailure(response.status, await errorOf(response));
		if (response.status === 401 && !SESSION_PROBES.includes(op)) sessionLost();
		throw failure;
	}
	const type = response.headers.get('Content-Type') ?? '';
	return (type.includes('json') ? await response.json() : await response.blob()) as ResponseOf<Name>;
}

function apiUrl(op: OpName): URL {
	return new URL(`api/${op}`, document.baseURI);
}

async function errorOf(response: Response): Promise<ApiError> {
	const fallback: ApiError = { code: `http${response.status}`, message: `请求失败 (HTTP ${response.status})` };
	try {
		const body = (await response.json()) as { error?: Partial<ApiError> };
		if (body?.error && typeof body.error.message === 'string') {
			const problems = Array.isArray(body.error.problems) ? { problems: body.error.problems } : {};
			return { code: String(body.error.code ?? fallback.code), message: body.error.message, field: body.error.field, ...problems };
		}
	} catch {
		// not JSON: the fallback says what happened
	}
	return fallback;
}
