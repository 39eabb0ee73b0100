/**
 * A DataView over the byte array last asked for. Records share their reader's buffer, so
 * a new view is rarely made; through it, 32-bit reads take one load instead of four.
 */
export class CachedDataView {
	private bytes: Uint8Array | undefined;
	private view: DataView = new DataView(new ArrayBuffer(0));

	of(bytes: Uint8Array): DataView {
		if (bytes !== this.bytes) {
			this.bytes = bytes;
			this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
		}
		return this.view;
	}
}
