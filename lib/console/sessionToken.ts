import type { ConsoleRequest } from './ConsoleRequest';
import { parseCookieHeader, SESSION_COOKIE } from './cookies';

/** The header's value, whatever the case of its name; the first when repeated. */
export function headerValue(request: ConsoleRequest, name: string): string | undefined {
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(request.headers ?? {})) {
		if (key.toLowerCase() === wanted) return Array.isArray(value) ? value[0] : value;
	}
	return undefined;
}

/** The session token the request's cookie carries, if any. */
export function sessionToken(request: ConsoleRequest): string | undefined {
	const cookies = request.cookies ?? parseCookieHeader(headerValue(request, 'cookie'));
	return cookies[SESSION_COOKIE] || undefined;
}
