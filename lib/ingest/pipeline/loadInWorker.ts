import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

import { CallLogFileError, type CallLogFileProblem } from '../CallLogFileError';
import type { IngestOptions } from '../IngestOptions';
import { BufferPool } from '../load/BufferPool';
import type { IngestConnection } from '../load/IngestConnection';
import type { CallLogSource } from '../read/CallLogSource';
import type { DetectedEncoding } from '../read/fileEncoding';
import type { LoadDigest } from '../read/contentDigest';
import { readChunks } from '../read/probeSource';
import { BatchWriter, type BatchCounts } from './BatchWriter';
import type { FileRowsSetup } from './FileRows';
import type { PipelineOutput, PipelineTally } from './RowPipeline';
import { CHUNK_BUFFER_BYTES, CHUNKS_IN_FLIGHT } from './workerLimits';
import { WriteQueue } from './WriteQueue';
import type { FromPipelineWorker, PipelineWorkerData, ToPipelineWorker } from './workerProtocol';

/** The compiled worker next to this module (absent when running from TypeScript sources, e.g. under ts-jest). */
const WORKER_FILE = join(__dirname, 'pipelineWorker.js');

export function pipelineWorkerAvailable(): boolean {
	return existsSync(WORKER_FILE);
}

/**
 * The load with the row pipeline in a worker thread: this thread reads the file, hands
 * the worker its chunks and streams the COPY buffers it gets back to the database (through
 * a WriteQueue, so a pause for side rows does not stop the worker), while the worker
 * parses, checks, hashes and encodes. Output comes back in file order, so
 * writing it is the same as in one thread. Sent buffers go back to the worker for reuse.
 */
export async function loadInWorker(
	db: IngestConnection<Buffer>,
	batchId: string,
	source: CallLogSource,
	digest: LoadDigest,
	encoding: DetectedEncoding,
	setup: FileRowsSetup,
	options: IngestOptions,
): Promise<BatchCounts> {
	const { now, ...cloneable } = options;
	const hashKey = setup.hashKey instanceof Uint8Array ? setup.hashKey : new Uint8Array(setup.hashKey.export());
	const data: PipelineWorkerData = {
		file: setup.file,
		batchId,
		layout: setup.layout,
		encoding,
		options: cloneable,
		nowMs: setup.plan.nowMs,
		firstDay: setup.firstDay,
		lastDay: setup.lastDay,
		hashKey,
	};
	const worker = new Worker(WORKER_FILE, { workerData: data });
	// Chunks are copied into buffers the worker hands back: a fresh gigabyte of them cost page faults.
	const chunkBuffers = new BufferPool(CHUNK_BUFFER_BYTES);
	const replies = new Replies(worker, (buffer) => chunkBuffers.release(new Uint8Array(buffer)));
	const post = (message: ToPipelineWorker, transfer: ArrayBuffer[] = []) => worker.postMessage(message, transfer);
	const writer = new BatchWriter(db, batchId, (payload) => post({ kind: 'buffer', buffer: payload.buffer as ArrayBuffer }, [payload.buffer as ArrayBuffer]));
	const writes = new WriteQueue((outputs) => writer.apply(outputs));
	try {
		let inFlight = 0;
		await readChunks(source, async (chunk) => {
			digest.add(chunk);
			const copy = chunk.length <= CHUNK_BUFFER_BYTES ? chunkBuffers.get().subarray(0, chunk.length) : Buffer.allocUnsafe(chunk.length);
			copy.set(chunk);
			post({ kind: 'chunk', bytes: copy }, [copy.buffer as ArrayBuffer]);
			if (++inFlight >= CHUNKS_IN_FLIGHT) {
				writes.add(await replies.outputs());
				inFlight--;
				await writes.room();
			}
		});
		post({ kind: 'end' });
		for (; inFlight > 0; inFlight--) writes.add(await replies.outputs());
		writes.add(await replies.outputs());
		await writes.drain();
		return await writer.finish(await replies.tally());
	} catch (error) {
		// The connection must be idle before the caller rolls the transaction back.
		await writes.abandon();
		throw error;
	} finally {
		await worker.terminate();
	}
}

/** The worker's messages, awaited in order; a worker error rejects the next wait. */
class Replies {
	private readonly queue: FromPipelineWorker[] = [];
	private waiting: ((message: FromPipelineWorker) => void) | undefined;

	constructor(
		worker: Worker,
		private readonly chunkReturned: (buffer: ArrayBuffer) => void,
	) {
		worker.on('message', (message: FromPipelineWorker) => this.deliver(message));
		worker.on('error', (error: Error) => this.deliver({ kind: 'error', error: { name: error.name, message: error.message } }));
		worker.on('exit', (code) => {
			if (code !== 0) this.deliver({ kind: 'error', error: { name: 'Error', message: `the ingest worker stopped (exit code ${code})` } });
		});
	}

	async outputs(): Promise<Array<PipelineOutput<Buffer>>> {
		const message = await this.next();
		if (message.kind !== 'outputs') throw new Error(`ingest worker sent ${message.kind} where rows were expected`);
		if (message.chunk) this.chunkReturned(message.chunk);
		return message.outputs.map((output) =>
			'payload' in output ? { ...output, payload: Buffer.from(output.payload.buffer, output.payload.byteOffset, output.payload.byteLength) } : output,
		) as Array<PipelineOutput<Buffer>>;
	}

	async tally(): Promise<PipelineTally> {
		const message = await this.next();
		if (message.kind !== 'tally') throw new Error(`ingest worker sent ${message.kind} where its counts were expected`);
		return message.tally;
	}

	private async next(): Promise<FromPipelineWorker> {
		const message = this.queue.shift() ?? (await new Promise<FromPipelineWorker>((resolve) => (this.waiting = resolve)));
		if (message.kind === 'error') {
			const { error } = message;
			if (error.file !== undefined && error.problem !== undefined) {
				throw new CallLogFileError(error.file, error.problem as CallLogFileProblem, error.detail ?? error.message);
			}
			throw Object.assign(new Error(error.message), { name: error.name });
		}
		return message;
	}

	private deliver(message: FromPipelineWorker): void {
		const waiting = this.waiting;
		this.waiting = undefined;
		if (waiting) waiting(message);
		else this.queue.push(message);
	}
}
