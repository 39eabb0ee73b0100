import * as http from 'node:http';
import * as https from 'node:https';

import type { GatewayCredentials } from './GatewayCredentials';
import { signatureHeaders } from './signature';
import { DomainError } from '../errors';

export interface GatewayResponse {
	status: number;
	/** Parsed JSON, or the text when the answer is not JSON. */
	body: unknown;
}

/** The request never got an HTTP answer: it timed out, or the connection failed or dropped. */
export class GatewayTransportError extends DomainError {
	constructor(
		readonly kind: 'timeout' | 'connection',
		message: string,
	) {
		super('gatewayUnreachable', message);
	}
}

export interface GatewayClientOptions {
	/** Per attempt, from sending to the whole answer. */
	timeoutMs: number;
	/** Connections kept open to the gateway (the send concurrency). */
	maxSockets: number;
}

/**
 * Signed HTTP requests to the bank's outreach gateway, over node:http(s) with keep-alive.
 * Every request is signed anew (fresh timestamp and nonce), so a retry is never a replay.
 */
export class GatewayClient {
	private readonly agent: http.Agent;
	private readonly base: URL;

	constructor(
		private readonly credentials: GatewayCredentials,
		private readonly options: GatewayClientOptions,
	) {
		this.base = new URL(credentials.baseUrl);
		const Agent = this.base.protocol === 'https:' ? https.Agent : http.Agent;
		this.agent = new Agent({ keepAlive: true, maxSockets: Math.max(1, options.maxSockets) });
	}

	/** The request target the gateway sees and signs: the base URL's path + `path`. */
	target(path: string): string {
		return `${this.base.pathname.replace(/\/+$/, '')}${path}`;
	}

	async request(method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<GatewayResponse> {
		const target = this.target(path);
		const payload = body === undefined ? '' : JSON.stringify(body);
		const signed = signatureHeaders(this.credentials.appId, this.credentials.secret, { method, path: target, body: payload });
		const transport = this.base.protocol === 'https:' ? https : http;
		return new Promise<GatewayResponse>((resolve, reject) => {
			let settled = false;
			const finish = (error: Error | undefined, response?: GatewayResponse) => {
				if (settled) return;
				settled = true;
				clearTimeout(timer);
				if (error) reject(error);
				else resolve(response as GatewayResponse);
			};
			const request = transport.request(
				{
					protocol: this.base.protocol,
					hostname: this.base.hostname,
					port: this.base.port || undefined,
					method,
					path: target,
					agent: this.agent,
					headers: {
						accept: 'application/json',
						...(payload ? { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload) } : {}),
						...signed,
						...headers,
					},
				},
				(response) => {
					const chunks: Buffer[] = [];
					response.on('data', (chunk: Buffer) => chunks.push(chunk));
					response.on('error', (error) => finish(new GatewayTransportError('connection', `网关连接中断：${error.message}`)));
					response.on('aborted', () => finish(new GatewayTransportError('connection', '网关连接中断（应答未完整返回）')));
					response.on('end', () => {
						if (!response.complete) {
							finish(new GatewayTransportError('connection', '网关连接中断（应答未完整返回）'));
							return;
						}
						finish(undefined, { status: response.statusCode ?? 0, body: parseBody(Buffer.concat(chunks).toString('utf8')) });
					});
				},
			);
			const timer = setTimeout(() => {
				request.destroy();
				finish(new GatewayTransportError('timeout', `网关 ${this.options.timeoutMs} ms 内未应答`));
			}, this.options.timeoutMs);
			request.on('error', (error: NodeJS.ErrnoException) =>
				finish(new GatewayTransportError('connection', `无法连接网关：${error.code ?? error.message}`)),
			);
			request.end(payload);
		});
	}

	close(): void {
		this.agent.destroy();
	}
}

function parseBody(text: string): unknown {
	if (!text) return null;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}
