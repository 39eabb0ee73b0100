import { copyTextLine } from './copyText';
import type { BulkRow } from './Store';

const CHUNK_CHARACTERS = 256 * 1024;

/**
 * Rows already encoded in COPY text, in chunks that end at a line's end: a caller encodes the
 * next rows while the database still works on earlier ones, and the load then only sends them.
 */
export class EncodedRows {
	private constructor(
		readonly chunks: readonly Buffer[],
		readonly rowCount: number,
	) {}

	static encode(rows: Iterable<BulkRow>): EncodedRows {
		const chunks: Buffer[] = [];
		let chunk = '';
		let count = 0;
		for (const row of rows) {
			chunk += copyTextLine(row);
			count++;
			if (chunk.length >= CHUNK_CHARACTERS) {
				chunks.push(Buffer.from(chunk, 'utf8'));
				chunk = '';
			}
		}
		if (chunk) chunks.push(Buffer.from(chunk, 'utf8'));
		return new EncodedRows(chunks, count);
	}
}
