import { maskPhone } from '../privacy';
import { GatewayTransportError, type GatewayResponse } from './GatewayClient';

export interface RetryPolicy {
	/** Further attempts after the first. */
	retries: number;
	baseDelayMs: number;
	maxDelayMs: number;
}

export type CallOutcome =
	| { kind: 'accepted'; status: number; body: unknown; attempts: number }
	/** The gateway answered 4xx: retrying the same request cannot help. */
	| { kind: 'rejected'; status: number; body: unknown; attempts: number }
	/** 5xx, timeouts, dropped connections on every attempt: worth trying again later with the same key. */
	| { kind: 'failed'; status: number | null; error: string; attempts: number };

/**
 * Calls until the gateway accepts or rejects, retrying with exponential backoff and jitter
 * on 5xx, timeouts and dropped connections, never on 4xx. Safe because every attempt
 * carries the same idempotency key: the gateway sends at most once whatever reaches it.
 */
export async function retryingCall(
	attempt: () => Promise<GatewayResponse>,
	policy: RetryPolicy,
	sleep: (ms: number) => Promise<void> = defaultSleep,
): Promise<CallOutcome> {
	let lastStatus: number | null = null;
	let lastError = '';
	for (let attempts = 1; ; attempts++) {
		try {
			const response = await attempt();
			if (response.status >= 200 && response.status < 300) return { kind: 'accepted', status: response.status, body: response.body, attempts };
			if (response.status >= 400 && response.status < 500) return { kind: 'rejected', status: response.status, body: response.body, attempts };
			lastStatus = response.status;
			lastError = `网关返回 ${response.status}${errorText(response.body)}`;
		} catch (error) {
			if (!(error instanceof GatewayTransportError)) throw error;
			lastStatus = null;
			lastError = error.message;
		}
		if (attempts > policy.retries) return { kind: 'failed', status: lastStatus, error: lastError, attempts };
		await sleep(backoffDelay(policy, attempts));
	}
}

function backoffDelay(policy: RetryPolicy, attempt: number): number {
	const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
	return Math.round(exponential * (0.5 + Math.random() * 0.5));
}

/** "：<code> <message>" from a contract error body, or ""; a phone number the gateway echoes is masked. */
export function errorText(body: unknown): string {
	let text = '';
	if (body && typeof body === 'object') {
		const { code, message } = body as { code?: unknown; message?: unknown };
		text = [code, message].filter((part) => typeof part === 'string' && part).join(' ');
	} else if (typeof body === 'string') {
		text = body;
	}
	return text ? `：${text.slice(0, 200).replace(/1\d{10}/g, (phone) => maskPhone(phone))}` : '';
}

function defaultSleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
