import { HASH_VERSION } from './keyedHash';

/** A keyed hash as call_events stores it: the version as one byte, then the 32 HMAC bytes. */
export const HASH_BYTES_LENGTH = 33;

/** The version byte of hashes keyedHash writes now (`v1` → 1). */
export const HASH_VERSION_BYTE = Number(HASH_VERSION.slice(1));

const TEXT_FORM = /^v(\d{1,3}):([0-9a-f]{64})$/;

/**
 * `v1:` + 64 hex characters → 33 bytes, the same as the store's id_hash_bytes(text)
 * (migration 5). Throws on anything that is not a keyed hash.
 */
export function hashToBytes(hash: string): Buffer {
	const match = TEXT_FORM.exec(hash);
	if (!match || Number(match[1]) > 255) throw new Error('not a keyed hash (expected v<version>: and 64 hex characters)');
	const bytes = Buffer.alloc(HASH_BYTES_LENGTH);
	bytes[0] = Number(match[1]);
	bytes.write(match[2], 1, 'hex');
	return bytes;
}
