import type { KeyObject } from 'node:crypto';

import { checkPlainId18, chinaToday, parseIdNumber, type IdNumberErrorCode } from '../../identity/idNumber';
import { HASH_VERSION } from '../../privacy/keyedHash';
import type { RejectCode } from '../rejectReasons';
import { CachedDataView } from '../text/CachedDataView';
import { ShortHmacSha256, writeHexWords } from './ShortHmacSha256';

/**
 * Recently seen ID numbers whose hash is kept, in two direct-mapped caches (slot counts
 * are powers of two). A person's calls of one application come together: a near cache
 * small enough to stay in the CPU's own cache catches those. The same person often
 * applies again hours later: a far cache of 2^20 slots (40 MB, touched only as used)
 * keeps about half of those. Measured on 10 M rows: the far cache alone spent as much on
 * memory waits as it saved in hashing; probed only after the near cache, it saves both.
 */
const NEAR_BITS = 12;
const FAR_BITS = 20;
const NEAR_SLOTS = 1 << NEAR_BITS;
const FAR_SLOTS = 1 << FAR_BITS;
/** Where a hash not kept in the caches is written (the slot after the last). */
const SPARE_SLOT = NEAR_SLOTS + FAR_SLOTS;
/** A slot: the number as two integers (its key), then its hash's 8 words — together, so a look-up touches one place in memory. */
const SLOT_INTS = 10;
const KEY_INTS = 2;

const ID_REJECTS: Readonly<Record<IdNumberErrorCode, RejectCode>> = {
	empty: 'idEmpty',
	length: 'idLength',
	characters: 'idCharacters',
	checkDigit: 'idCheckDigit',
	birthDate: 'idBirthDate',
	region: 'idRegion',
};

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');

/**
 * Validates and pseudonymises the ID number of each call-log row, straight from the row's
 * bytes: GB 11643 checks by parseIdNumber, then the same HMAC-SHA-256 as keyedHash
 * (lib/privacy), so hashes match the roster's. The caches of recently seen numbers → hash
 * (above) skip most of the work; their key is the 18 characters packed into two integers,
 * compared exactly. Nothing here outlives the ingest.
 */
export class IdPseudonymiser {
	/**
	 * The near cache's slots, then the far cache's, then the spare one. A slot: the number
	 * as 1 + its first 9 digits (0: empty slot) and its next 8 digits × 11 + check (X = 10),
	 * then the 8 words of its hash (big-endian, as SHA-256 gives them). The last hash's
	 * words are at wordsOffset.
	 */
	readonly words = new Int32Array((SPARE_SLOT + 1) * SLOT_INTS);
	wordsOffset = 0;
	hits = 0;

	private readonly hmac: ShortHmacSha256;
	private readonly views = new CachedDataView();
	private readonly normalised = new Uint8Array(18);
	private today = chinaToday();
	private sinceTodayCheck = 0;

	constructor(hashKey: KeyObject | Uint8Array) {
		this.hmac = new ShortHmacSha256(hashKey instanceof Uint8Array ? hashKey : hashKey.export());
	}

	/**
	 * Checks the raw ID bytes[start, end) and, when valid, leaves its hash at wordsOffset.
	 * Returns null when valid, else why not.
	 */
	pseudonymise(bytes: Uint8Array, start: number, end: number): RejectCode | null {
		if (end - start !== 18) return this.hashUnusual(bytes, start, end);
		// 17 digits + digit or X: packed into two integers, they are the cache key.
		const view = this.views.of(bytes);
		const w0 = view.getInt32(start);
		const w1 = view.getInt32(start + 4);
		const w2 = view.getInt32(start + 9);
		const w3 = view.getInt32(start + 13);
		const digit8 = bytes[start + 8] - 48;
		if (!fourDigits(w0) || !fourDigits(w1) || !fourDigits(w2) || !fourDigits(w3) || digit8 < 0 || digit8 > 9) {
			return this.hashUnusual(bytes, start, end);
		}
		const high = (fourDigitValue(w0) * 10_000 + fourDigitValue(w1)) * 10 + digit8 + 1; // 0 marks an empty slot
		let low = fourDigitValue(w2) * 10_000 + fourDigitValue(w3);
		const check = bytes[end - 1];
		if (check >= 48 && check <= 57) low = low * 11 + check - 48;
		else if (check === 88) low = low * 11 + 10;
		else return this.hashUnusual(bytes, start, end);

		const mixed = Math.imul(high ^ Math.imul(low, 0x9e3779b1), 0x85ebca6b);
		const cache = this.words;
		const near = (mixed >>> (32 - NEAR_BITS)) * SLOT_INTS;
		this.wordsOffset = near + KEY_INTS;
		if (cache[near] === high && cache[near + 1] === low) {
			this.hits++;
			return null;
		}
		const far = (NEAR_SLOTS + (mixed & (FAR_SLOTS - 1))) * SLOT_INTS;
		if (cache[far] === high && cache[far + 1] === low) {
			this.hits++;
			for (let i = 0; i < SLOT_INTS; i++) cache[near + i] = cache[far + i];
			return null;
		}
		const problem = checkPlainId18(bytes, start, this.currentToday());
		if (problem !== null) return ID_REJECTS[problem];
		this.hmac.digest(bytes, start, 18, cache, near + KEY_INTS);
		cache[near] = high;
		cache[near + 1] = low;
		for (let i = 0; i < SLOT_INTS; i++) cache[far + i] = cache[near + i];
		return null;
	}

	/** Any other spelling (15 digits, spaces, full-width digits, lower-case x, garbage): parseIdNumber decides. */
	private hashUnusual(bytes: Uint8Array, start: number, end: number): RejectCode | null {
		const parsed = parseIdNumber(decodeId(bytes, start, end));
		if (!parsed.ok) return ID_REJECTS[parsed.code];
		for (let i = 0; i < 18; i++) this.normalised[i] = parsed.value.charCodeAt(i);
		this.wordsOffset = SPARE_SLOT * SLOT_INTS + KEY_INTS;
		this.hmac.digest(this.normalised, 0, 18, this.words, this.wordsOffset);
		return null;
	}

	/** Today (China) for birth-date checks, looked up again every few thousand numbers. */
	private currentToday(): number {
		if (++this.sinceTodayCheck >= 4096) {
			this.sinceTodayCheck = 0;
			this.today = chinaToday();
		}
		return this.today;
	}

	/** The last hash as keyedHash writes it (tests). */
	lastHash(): string {
		const hex = new Uint8Array(64);
		writeHexWords(this.words, this.wordsOffset, hex, 0);
		return `${HASH_VERSION}:${latin1.decode(hex)}`;
	}
}

/** Whether the four bytes of a big-endian word are all ASCII digits: high nibbles 3, low ones at most 9 (+6 carries out of 9 only). */
function fourDigits(word: number): boolean {
	return (word & 0xf0f0f0f0) === 0x30303030 && ((word + 0x06060606) & 0xf0f0f0f0) === 0x30303030;
}

/** The number four ASCII digits (a big-endian word, checked by fourDigits) spell. */
function fourDigitValue(word: number): number {
	const digits = word & 0x0f0f0f0f;
	const pairs = ((digits >>> 8) & 0x000f000f) * 10 + (digits & 0x000f000f);
	return (pairs >>> 16) * 100 + (pairs & 0xff);
}

function decodeId(bytes: Uint8Array, start: number, end: number): string {
	for (let i = start; i < end; i++) if (bytes[i] >= 0x80) return utf8.decode(bytes.subarray(start, end));
	return latin1.decode(bytes.subarray(start, end));
}
