import { keyedHash, privacyKeys } from '../../lib/privacy';

/** The bench's own store keys: the hashes are real `v1:` HMACs, as the ingest would write them. */
export const BENCH_KEYS = privacyKeys('lead-monitor-bench-hashing-key', 'lead-monitor-bench-encryption-key');

/**
 * ID hashes 0 … count − 1: the keyed hash of a counter-made ID (the bench needs distinct
 * people, not valid ID numbers, and counters never collide).
 */
export function idHashes(count: number): string[] {
	const hashes = new Array<string>(count);
	for (let i = 0; i < count; i++) hashes[i] = keyedHash(BENCH_KEYS.hashKey, `BENCH${String(i).padStart(12, '0')}`);
	return hashes;
}
