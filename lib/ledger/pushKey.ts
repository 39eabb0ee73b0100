import type { Channel } from './channels';

/**
 * The idempotency key of pushing one hit on one channel: stored UNIQUE in push_ledger and
 * sent to the gateway, which dedupes by it. The store's schema is part of the key, so two
 * installations sharing one gateway never collide.
 */
export function pushKey(scope: string, hitId: number, channel: Channel): string {
	return `${scope}:hit:${hitId}:${channel}`;
}
