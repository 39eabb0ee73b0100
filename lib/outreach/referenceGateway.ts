import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { NonceCache } from './NonceCache';
import { IDEMPOTENCY_HEADER, REPLAY_WINDOW_SECONDS, signatureHeaders, verifySignature, type SignatureProblem } from './signature';

/**
 * The reference outreach gateway: a real HTTP server implementing docs/gateway-openapi.yaml
 * (signed requests, replay window, idempotency keys), listening on 127.0.0.1 only. Tests
 * and the bench send to it; it records what it received and can fail on purpose.
 */
export type Fault =
	| { kind: 'status'; status: number; code?: string }
	/** Never answers; the connection stays open until the client gives up. */
	| { kind: 'timeout' }
	/** Answers normally after a delay. */
	| { kind: 'slow'; delayMs: number }
	/** Drops the connection before doing anything. */
	| { kind: 'drop' }
	/** Takes the message (it is sent), then drops the connection before answering. */
	| { kind: 'acceptThenDrop' };

export interface ReceivedRequest {
	method: string;
	path: string;
	headers: http.IncomingHttpHeaders;
	body: string;
	/** accepted, duplicate, rejected:<code>, or the fault applied. */
	verdict: string;
}

export interface GatewayMessage {
	id: string;
	channel: 'sms' | 'call';
	appId: string;
	idempotencyKey: string;
	to: string;
	templateId: string;
	variables: Record<string, unknown>;
	reference: unknown;
	callbackUrl?: string;
	at: number;
}

export interface ReferenceGatewayOptions {
	apps?: Record<string, string>;
	/** Path prefix the API lives under, e.g. "/gw" (the credential's base URL then ends in it). */
	basePath?: string;
	replayWindowSeconds?: number;
	/** Numbers the "carrier" refuses: 422 invalid_recipient. */
	invalidRecipients?: string[];
	/** The gateway's clock, for replay-window tests. */
	now?: () => number;
	/** Port on 127.0.0.1; default any free one. */
	port?: number;
	/** Called once for every message accepted (a retry with the same key is not a new message). */
	onMessage?: (message: GatewayMessage) => void;
}

export const TEST_APP_ID = 'lead-monitor-test';
export const TEST_APP_SECRET = 'reference-gateway-secret-0123456789';

export class ReferenceGateway {
	readonly received: ReceivedRequest[] = [];
	/** Messages actually sent, once per app and idempotency key. */
	readonly messages = new Map<string, GatewayMessage>();
	private readonly faults: Fault[] = [];
	private faultRule?: (request: ReceivedRequest) => Fault | undefined;
	private readonly nonces = new NonceCache();
	private readonly sockets = new Set<import('node:net').Socket>();
	private inFlight = 0;
	/** The most requests handled at once. */
	maxInFlight = 0;

	private constructor(
		private readonly server: http.Server,
		private readonly options: Required<Omit<ReferenceGatewayOptions, 'now' | 'port' | 'onMessage'>> & { now: () => number; onMessage?: (message: GatewayMessage) => void },
	) {}

	static async start(options: ReferenceGatewayOptions = {}): Promise<ReferenceGateway> {
		const settings = {
			apps: options.apps ?? { [TEST_APP_ID]: TEST_APP_SECRET },
			basePath: (options.basePath ?? '').replace(/\/+$/, ''),
			replayWindowSeconds: options.replayWindowSeconds ?? REPLAY_WINDOW_SECONDS,
			invalidRecipients: options.invalidRecipients ?? [],
			now: options.now ?? Date.now,
			onMessage: options.onMessage,
		};
		const server = http.createServer();
		server.keepAliveTimeout = 30_000;
		const gateway = new ReferenceGateway(server, settings);
		server.on('request', (request, response) => void gateway.handle(request, response));
		server.on('connection', (socket) => {
			gateway.sockets.add(socket);
			socket.on('close', () => gateway.sockets.delete(socket));
		});
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(options.port ?? 0, '127.0.0.1', resolve);
		});
		return gateway;
	}

	/** The base URL for the credential, e.g. http://127.0.0.1:41234/gw. */
	get url(): string {
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${this.options.basePath}`;
	}

	/** Faults for the next requests to /v1/sms and /v1/calls, one each, in order. */
	failNext(...faults: Fault[]): this {
		this.faults.push(...faults);
		return this;
	}

	/** A fault chosen per request (after the queued ones run out); undefined: none. */
	failWhen(rule: ((request: ReceivedRequest) => Fault | undefined) | undefined): this {
		this.faultRule = rule;
		return this;
	}

	/** Sends per idempotency key: more than 1 anywhere would be a double send. */
	sendsByKey(): Map<string, number> {
		const counts = new Map<string, number>();
		for (const message of this.messages.values()) counts.set(message.idempotencyKey, (counts.get(message.idempotencyKey) ?? 0) + 1);
		return counts;
	}

	/** Every accepted message's recipient, in order. */
	recipients(): string[] {
		return [...this.messages.values()].map((message) => message.to);
	}

	reset(): void {
		this.received.length = 0;
		this.messages.clear();
		this.faults.length = 0;
		this.faultRule = undefined;
		this.maxInFlight = 0;
	}

	/** A signed status callback as the gateway would POST it to n8n's webhook at `path`. */
	signedCallback(path: string, body: Record<string, unknown>, secret = this.options.apps[TEST_APP_ID]): { headers: Record<string, string>; rawBody: string } {
		const rawBody = JSON.stringify(body);
		const headers = signatureHeaders(TEST_APP_ID, secret, { method: 'POST', path, body: rawBody }, this.options.now());
		return { headers: { 'content-type': 'application/json', ...headers }, rawBody };
	}

	async close(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	private async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
		this.inFlight++;
		this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
		try {
			const body = await readBody(request);
			const path = request.url ?? '/';
			const received: ReceivedRequest = { method: request.method ?? 'GET', path, headers: request.headers, body, verdict: '' };
			this.received.push(received);
			await this.route(received, request, response);
		} finally {
			this.inFlight--;
		}
	}

	private async route(received: ReceivedRequest, request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
		const base = this.options.basePath;
		const route = received.path.startsWith(base) ? received.path.slice(base.length) : received.path;
		if (received.method === 'GET' && route === '/v1/health') return this.answer(received, response, 200, { status: 'ok' }, 'health');

		const verified = verifySignature({
			method: received.method,
			path: received.path,
			body: received.body,
			headers: received.headers,
			secretOf: (appId) => this.options.apps[appId],
			now: this.options.now(),
			windowSeconds: this.options.replayWindowSeconds,
			nonceSeen: (appId, nonce) => this.nonces.seenBefore(appId, nonce, this.options.now()),
		});
		if (!verified.ok) return this.reject(received, response, 401, verified.problem, verified.message);

		if (received.method === 'GET' && route === '/v1/ping') return this.answer(received, response, 200, { ok: true, appId: verified.appId }, 'ping');
		const channel = received.method === 'POST' && route === '/v1/sms' ? 'sms' : received.method === 'POST' && route === '/v1/calls' ? 'call' : null;
		if (!channel) return this.reject(received, response, 404, 'not_found', `没有 ${received.method} ${route}`);

		const fault = this.faults.shift() ?? this.faultRule?.(received);
		if (fault && fault.kind !== 'acceptThenDrop' && fault.kind !== 'slow') {
			received.verdict = `fault:${fault.kind}${fault.kind === 'status' ? `:${fault.status}` : ''}`;
			if (fault.kind === 'status') return this.reject(received, response, fault.status, fault.code ?? 'injected', '注入的故障', true);
			if (fault.kind === 'timeout') return;
			request.socket.destroy();
			return;
		}
		if (fault?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs));

		const key = header(received.headers, IDEMPOTENCY_HEADER);
		if (!key) return this.reject(received, response, 400, 'missing_idempotency_key', '缺少 Idempotency-Key 请求头');
		let payload: Partial<GatewayMessage>;
		try {
			payload = JSON.parse(received.body) as Partial<GatewayMessage>;
		} catch {
			return this.reject(received, response, 400, 'invalid_request', '请求体不是 JSON');
		}
		if (typeof payload.to !== 'string' || !/^1\d{10}$/.test(payload.to)) return this.reject(received, response, 400, 'invalid_request', 'to 应为 11 位手机号');
		if (typeof payload.templateId !== 'string' || !payload.templateId) return this.reject(received, response, 400, 'invalid_request', 'templateId 为空');
		if (this.options.invalidRecipients.includes(payload.to)) return this.reject(received, response, 422, 'invalid_recipient', '号码为空号或停机');

		const dedupeKey = `${verified.appId}\u0000${key}`;
		const existing = this.messages.get(dedupeKey);
		const idField = channel === 'sms' ? 'messageId' : 'callId';
		if (existing) {
			if (fault?.kind === 'acceptThenDrop') {
				received.verdict = 'duplicate+drop';
				request.socket.destroy();
				return;
			}
			return this.answer(received, response, 200, { [idField]: existing.id, status: 'accepted', duplicate: true }, 'duplicate');
		}
		const message: GatewayMessage = {
			id: `${channel === 'sms' ? 'SM' : 'CL'}${randomUUID().replace(/-/g, '').slice(0, 20)}`,
			channel,
			appId: verified.appId,
			idempotencyKey: key,
			to: payload.to,
			templateId: payload.templateId,
			variables: (payload.variables as Record<string, unknown>) ?? {},
			reference: payload.reference,
			callbackUrl: payload.callbackUrl,
			at: this.options.now(),
		};
		this.messages.set(dedupeKey, message);
		this.options.onMessage?.(message);
		if (fault?.kind === 'acceptThenDrop') {
			received.verdict = 'accepted+drop';
			request.socket.destroy();
			return;
		}
		return this.answer(received, response, 202, { [idField]: message.id, status: 'accepted', duplicate: false }, 'accepted');
	}

	private answer(received: ReceivedRequest, response: http.ServerResponse, status: number, body: unknown, verdict: string): void {
		received.verdict ||= verdict;
		response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
		response.end(JSON.stringify(body));
	}

	private reject(
		received: ReceivedRequest,
		response: http.ServerResponse,
		status: number,
		code: SignatureProblem | string,
		message: string,
		keepVerdict = false,
	): void {
		if (!keepVerdict) received.verdict = `rejected:${code}`;
		response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
		response.end(JSON.stringify({ code, message }));
	}
}

function header(headers: http.IncomingHttpHeaders, name: string): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : value;
}

function readBody(request: http.IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		request.on('error', reject);
	});
}
