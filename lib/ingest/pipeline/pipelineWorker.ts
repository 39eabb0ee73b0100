import { parentPort, workerData } from 'node:worker_threads';

import { CallLogFileError } from '../CallLogFileError';
import { planIngest } from '../IngestOptions';
import { BinaryEventEncoder } from '../load/BinaryEventEncoder';
import { BufferPool } from '../load/BufferPool';
import { Utf8Transcoder } from '../read/fileEncoding';
import { FileRows } from './FileRows';
import type { PipelineOutput } from './RowPipeline';
import { ENCODE_BUFFER_BYTES } from './workerLimits';
import type { FromPipelineWorker, PipelineWorkerData, ToPipelineWorker } from './workerProtocol';

/**
 * Worker thread of a large PostgreSQL ingest: file bytes in, binary COPY buffers out.
 * It runs the same FileRows / RowPipeline as the calling thread would, so parsing,
 * checks, HMAC and encoding (most of the CPU time) run beside the thread that talks
 * to the database.
 */
const data = workerData as PipelineWorkerData;
const port = parentPort!;
const buffers = new BufferPool(ENCODE_BUFFER_BYTES);
const rows = new FileRows<Buffer>(
	{
		file: data.file,
		layout: data.layout,
		plan: planIngest({ ...data.options, now: new Date(data.nowMs) }),
		firstDay: data.firstDay,
		lastDay: data.lastDay,
		hashKey: data.hashKey,
	},
	() => ({ rows: new BinaryEventEncoder(data.batchId, false, buffers), suspects: new BinaryEventEncoder(data.batchId, true, buffers) }),
);
const transcoder = new Utf8Transcoder(data.encoding);

port.on('message', (message: ToPipelineWorker) => {
	try {
		const out: Array<PipelineOutput<Buffer>> = [];
		switch (message.kind) {
			case 'buffer':
				buffers.release(new Uint8Array(message.buffer));
				return;
			case 'chunk':
				// The reader copies what it needs: the chunk's buffer can go back at once.
				rows.push(transcoder.decode(message.bytes), false, out);
				send({ kind: 'outputs', outputs: out, chunk: message.bytes.buffer as ArrayBuffer });
				return;
			case 'end': {
				rows.push(transcoder.end(), true, out);
				const tally = rows.end(out);
				send({ kind: 'outputs', outputs: out });
				send({ kind: 'tally', tally });
				return;
			}
		}
	} catch (error) {
		const failure = error as Error;
		send({
			kind: 'error',
			error:
				failure instanceof CallLogFileError
					? { name: failure.name, message: failure.message, file: failure.file, problem: failure.problem, detail: failure.detail }
					: { name: failure.name, message: failure.message },
		});
	}
});

function send(message: FromPipelineWorker): void {
	const transfer: ArrayBuffer[] = [];
	if (message.kind === 'outputs') {
		for (const output of message.outputs) if ('payload' in output) transfer.push(output.payload.buffer as ArrayBuffer);
		if (message.chunk) transfer.push(message.chunk);
	}
	port.postMessage(message, transfer);
}
