'use strict';
// The few REST calls `npm start` makes to its own n8n on 127.0.0.1.
const AUTH_COOKIE = 'n8n-auth';

async function requestJson(config, method, urlPath, { body, cookie } = {}) {
	const headers = { accept: 'application/json' };
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

function authCookieFrom(response) {
	const setCookie = response.headers.getSetCookie().find((value) => value.startsWith(`${AUTH_COOKIE}=`));
	if (!setCookie) throw new Error('n8n did not return a session cookie');
	return setCookie.split(';')[0];
}

async function isOwnerSetUp(config) {
	const { json } = await requestJson(config, 'GET', '/rest/settings');
	return json.data.userManagement.showSetupOnFirstLoad === false;
}

async function setUpOwner(config, login) {
	const { response } = await requestJson(config, 'POST', '/rest/owner/setup', { body: login });
	return authCookieFrom(response);
}

async function logIn(config, login) {
	const body = { emailOrLdapLoginId: login.email, password: login.password };
	const { response } = await requestJson(config, 'POST', '/rest/login', { body });
	return authCookieFrom(response);
}

async function loadedTypes(config, cookie, kind) {
	const { json } = await requestJson(config, 'GET', `/types/${kind}.json`, { cookie });
	return json;
}

module.exports = { requestJson, isOwnerSetUp, setUpOwner, logIn, loadedTypes };
