import type { Channel } from '../ledger';
import type { RetryPolicy } from './retryingCall';

export interface OutreachRequest {
	/** A hit: the lead's phone comes from the store, decrypted only for the request. */
	hitId?: number;
	/** Or a number given directly (a test push): no hit, no lead. */
	phone?: string;
	/** For a number given directly: what makes the push unique (retries of one run reuse it). */
	testKey?: string;
	templateId: string;
	variables: Record<string, string>;
}

export interface OutreachOptions {
	channel: Channel;
	/** Prefix of idempotency keys: the store's schema. */
	keyScope: string;
	dryRun: boolean;
	concurrency: number;
	retry: RetryPolicy;
	/** Per attempt. */
	timeoutMs: number;
	updateHitStatus: boolean;
	/** Put the lead's full name (from the store, in memory only) into this template variable. */
	leadNameVariable?: string;
	callbackUrl?: string;
	batchSize?: number;
	/** How long a claim may be held; by default long enough for a batch with every retry. */
	leaseMs?: number;
}

/** The gateway's path per channel (docs/gateway-openapi.yaml). */
export const GATEWAY_PATHS: Readonly<Record<Channel, string>> = { sms: '/v1/sms', call: '/v1/calls' };
