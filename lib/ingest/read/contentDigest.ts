import { createHash, type Hash } from 'node:crypto';
import { crc32 } from 'node:zlib';

import { CallLogFileError } from '../CallLogFileError';
import type { CallLogSource } from './CallLogSource';
import type { SourceProbe } from './probeSource';

/** A file's identity for idempotent ingest. */
export interface FileContent {
	/** SHA-256 of the content, hex. */
	checksum: string;
	bytes: number;
}

/**
 * What the load's read of a file adds up to. Without a checksum pass before it, the load
 * computes the checksum itself; after one, it only checks (CRC-32, far cheaper) that it
 * read the same bytes.
 */
export class LoadDigest {
	private readonly hash: Hash | undefined;
	private crc = 0;
	private bytes = 0;

	constructor(
		private readonly source: CallLogSource,
		private readonly probe?: SourceProbe,
	) {
		if (!probe) this.hash = createHash('sha256');
	}

	add(chunk: Uint8Array): void {
		if (this.hash) this.hash.update(chunk);
		else this.crc = crc32(chunk, this.crc);
		this.bytes += chunk.length;
	}

	/** The content read; throws when it is not what the checksum pass read. */
	finish(): FileContent {
		if (!this.probe) return { checksum: this.hash!.digest('hex'), bytes: this.bytes };
		if (this.crc === this.probe.crc && this.bytes === this.probe.bytes) return { checksum: this.probe.checksum, bytes: this.bytes };
		throw new CallLogFileError(
			this.source.name,
			'changedWhileReading',
			'读取期间文件内容发生了变化，请在文件写完后再导入 (the file changed while it was read: ingest it once it is complete)',
		);
	}
}
