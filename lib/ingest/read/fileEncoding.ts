import * as iconv from 'iconv-lite';

import { CallLogFileError } from '../CallLogFileError';
import { hasNonAscii, looksLikeUtf8 } from '../text/utf8Bytes';

/** What the user chooses; 'auto' tells UTF-8 from GBK by the file's first 64 KB. */
export type EncodingChoice = 'auto' | 'utf8' | 'gbk';

/** What the file is read as. GBK files are decoded as GB18030, its superset. */
export type FileEncoding = 'utf8' | 'gbk' | 'utf16le' | 'utf16be';

export interface DetectedEncoding {
	encoding: FileEncoding;
	/** Length of the byte-order mark to skip. */
	bomBytes: number;
}

/** Share of control characters above which a "text" file is taken for binary data. */
const MAX_CONTROL_SHARE = 0.01;

/**
 * Decides how to read a file from its first bytes, or says why it cannot be read: empty,
 * binary (a spreadsheet, an image, a PDF), or in an encoding other than the one chosen.
 */
export function detectEncoding(file: string, head: Uint8Array, totalBytes: number, choice: EncodingChoice): DetectedEncoding {
	if (totalBytes === 0) throw new CallLogFileError(file, 'empty', '文件为空 (the file is empty)');
	if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf16le', bomBytes: 2 };
	if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf16be', bomBytes: 2 };
	const bomBytes = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
	const body = head.subarray(bomBytes);
	if (isBlank(body) && totalBytes <= head.length) {
		throw new CallLogFileError(file, 'empty', '文件没有内容 (the file holds no data, only blank space)');
	}
	if (looksBinary(body)) {
		throw new CallLogFileError(
			file,
			'notText',
			'这不是文本文件（可能是 Excel、压缩包或图片），请提供 CSV 或 JSON Lines 文件 (not a text file: export the log as CSV or JSON Lines)',
		);
	}
	const utf8 = bomBytes > 0 || looksLikeUtf8(body);
	if (choice === 'utf8' && !utf8) {
		throw new CallLogFileError(
			file,
			'encoding',
			'文件不是 UTF-8 编码（可能是 GBK），请把“编码”设为 GBK 或“自动” (the file is not UTF-8, it looks like GBK: set Encoding to GBK or Auto)',
		);
	}
	if (choice === 'gbk' && utf8 && hasNonAscii(body, 0, body.length)) {
		throw new CallLogFileError(
			file,
			'encoding',
			'文件是 UTF-8 编码而不是 GBK，请把“编码”设为 UTF-8 或“自动” (the file is UTF-8, not GBK: set Encoding to UTF-8 or Auto)',
		);
	}
	const encoding: FileEncoding = choice === 'gbk' || (choice === 'auto' && !utf8) ? 'gbk' : 'utf8';
	if (encoding === 'gbk' && iconv.getDecoder('gb18030').write(Buffer.from(body)).includes('\uFFFD')) {
		throw new CallLogFileError(
			file,
			'encoding',
			'文件既不是 UTF-8 也不是 GBK 编码，无法识别文字 (the file is neither UTF-8 nor GBK text)',
		);
	}
	return { encoding, bomBytes };
}

function isBlank(bytes: Uint8Array): boolean {
	for (const byte of bytes) if (byte !== 32 && byte !== 9 && byte !== 10 && byte !== 13) return false;
	return true;
}

function looksBinary(bytes: Uint8Array): boolean {
	let control = 0;
	for (const byte of bytes) {
		if (byte === 0) return true;
		if (byte < 32 && byte !== 9 && byte !== 10 && byte !== 13 && byte !== 12) control++;
	}
	return control > bytes.length * MAX_CONTROL_SHARE;
}

/**
 * Turns the file's byte chunks into UTF-8 chunks for the readers: a UTF-8 file passes
 * through (its BOM dropped); GBK and UTF-16 are decoded with iconv-lite, which carries a
 * character split between chunks over to the next.
 */
export class Utf8Transcoder {
	private readonly decoder: iconv.DecoderStream | undefined;
	private bomLeft: number;

	constructor({ encoding, bomBytes }: DetectedEncoding) {
		this.bomLeft = bomBytes;
		this.decoder = encoding === 'utf8' ? undefined : iconv.getDecoder(encoding === 'gbk' ? 'gb18030' : encoding, { stripBOM: false });
	}

	decode(chunk: Uint8Array): Uint8Array {
		let bytes = chunk;
		if (this.bomLeft > 0) {
			const skip = Math.min(this.bomLeft, bytes.length);
			bytes = bytes.subarray(skip);
			this.bomLeft -= skip;
		}
		if (!this.decoder) return bytes;
		return Buffer.from(this.decoder.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)), 'utf8');
	}

	end(): Uint8Array {
		if (!this.decoder) return new Uint8Array(0);
		return Buffer.from(this.decoder.end() ?? '', 'utf8');
	}
}
