import { copyTextLine } from './copyText';
import type { BulkRow } from './Store';

const CHUNK_CHARACTERS = 256 * 1024;

/**
 * Rows already encoded in COPY text, in chunks that end at a line's end: a caller encodes the
 * next rows while the database still works on earlier ones, and the load then only sends them.
 */
export class EncodedRows {
	private constructor(
		readonly chunks: readonly Buffer<ArrayBuffer>[],
		readonly rowCount: number,
	) {}

	/**
	 * Encodes the rows, letting the event loop run after each chunk: a COPY or a query in flight
	 * on this process's connections keeps being sent and read meanwhile.
	 */
	static async encode(rows: readonly BulkRow[]): Promise<EncodedRows> {
		const chunks: Buffer<ArrayBuffer>[] = [];
		let chunk = '';
		for (const row of rows) {
			chunk += copyTextLine(row);
			if (chunk.length >= CHUNK_CHARACTERS) {
				chunks.push(Buffer.from(chunk, 'utf8'));
				chunk = '';
				await new Promise<void>((resolve) => setImmediate(resolve));
			}
		}
		if (chunk) chunks.push(Buffer.from(chunk, 'utf8'));
		return new EncodedRows(chunks, rows.length);
	}
}
