import type { IngestOptions } from '../IngestOptions';
import type { FileLayout } from '../read/detectLayout';
import type { DetectedEncoding } from '../read/fileEncoding';
import type { PipelineOutput, PipelineTally } from './RowPipeline';

/** What the pipeline worker is started with (structured-cloneable). */
export interface PipelineWorkerData {
	file: string;
	batchId: string;
	layout: FileLayout;
	encoding: DetectedEncoding;
	options: Omit<IngestOptions, 'now'>;
	nowMs: number;
	firstDay: number;
	lastDay: number;
	hashKey: Uint8Array;
}

/** Main thread → worker. */
export type ToPipelineWorker =
	| { kind: 'chunk'; bytes: Uint8Array }
	| { kind: 'end' }
	/** A sent COPY buffer, back for reuse. */
	| { kind: 'buffer'; buffer: ArrayBuffer };

/** Worker → main thread. */
export type FromPipelineWorker =
	/** `chunk`: the buffer of the chunk these came from, back for reuse. */
	| { kind: 'outputs'; outputs: Array<PipelineOutput<Uint8Array>>; chunk?: ArrayBuffer }
	| { kind: 'tally'; tally: PipelineTally }
	| { kind: 'error'; error: { name: string; message: string; file?: string; problem?: string; detail?: string } };
