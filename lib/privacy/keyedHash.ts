import { createHmac, type KeyObject } from 'node:crypto';

export const HASH_VERSION = 'v1';

/**
 * Pseudonymises a value (an ID number, a phone, an e-mail) with HMAC-SHA-256 under the
 * credential's hashing key. The result is prefixed with its version (`v1:`) so the
 * scheme can change without mixing old and new hashes. Callers normalise first.
 */
export function keyedHash(hashKey: KeyObject, value: string): string {
	return `${HASH_VERSION}:${createHmac('sha256', hashKey).update(value, 'utf8').digest('hex')}`;
}
