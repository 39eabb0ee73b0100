import type { ConsoleRequest } from './ConsoleRequest';
import { headerValue } from './sessionToken';

/** The values Sec-Fetch-Site takes when a page of another origin made the request. */
const OTHER_ORIGIN_SITES = new Set(['cross-site', 'same-site']);

/**
 * Whether a browser made this request from a page of another origin. Browsers name the
 * page's origin in `Origin` (on every POST and on cross-origin reads) and say where the
 * request came from in `Sec-Fetch-Site`; a request with neither is not a browser's (a
 * script's, curl's) and is not a cross-site forgery. The console's own origin is the one
 * the browser asked for: the Host (or X-Forwarded-Host behind a proxy) over http or https.
 *
 * n8n's webhook CORS setting (allowedOrigins) cannot stand in for this: it only chooses the
 * Access-Control-Allow-Origin header, never refuses a request, and is not even looked up for
 * a webhook path with a parameter (`api/:op`).
 */
export function fromOtherOrigin(request: ConsoleRequest, allowedOrigins: readonly string[] = []): boolean {
	const origin = headerValue(request, 'origin');
	if (origin !== undefined) return !allowed(origin, request, allowedOrigins);
	const site = headerValue(request, 'sec-fetch-site');
	return site !== undefined && OTHER_ORIGIN_SITES.has(site.toLowerCase());
}

function allowed(origin: string, request: ConsoleRequest, allowedOrigins: readonly string[]): boolean {
	const given = origin.trim().toLowerCase();
	if (allowedOrigins.some((entry) => entry.trim().toLowerCase().replace(/\/+$/, '') === given)) return true;
	const host = (headerValue(request, 'x-forwarded-host') ?? headerValue(request, 'host'))?.split(',')[0].trim().toLowerCase();
	if (!host) return false;
	return given === `${request.secure === true ? 'https' : 'http'}://${host}`;
}
