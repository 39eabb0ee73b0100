/** Calls to the instance's webhooks, the way the bank's systems and the board's users make them. */
export interface WebhookAnswer<T> {
	status: number;
	headers: Headers;
	body: T;
	text: string;
}

export async function callWebhook<T = unknown>(
	baseUrl: string,
	path: string,
	init: { method?: string; headers?: Record<string, string>; body?: RequestInit['body'] } = {},
): Promise<WebhookAnswer<T>> {
	const response = await fetch(`${baseUrl}/webhook/${path}`, {
		method: init.method ?? 'GET',
		headers: init.headers,
		body: init.body,
		redirect: 'manual',
		signal: AbortSignal.timeout(120_000),
	});
	const text = await response.text();
	let body: unknown = text;
	if ((response.headers.get('content-type') ?? '').includes('json') && text) body = JSON.parse(text);
	return { status: response.status, headers: response.headers, body: body as T, text };
}

/** Like callWebhook, but anything but a 2xx is an error that shows the answer. */
export async function expectOk<T = unknown>(...args: Parameters<typeof callWebhook>): Promise<T> {
	const answer = await callWebhook<T>(...args);
	if (answer.status < 200 || answer.status > 299) {
		throw new Error(`${args[2]?.method ?? 'GET'} /webhook/${args[1]} answered ${answer.status}: ${answer.text.slice(0, 500)}`);
	}
	return answer.body;
}
