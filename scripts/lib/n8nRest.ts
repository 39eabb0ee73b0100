// The few REST calls `npm start` makes to its own n8n on 127.0.0.1.
import type { StartConfig } from './config';

const AUTH_COOKIE = 'n8n-auth';

/** The owner account as n8n's setup takes it; saved by ./owner. */
export interface OwnerLogin {
	email: string;
	firstName: string;
	lastName: string;
	password: string;
}

/** An entry of n8n's `/types/nodes.json` or `/types/credentials.json`. */
export interface LoadedType {
	name: string;
	displayName: string;
}

export async function requestJson<T>(
	config: StartConfig,
	method: string,
	urlPath: string,
	{ body, cookie }: { body?: unknown; cookie?: string } = {},
): Promise<{ json: T; response: Response }> {
	const headers: Record<string, string> = { accept: 'application/json' };
	if (body !== undefined) headers['content-type'] = 'application/json';
	if (cookie) headers.cookie = cookie;
	const response = await fetch(`${config.baseUrl}${urlPath}`, {
		method,
		headers,
		body: body === undefined ? undefined : JSON.stringify(body),
		signal: AbortSignal.timeout(30_000),
	});
	const text = await response.text();
	if (!response.ok) {
		throw new Error(`${method} ${urlPath} answered ${response.status}: ${text.slice(0, 300)}`);
	}
	return { json: text ? JSON.parse(text) : undefined, response };
}

function authCookieFrom(response: Response): string {
	const setCookie = response.headers.getSetCookie().find((value) => value.startsWith(`${AUTH_COOKIE}=`));
	if (!setCookie) throw new Error('n8n did not return a session cookie');
	return setCookie.split(';')[0];
}

export async function isOwnerSetUp(config: StartConfig): Promise<boolean> {
	const { json } = await requestJson<{ data: { userManagement: { showSetupOnFirstLoad: boolean } } }>(config, 'GET', '/rest/settings');
	return json.data.userManagement.showSetupOnFirstLoad === false;
}

export async function setUpOwner(config: StartConfig, login: OwnerLogin): Promise<string> {
	const { response } = await requestJson(config, 'POST', '/rest/owner/setup', { body: login });
	return authCookieFrom(response);
}

export async function logIn(config: StartConfig, login: OwnerLogin): Promise<string> {
	const body = { emailOrLdapLoginId: login.email, password: login.password };
	const { response } = await requestJson(config, 'POST', '/rest/login', { body });
	return authCookieFrom(response);
}

export async function loadedTypes(config: StartConfig, cookie: string, kind: 'nodes' | 'credentials'): Promise<LoadedType[]> {
	const { json } = await requestJson<LoadedType[]>(config, 'GET', `/types/${kind}.json`, { cookie });
	return json;
}
