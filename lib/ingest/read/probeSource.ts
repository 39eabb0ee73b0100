import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';

import { CallLogFileError } from '../CallLogFileError';
import type { CallLogSource } from './CallLogSource';

/** Bytes kept from the start of the file for telling its encoding, format and delimiter. */
export const HEAD_BYTES = 64 * 1024;

export interface SourceProbe {
	/** SHA-256 of the content, hex: the file's identity for idempotent ingest. */
	checksum: string;
	/** CRC-32 of the content: enough to notice the file changing between the two reads, and far cheaper. */
	crc: number;
	bytes: number;
	head: Uint8Array;
}

/** Reads the file once for its checksum and size, keeping its first bytes. */
export async function probeSource(source: CallLogSource): Promise<SourceProbe> {
	const hash = createHash('sha256');
	const head = new Uint8Array(HEAD_BYTES);
	let headLength = 0;
	let bytes = 0;
	let crc = 0;
	await readChunks(source, (chunk) => {
		hash.update(chunk);
		crc = crc32(chunk, crc);
		if (headLength < HEAD_BYTES) {
			const take = Math.min(HEAD_BYTES - headLength, chunk.length);
			head.set(chunk.subarray(0, take), headLength);
			headLength += take;
		}
		bytes += chunk.length;
	});
	return { checksum: hash.digest('hex'), crc, bytes, head: head.subarray(0, headLength) };
}

/** Calls `each` with every chunk of the source; a read failure becomes a CallLogFileError. */
export async function readChunks(source: CallLogSource, each: (chunk: Uint8Array) => void | Promise<void>): Promise<void> {
	let stream: AsyncIterable<Uint8Array>;
	try {
		stream = await source.open();
	} catch (error) {
		throw asFileError(source, error);
	}
	const iterator = stream[Symbol.asyncIterator]();
	for (;;) {
		let next: IteratorResult<Uint8Array>;
		try {
			next = await iterator.next();
		} catch (error) {
			throw asFileError(source, error);
		}
		if (next.done) return;
		const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
		try {
			await each(chunk);
		} catch (error) {
			await iterator.return?.().catch(() => undefined);
			throw error;
		}
	}
}

function asFileError(source: CallLogSource, error: unknown): Error {
	if (error instanceof CallLogFileError) return error;
	return new CallLogFileError(source.name, 'unreadable', `读取文件失败 (reading the file failed: ${(error as Error).message})`);
}
