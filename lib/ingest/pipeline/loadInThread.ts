import type { IngestConnection } from '../load/IngestConnection';
import type { CallLogSource } from '../read/CallLogSource';
import { Utf8Transcoder, type DetectedEncoding } from '../read/fileEncoding';
import type { LoadDigest } from '../read/contentDigest';
import { readChunks } from '../read/probeSource';
import { BatchWriter, type BatchCounts } from './BatchWriter';
import { FileRows, type FileRowsSetup } from './FileRows';
import type { PipelineOutput } from './RowPipeline';

/** The load in this thread: reads the file, every chunk also into `digest`. */
export async function loadInThread<Payload>(
	db: IngestConnection<Payload>,
	batchId: string,
	source: CallLogSource,
	digest: LoadDigest,
	encoding: DetectedEncoding,
	setup: FileRowsSetup,
): Promise<BatchCounts> {
	const writer = new BatchWriter(db, batchId);
	const rows = new FileRows<Payload>(setup, () => ({ rows: db.encoder(batchId, false), suspects: db.encoder(batchId, true) }));
	const transcoder = new Utf8Transcoder(encoding);
	const out: Array<PipelineOutput<Payload>> = [];
	await readChunks(source, async (chunk) => {
		digest.add(chunk);
		rows.push(transcoder.decode(chunk), false, out);
		await writer.apply(out.splice(0));
	});
	rows.push(transcoder.end(), true, out);
	const tally = rows.end(out);
	await writer.apply(out.splice(0));
	return writer.finish(tally);
}
