import type { PipelineOutput } from './RowPipeline';

/** Encoded bytes that may wait for the writer (what the worker turns out in ~0.3 s). */
const MAX_WAITING_BYTES = 32 << 20;

/**
 * The worker's outputs on their way to the database (BatchWriter.apply), written one
 * after another while the file is read on. A side write (rejects, suspects) stops the
 * main COPY for a moment; without the queue, reading stopped with it and the worker ran
 * dry. `room()` waits while too much is waiting, and throws once a write has failed.
 */
export class WriteQueue {
	private waitingBytes = 0;
	private tail: Promise<void> = Promise.resolve();
	private failure: unknown;
	private readonly roomWaiters: Array<() => void> = [];

	constructor(private readonly write: (outputs: Array<PipelineOutput<Buffer>>) => Promise<void>) {}

	add(outputs: Array<PipelineOutput<Buffer>>): void {
		const bytes = outputs.reduce((sum, output) => sum + ('payload' in output ? output.payload.length : 0), 0);
		this.waitingBytes += bytes;
		this.tail = this.tail
			.then(() => (this.failure === undefined ? this.write(outputs) : undefined))
			.catch((error: unknown) => {
				this.failure ??= error;
			})
			.finally(() => {
				this.waitingBytes -= bytes;
				// Each waiter looks again whether there is room.
				this.roomWaiters.splice(0).forEach((wake) => wake());
			});
	}

	/** Resolves once there is room for more (at once when there is); rejects after a failed write. */
	async room(): Promise<void> {
		while (this.failure === undefined && this.waitingBytes > MAX_WAITING_BYTES) {
			await new Promise<void>((wake) => this.roomWaiters.push(wake));
		}
		this.throwIfFailed();
	}

	/** Waits for every write added; rejects when one failed. */
	async drain(): Promise<void> {
		await this.tail;
		this.throwIfFailed();
	}

	/** After a failure elsewhere: drops what still waits and resolves once the write under way is done. */
	async abandon(): Promise<void> {
		this.failure ??= new Error('ingest stopped');
		await this.tail;
	}

	private throwIfFailed(): void {
		if (this.failure !== undefined) throw this.failure;
	}
}
