/**
 * How a request object travels: reads as a query string, writes as JSON, or as multipart
 * form data when it carries a file. Free of the DOM beyond FormData and Blob (both exist in
 * Node too), so the tests can check it.
 */

/** Query parameters for a GET: empty values left out, lists repeated, objects as JSON. */
export function queryParams(request: object | undefined): URLSearchParams {
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(request ?? {})) {
		if (value === undefined || value === null || value === '') continue;
		if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
		else if (typeof value === 'object') params.set(key, JSON.stringify(value));
		else params.set(key, String(value));
	}
	return params;
}

export function carriesFile(request: object | undefined): boolean {
	return Object.values(request ?? {}).some((value) => value instanceof Blob);
}

/** Files as file parts (with their name when they are File objects), text as is, anything else as JSON. */
export function multipartBody(request: object): FormData {
	const form = new FormData();
	for (const [key, value] of Object.entries(request)) {
		if (value === undefined || value === null) continue;
		if (value instanceof Blob) {
			const name = (value as Blob & { name?: string }).name;
			if (name) form.append(key, value, name);
			else form.append(key, value);
		} else if (typeof value === 'string') form.append(key, value);
		else form.append(key, JSON.stringify(value));
	}
	return form;
}
