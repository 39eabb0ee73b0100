import type { KeyObject } from 'node:crypto';

import { parseIdNumber, type IdNumberErrorCode } from '../../identity/idNumber';
import { HASH_VERSION } from '../../privacy/keyedHash';
import type { RejectCode } from '../rejectReasons';
import { checkPlainId18, chinaToday } from './plainIdNumber';
import { ShortHmacSha256, writeHexWords } from './ShortHmacSha256';

/**
 * Cache slots (a power of two): recently seen ID numbers whose hash is kept. A person's
 * calls of one application come together, but the same person often applies again hours
 * later; 2^20 slots (40 MB, touched only as used) keep about half of those.
 */
const CACHE_BITS = 20;
const CACHE_SLOTS = 1 << CACHE_BITS;
/** Where a hash not kept in the cache is written (the slot after the last). */
const SPARE_SLOT = CACHE_SLOTS;

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
 * (lib/privacy), so hashes match the roster's. A direct-mapped cache of recently seen
 * numbers → hash skips most of the work; its key is the 18 characters packed into two
 * integers, compared exactly. Nothing here outlives the ingest.
 */
export class IdPseudonymiser {
	/** The last hash: its 8 words (big-endian, as SHA-256 gives them) at wordsOffset. */
	readonly words = new Int32Array((CACHE_SLOTS + 1) * 8);
	wordsOffset = 0;
	hits = 0;

	private readonly hmac: ShortHmacSha256;
	/** The cached number as 1 + its first 9 digits (0: empty slot), and its next 8 digits × 11 + check (X = 10). */
	private readonly keyHigh = new Int32Array(CACHE_SLOTS);
	private readonly keyLow = new Int32Array(CACHE_SLOTS);
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
		let high = 0;
		for (let i = start; i < start + 9; i++) {
			const digit = bytes[i] - 48;
			if (digit < 0 || digit > 9) return this.hashUnusual(bytes, start, end);
			high = high * 10 + digit;
		}
		high++; // 0 marks an empty slot
		let low = 0;
		for (let i = start + 9; i < end - 1; i++) {
			const digit = bytes[i] - 48;
			if (digit < 0 || digit > 9) return this.hashUnusual(bytes, start, end);
			low = low * 10 + digit;
		}
		const check = bytes[end - 1];
		if (check >= 48 && check <= 57) low = low * 11 + check - 48;
		else if (check === 88) low = low * 11 + 10;
		else return this.hashUnusual(bytes, start, end);

		const slot = (Math.imul(high ^ Math.imul(low, 0x9e3779b1), 0x85ebca6b) >>> (32 - CACHE_BITS));
		this.wordsOffset = slot * 8;
		if (this.keyHigh[slot] === high && this.keyLow[slot] === low) {
			this.hits++;
			return null;
		}
		const problem = checkPlainId18(bytes, start, this.currentToday());
		if (problem !== null) return ID_REJECTS[problem];
		this.hashInto(slot, bytes, start);
		this.keyHigh[slot] = high;
		this.keyLow[slot] = low;
		return null;
	}

	/** Any other spelling (15 digits, spaces, full-width digits, lower-case x, garbage): parseIdNumber decides. */
	private hashUnusual(bytes: Uint8Array, start: number, end: number): RejectCode | null {
		const parsed = parseIdNumber(decodeId(bytes, start, end));
		if (!parsed.ok) return ID_REJECTS[parsed.code];
		for (let i = 0; i < 18; i++) this.normalised[i] = parsed.value.charCodeAt(i);
		this.hashInto(SPARE_SLOT, this.normalised, 0);
		this.wordsOffset = SPARE_SLOT * 8;
		return null;
	}

	private hashInto(slot: number, message: Uint8Array, start: number): void {
		this.hmac.digest(message, start, 18, this.words, slot * 8);
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

function decodeId(bytes: Uint8Array, start: number, end: number): string {
	for (let i = start; i < end; i++) if (bytes[i] >= 0x80) return utf8.decode(bytes.subarray(start, end));
	return latin1.decode(bytes.subarray(start, end));
}
