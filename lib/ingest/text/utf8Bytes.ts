import { isUtf8 } from 'node:buffer';

/** Checks on UTF-8 byte ranges, for values that go into PostgreSQL text columns. */

export const TEXT_OK = 0;
export const TEXT_BAD_ENCODING = 1;
export const TEXT_NUL = 2;

/**
 * TEXT_OK, TEXT_BAD_ENCODING (not valid UTF-8, or U+FFFD: a character already lost by an
 * earlier wrong decoding) or TEXT_NUL (PostgreSQL text cannot hold NUL).
 */
export function checkUtf8Text(bytes: Uint8Array, start: number, end: number): number {
	let i = start;
	while (i < end) {
		const byte = bytes[i];
		if (byte < 0x80) {
			if (byte === 0) return TEXT_NUL;
			i++;
			continue;
		}
		let length: number;
		let min: number;
		if (byte >= 0xc2 && byte < 0xe0) {
			length = 2;
			min = 0x80;
		} else if (byte >= 0xe0 && byte < 0xf0) {
			length = 3;
			min = 0x800;
		} else if (byte >= 0xf0 && byte < 0xf5) {
			length = 4;
			min = 0x10000;
		} else {
			return TEXT_BAD_ENCODING;
		}
		if (i + length > end) return TEXT_BAD_ENCODING;
		let code = byte & (0xff >> (length + 1));
		for (let k = 1; k < length; k++) {
			const next = bytes[i + k];
			if ((next & 0xc0) !== 0x80) return TEXT_BAD_ENCODING;
			code = (code << 6) | (next & 0x3f);
		}
		if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || code === 0xfffd) return TEXT_BAD_ENCODING;
		i += length;
	}
	return TEXT_OK;
}

const REPLACEMENT_CHARACTER = Buffer.from([0xef, 0xbf, 0xbd]);

/** Whether all of `bytes` would pass checkUtf8Text, checked at native speed (for a whole chunk at once). */
export function isCleanText(bytes: Uint8Array): boolean {
	if (!isUtf8(bytes)) return false;
	// Buffer's indexOf is memchr; Uint8Array's is a loop twenty times slower.
	const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	return buffer.indexOf(0) < 0 && buffer.indexOf(REPLACEMENT_CHARACTER) < 0;
}

/**
 * Whether a sample reads as UTF-8 text: its multi-byte characters are mostly valid. A GBK
 * file has almost none; a UTF-8 file with a few corrupted rows has many more valid ones
 * than broken ones (those rows are then rejected one by one).
 */
export function looksLikeUtf8(bytes: Uint8Array): boolean {
	let valid = 0;
	let invalid = 0;
	let i = 0;
	const end = bytes.length;
	while (i < end) {
		const byte = bytes[i];
		if (byte < 0x80) {
			i++;
			continue;
		}
		const length = byte >= 0xc2 && byte < 0xe0 ? 2 : byte >= 0xe0 && byte < 0xf0 ? 3 : byte >= 0xf0 && byte < 0xf5 ? 4 : 0;
		if (length > 0 && i + length > end) break; // cut off by the end of the sample
		if (length > 0 && checkUtf8Text(bytes, i, i + length) === TEXT_OK) {
			valid++;
			i += length;
		} else {
			invalid++;
			i++;
		}
	}
	return invalid === 0 || valid > invalid * 4;
}

/** Whether bytes hold any non-ASCII byte. */
export function hasNonAscii(bytes: Uint8Array, start: number, end: number): boolean {
	for (let i = start; i < end; i++) if (bytes[i] >= 0x80) return true;
	return false;
}

/** First index in [start, end) that is not an ASCII space or tab. */
export function trimStart(bytes: Uint8Array, start: number, end: number): number {
	while (start < end && (bytes[start] === 32 || bytes[start] === 9)) start++;
	return start;
}

/** One past the last index in [start, end) that is not an ASCII space or tab. */
export function trimEnd(bytes: Uint8Array, start: number, end: number): number {
	while (end > start && (bytes[end - 1] === 32 || bytes[end - 1] === 9)) end--;
	return end;
}
