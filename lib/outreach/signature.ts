import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The gateway contract's request signature (docs/gateway-openapi.yaml): HMAC-SHA-256 with
 * the app's secret over
 *
 *   METHOD \n PATH \n TIMESTAMP \n NONCE \n hex(SHA-256(body))
 *
 * PATH is the request target as sent (path and query), TIMESTAMP Unix seconds, NONCE a
 * random string used once. The same scheme signs the gateway's status callbacks to n8n.
 */
export const SIGNATURE_HEADERS = {
	appId: 'x-app-id',
	timestamp: 'x-timestamp',
	nonce: 'x-nonce',
	signature: 'x-signature',
} as const;

export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** Seconds a signed request stays acceptable either side of the receiver's clock. */
export const REPLAY_WINDOW_SECONDS = 300;

export interface SignedParts {
	method: string;
	path: string;
	timestamp: string;
	nonce: string;
	body: string | Buffer;
}

export function canonicalString(parts: SignedParts): string {
	const bodyHash = createHash('sha256').update(parts.body).digest('hex');
	return [parts.method.toUpperCase(), parts.path, parts.timestamp, parts.nonce, bodyHash].join('\n');
}

export function signature(secret: string, parts: SignedParts): string {
	return createHmac('sha256', secret).update(canonicalString(parts)).digest('hex');
}

/** The four signature headers for one request. */
export function signatureHeaders(
	appId: string,
	secret: string,
	request: { method: string; path: string; body: string | Buffer },
	now = Date.now(),
): Record<string, string> {
	const timestamp = String(Math.floor(now / 1000));
	const nonce = randomBytes(16).toString('hex');
	return {
		[SIGNATURE_HEADERS.appId]: appId,
		[SIGNATURE_HEADERS.timestamp]: timestamp,
		[SIGNATURE_HEADERS.nonce]: nonce,
		[SIGNATURE_HEADERS.signature]: signature(secret, { ...request, timestamp, nonce }),
	};
}

export type SignatureProblem = 'missing_signature' | 'unknown_app' | 'stale_timestamp' | 'bad_signature' | 'replayed_nonce';

export const SIGNATURE_PROBLEM_MESSAGES: Readonly<Record<SignatureProblem, string>> = {
	missing_signature: '缺少签名请求头 (X-App-Id, X-Timestamp, X-Nonce, X-Signature)',
	unknown_app: 'App ID 未知',
	stale_timestamp: '时间戳超出允许的时间窗口（可能是重放或时钟不同步）',
	bad_signature: '签名不正确（密钥不一致或请求被改动）',
	replayed_nonce: '同一 nonce 已使用过（重放请求）',
};

export type VerifyResult = { ok: true; appId: string } | { ok: false; problem: SignatureProblem; message: string };

export interface VerifyInput {
	method: string;
	path: string;
	body: string | Buffer;
	headers: Record<string, string | string[] | undefined>;
	/** The secret of an app id; undefined for an unknown app. */
	secretOf: (appId: string) => string | undefined;
	now?: number;
	windowSeconds?: number;
	/** Remembers a nonce and says whether it was already used within the window. */
	nonceSeen?: (appId: string, nonce: string) => boolean;
}

/** Checks a signed request or callback: headers present, app known, timestamp in the window, signature, nonce unused. */
export function verifySignature(input: VerifyInput): VerifyResult {
	const header = (name: string) => {
		const value = input.headers[name] ?? input.headers[name.toLowerCase()];
		return Array.isArray(value) ? value[0] : value;
	};
	const appId = header(SIGNATURE_HEADERS.appId);
	const timestamp = header(SIGNATURE_HEADERS.timestamp);
	const nonce = header(SIGNATURE_HEADERS.nonce);
	const given = header(SIGNATURE_HEADERS.signature);
	const fail = (problem: SignatureProblem): VerifyResult => ({ ok: false, problem, message: SIGNATURE_PROBLEM_MESSAGES[problem] });
	if (!appId || !timestamp || !nonce || !given) return fail('missing_signature');
	const secret = input.secretOf(appId);
	if (secret === undefined) return fail('unknown_app');
	const window = input.windowSeconds ?? REPLAY_WINDOW_SECONDS;
	const seconds = Number(timestamp);
	if (!/^\d{1,12}$/.test(timestamp) || Math.abs((input.now ?? Date.now()) / 1000 - seconds) > window) return fail('stale_timestamp');
	const expected = Buffer.from(signature(secret, { method: input.method, path: input.path, timestamp, nonce, body: input.body }), 'hex');
	const actual = Buffer.from(/^[0-9a-f]{64}$/i.test(given) ? given : '', 'hex');
	if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return fail('bad_signature');
	if (input.nonceSeen?.(appId, nonce)) return fail('replayed_nonce');
	return { ok: true, appId };
}
