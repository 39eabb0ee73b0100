/** The session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it). */
export const SESSION_COOKIE = 'lm_console';

export const DEFAULT_COOKIE_PATH = '/webhook/console';

/** Cookies from a Cookie header (`a=1; b=2`); the first of a repeated name wins. */
export function parseCookieHeader(header: string | undefined): Record<string, string> {
	const cookies: Record<string, string> = {};
	for (const part of (header ?? '').split(';')) {
		const eq = part.indexOf('=');
		if (eq <= 0) continue;
		const name = part.slice(0, eq).trim();
		if (name && !(name in cookies)) cookies[name] = part.slice(eq + 1).trim();
	}
	return cookies;
}

interface CookieOptions {
	path: string;
	secure: boolean;
}

/** No Max-Age: the cookie ends with the browser; the server ends the session by its own clock. */
export function sessionCookie(token: string, { path, secure }: CookieOptions): string {
	return `${SESSION_COOKIE}=${token}; Path=${path}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

export function clearedSessionCookie({ path, secure }: CookieOptions): string {
	return `${SESSION_COOKIE}=; Path=${path}; Max-Age=0; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}
