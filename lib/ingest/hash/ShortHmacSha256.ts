import { CachedDataView } from '../text/CachedDataView';
import { compressBlock, SHA256_INITIAL_STATE } from './Sha256Block';

const BLOCK_BYTES = 64;
/** Longest message that fits one block with SHA-256's padding (1 byte 0x80 + 8 bytes length). */
export const MAX_SHORT_MESSAGE_BYTES = 55;

/**
 * HMAC-SHA-256 (RFC 2104) under one fixed key, for messages of at most 55 bytes (an ID
 * number is 18). The key's inner and outer pad states are computed once, so each message
 * costs two compressions. Gives the same result as `createHmac('sha256', key)`.
 */
export class ShortHmacSha256 {
	private readonly innerStart = new Int32Array(8);
	private readonly outerStart = new Int32Array(8);
	private readonly inner = new Int32Array(8);
	private readonly w = new Int32Array(64);
	private readonly views = new CachedDataView();

	constructor(key: Uint8Array) {
		if (key.length > BLOCK_BYTES) throw new Error('ShortHmacSha256 takes keys of at most 64 bytes');
		const pad = new Uint8Array(BLOCK_BYTES);
		pad.set(key);
		this.padState(pad, 0x36, this.innerStart);
		this.padState(pad, 0x5c, this.outerStart);
	}

	/** HMAC of bytes[start, start + length) into `out` (8 big-endian words) at `outOffset`. */
	digest(bytes: Uint8Array, start: number, length: number, out: Int32Array, outOffset: number): void {
		if (length > MAX_SHORT_MESSAGE_BYTES) throw new Error(`ShortHmacSha256 takes messages of at most ${MAX_SHORT_MESSAGE_BYTES} bytes`);
		const w = this.w;
		w.fill(0, 0, 16);
		const view = this.views.of(bytes);
		let i = 0;
		for (; i + 4 <= length; i += 4) w[i >> 2] = view.getInt32(start + i);
		for (; i < length; i++) w[i >> 2] |= bytes[start + i] << (24 - 8 * (i & 3));
		w[length >> 2] |= 0x80 << (24 - 8 * (length & 3));
		w[15] = (BLOCK_BYTES + length) * 8;
		compressBlock(this.innerStart, w, this.inner);

		for (let i = 0; i < 8; i++) w[i] = this.inner[i];
		w[8] = 0x80000000;
		w.fill(0, 9, 15);
		w[15] = (BLOCK_BYTES + 32) * 8;
		compressBlock(this.outerStart, w, out, outOffset);
	}

	private padState(key: Uint8Array, xor: number, out: Int32Array): void {
		const w = this.w;
		for (let i = 0; i < 16; i++) {
			w[i] =
				((key[4 * i] ^ xor) << 24) | ((key[4 * i + 1] ^ xor) << 16) | ((key[4 * i + 2] ^ xor) << 8) | (key[4 * i + 3] ^ xor);
		}
		compressBlock(SHA256_INITIAL_STATE, w, out);
	}
}

const HEX_DIGITS = new Uint8Array([48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102]);

/** Writes 8 words as 64 lower-case hex characters (ASCII bytes) into dst at pos. */
export function writeHexWords(words: Int32Array, wordsOffset: number, dst: Uint8Array, pos: number): void {
	for (let i = 0; i < 8; i++) {
		const v = words[wordsOffset + i];
		for (let shift = 28; shift >= 0; shift -= 4) dst[pos++] = HEX_DIGITS[(v >>> shift) & 15];
	}
}
