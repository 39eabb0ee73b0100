import * as http from 'node:http';

export interface WebhookReply {
	status: number;
	text: string;
}

/**
 * POST to one of n8n's webhooks and wait for its answer as long as `timeoutMs` (global fetch
 * gives up after undici's 300 s headers timeout, which a slow run exceeds).
 */
export function postWebhook(baseUrl: string, webhookPath: string, headers: Record<string, string>, body: string | undefined, timeoutMs: number): Promise<WebhookReply> {
	return new Promise((resolve, reject) => {
		const request = http.request(`${baseUrl}/webhook/${webhookPath}`, { method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body ?? '') } }, (response) => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
			response.on('error', reject);
		});
		request.setTimeout(timeoutMs, () => request.destroy(new Error(`no answer from /webhook/${webhookPath} within ${timeoutMs / 1000} s`)));
		request.on('error', reject);
		request.end(body);
	});
}
