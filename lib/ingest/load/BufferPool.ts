/**
 * Buffers of one size, handed back once the connection has sent them, so encoding a
 * gigabyte of COPY data allocates a few buffers instead of a thousand (each a trip to
 * the garbage collector's external-memory accounting).
 */
export class BufferPool {
	private readonly free: Buffer[] = [];

	constructor(
		readonly size: number,
		private readonly maxFree = 16,
	) {}

	get(): Buffer {
		return this.free.pop() ?? Buffer.allocUnsafe(this.size);
	}

	/** Takes back the buffer a view was taken from, when it is one of this pool's size. */
	release(view: Uint8Array): void {
		if (view.byteOffset !== 0 || view.buffer.byteLength !== this.size || this.free.length >= this.maxFree) return;
		this.free.push(Buffer.from(view.buffer, 0, this.size));
	}
}
