import { Readable, Transform } from 'node:stream';
import * as iconv from 'iconv-lite';

export type TextEncoding = 'auto' | 'utf8' | 'gbk';

/** Bytes looked at to tell UTF-8 from GBK when the encoding is "auto". */
const SNIFF_BYTES = 64 * 1024;

/**
 * Decodes a byte stream to text: strips a UTF-8 BOM, and with "auto" picks UTF-8 when the
 * first 64 KB are valid UTF-8, GBK otherwise (the two encodings Chinese exports come in).
 */
export async function decodeTextStream(input: Readable, encoding: TextEncoding): Promise<{ text: Readable; encoding: 'utf8' | 'gbk' }> {
	const { head, rest } = await peek(input, SNIFF_BYTES);
	let chosen: 'utf8' | 'gbk';
	if (encoding !== 'auto') chosen = encoding;
	else chosen = hasUtf8Bom(head) || isValidUtf8Prefix(head) ? 'utf8' : 'gbk';
	const bytes = Readable.from(prepend(head, rest));
	const decoder = iconv.decodeStream(chosen === 'utf8' ? 'utf8' : 'gbk', { stripBOM: true });
	return { text: bytes.pipe(decoder as unknown as Transform), encoding: chosen };
}

function hasUtf8Bom(bytes: Buffer): boolean {
	return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** Valid UTF-8, allowing a multi-byte character cut off at the end of the sample. */
export function isValidUtf8Prefix(bytes: Buffer): boolean {
	let i = 0;
	while (i < bytes.length) {
		const byte = bytes[i];
		const length = byte < 0x80 ? 1 : byte >= 0xc2 && byte < 0xe0 ? 2 : byte >= 0xe0 && byte < 0xf0 ? 3 : byte >= 0xf0 && byte < 0xf5 ? 4 : 0;
		if (length === 0) return false;
		for (let k = 1; k < length; k++) {
			if (i + k >= bytes.length) return true;
			if ((bytes[i + k] & 0xc0) !== 0x80) return false;
		}
		i += length;
	}
	return true;
}

async function peek(input: Readable, size: number): Promise<{ head: Buffer; rest: AsyncIterator<Buffer> }> {
	const iterator = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
	const chunks: Buffer[] = [];
	let length = 0;
	while (length < size) {
		const next = await iterator.next();
		if (next.done) break;
		const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
		chunks.push(chunk);
		length += chunk.length;
	}
	return { head: Buffer.concat(chunks), rest: iterator };
}

async function* prepend(head: Buffer, rest: AsyncIterator<Buffer>): AsyncIterable<Buffer> {
	if (head.length > 0) yield head;
	for (;;) {
		const next = await rest.next();
		if (next.done) return;
		yield next.value;
	}
}
