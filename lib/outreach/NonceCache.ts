import { REPLAY_WINDOW_SECONDS } from './signature';

/**
 * Nonces seen within the replay window, per process. A replay that reaches another worker
 * gets through, which is harmless: applying a status callback twice changes nothing.
 */
export class NonceCache {
	private readonly seen = new Map<string, number>();

	constructor(private readonly windowMs = REPLAY_WINDOW_SECONDS * 2 * 1000) {}

	/** Records the nonce; true when it was already there. */
	seenBefore(appId: string, nonce: string, now = Date.now()): boolean {
		if (this.seen.size > 10_000) {
			for (const [key, at] of this.seen) if (now - at > this.windowMs) this.seen.delete(key);
		}
		const key = `${appId}\u0000${nonce}`;
		const at = this.seen.get(key);
		if (at !== undefined && now - at <= this.windowMs) return true;
		this.seen.set(key, now);
		return false;
	}
}
