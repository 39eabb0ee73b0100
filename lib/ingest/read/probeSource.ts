import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';

import { CallLogFileError } from '../CallLogFileError';
import type { CallLogSource } from './CallLogSource';

/** Bytes read first: for telling the encoding, format and delimiter, and for recognising a file seen before. */
export const HEAD_BYTES = 64 * 1024;

export interface SourceProbe {
	/** SHA-256 of the content, hex: the file's identity for idempotent ingest. */
	checksum: string;
	/** CRC-32 of the content: enough to notice the file changing between the two reads, and far cheaper. */
	crc: number;
	bytes: number;
}

export interface SourceHead {
	/** The first HEAD_BYTES bytes (all of a smaller file). */
	head: Uint8Array;
	/** SHA-256 of those bytes, hex: a stored batch with another head digest is another file. */
	digest: string;
	/** The file's size, when known: from the source, or because the file ended within the head. */
	bytes: number | undefined;
}

/** Reads only the start of the file (and at most one chunk beyond, to know whether there is more). */
export async function readHead(source: CallLogSource): Promise<SourceHead> {
	const head = new Uint8Array(HEAD_BYTES);
	let length = 0;
	let more = false;
	await readChunks(source, (chunk) => {
		if (length === HEAD_BYTES) {
			more = chunk.length > 0;
			return more ? STOP : undefined;
		}
		const take = Math.min(HEAD_BYTES - length, chunk.length);
		head.set(chunk.subarray(0, take), length);
		length += take;
		more = take < chunk.length;
		return more ? STOP : undefined;
	});
	const bytes = head.subarray(0, length);
	return { head: bytes, digest: createHash('sha256').update(bytes).digest('hex'), bytes: source.size ?? (more ? undefined : length) };
}

/** Reads the whole file for its checksum and size (only for a file whose head matches a stored batch). */
export async function probeSource(source: CallLogSource): Promise<SourceProbe> {
	const hash = createHash('sha256');
	let bytes = 0;
	let crc = 0;
	await readChunks(source, (chunk) => {
		hash.update(chunk);
		crc = crc32(chunk, crc);
		bytes += chunk.length;
	});
	return { checksum: hash.digest('hex'), crc, bytes };
}

/** Returned by a `readChunks` callback to stop reading. */
export const STOP = Symbol('stop reading');

/** Calls `each` with every chunk of the source; a read failure becomes a CallLogFileError. */
export async function readChunks(
	source: CallLogSource,
	each: (chunk: Uint8Array) => void | typeof STOP | Promise<void>,
): Promise<void> {
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
		let outcome: void | typeof STOP;
		try {
			outcome = await each(chunk);
		} catch (error) {
			await iterator.return?.().catch(() => undefined);
			throw error;
		}
		if (outcome === STOP) {
			await iterator.return?.().catch(() => undefined);
			return;
		}
	}
}

function asFileError(source: CallLogSource, error: unknown): Error {
	if (error instanceof CallLogFileError) return error;
	return new CallLogFileError(source.name, 'unreadable', `读取文件失败 (reading the file failed: ${(error as Error).message})`);
}
