import { crc32 } from 'node:zlib';

import { CallLogFileError } from '../CallLogFileError';
import type { IngestConnection } from '../load/IngestConnection';
import type { CallLogSource } from '../read/CallLogSource';
import { Utf8Transcoder, type DetectedEncoding } from '../read/fileEncoding';
import { readChunks, type SourceProbe } from '../read/probeSource';
import { BatchWriter, type BatchCounts } from './BatchWriter';
import { FileRows, type FileRowsSetup } from './FileRows';
import type { PipelineOutput } from './RowPipeline';

/** Reads the file again for the load, checking it is the file the checksum pass read. */
export async function loadInThread<Payload>(
	db: IngestConnection<Payload>,
	batchId: string,
	source: CallLogSource,
	probe: SourceProbe,
	encoding: DetectedEncoding,
	setup: FileRowsSetup,
): Promise<BatchCounts> {
	const writer = new BatchWriter(db, batchId);
	const rows = new FileRows<Payload>(setup, () => ({ rows: db.encoder(batchId, false), suspects: db.encoder(batchId, true) }));
	const transcoder = new Utf8Transcoder(encoding);
	const out: Array<PipelineOutput<Payload>> = [];
	const check = new SameFileCheck(source, probe);
	await readChunks(source, async (chunk) => {
		check.add(chunk);
		rows.push(transcoder.decode(chunk), false, out);
		await writer.apply(out.splice(0));
	});
	check.assertSame();
	rows.push(transcoder.end(), true, out);
	const tally = rows.end(out);
	await writer.apply(out.splice(0));
	return writer.finish(tally);
}

/** CRC-32 and length of the second read, to compare with the checksum pass. */
export class SameFileCheck {
	private crc = 0;
	private bytes = 0;

	constructor(
		private readonly source: CallLogSource,
		private readonly probe: SourceProbe,
	) {}

	add(chunk: Uint8Array): void {
		this.crc = crc32(chunk, this.crc);
		this.bytes += chunk.length;
	}

	assertSame(): void {
		if (this.crc === this.probe.crc && this.bytes === this.probe.bytes) return;
		throw new CallLogFileError(
			this.source.name,
			'changedWhileReading',
			'读取期间文件内容发生了变化，请在文件写完后再导入 (the file changed while it was read: ingest it once it is complete)',
		);
	}
}
