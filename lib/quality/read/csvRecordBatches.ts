import * as iconv from 'iconv-lite';

import { UnreadableFileError, type FileRecord } from '../../files';
import { CsvRecordReader } from '../../ingest/read/CsvRecordReader';
import type { RecordView } from '../../ingest/read/RecordView';

const COMMA = 44;
/** Longest record we read; a longer one is a broken row (an unclosed quote), rejected on its own. */
const MAX_RECORD_BYTES = 4 * 1024 * 1024;

const RECORD_PROBLEMS: Record<string, string> = {
	malformedQuote: '引号后面只能是逗号或换行 (a closing quote must be followed by a comma or a line end)',
	unterminatedQuote: '引号没有闭合 (a quote is never closed)',
	recordTooLong: `该行超过 ${MAX_RECORD_BYTES / 1024 / 1024} MB (the row is longer than ${MAX_RECORD_BYTES / 1024 / 1024} MB)`,
	fieldCount: '该行的列太多 (the row has too many cells)',
};

/**
 * The CSV rows of a message or rating file keyed by its header row, a batch per chunk read,
 * parsed by the call-log ingest's byte reader (GBK is decoded to UTF-8 first). Rows are
 * numbered as a spreadsheet shows them (a cell with line breaks is one row, an empty line is
 * a row), cells are trimmed, rows of empty cells are skipped, a row with a wrong number of
 * cells is kept and flagged, and a row the reader cannot parse (a broken quote) is kept with
 * its problem: the same records as lib/files' csvRecords, without a stream per row.
 */
export async function* csvRecordBatches(chunks: AsyncIterable<Uint8Array>, encoding: 'utf8' | 'gbk'): AsyncIterable<FileRecord[]> {
	const reader = new CsvRecordReader(COMMA, MAX_RECORD_BYTES);
	const decoder = encoding === 'gbk' ? iconv.getDecoder('gbk') : undefined;
	const state: HeaderState = { header: undefined, row: 0 };
	let first = true;
	for await (const chunk of chunks) {
		let bytes = decoder ? Buffer.from(decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length)), 'utf8') : chunk;
		if (first && bytes.length > 0) {
			first = false;
			if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
		}
		reader.push(bytes);
		const batch = readAll(reader, state);
		if (batch.length > 0) yield batch;
	}
	const tail = decoder ? Buffer.from(decoder.end() ?? '', 'utf8') : new Uint8Array(0);
	reader.push(tail, true);
	const batch = readAll(reader, state);
	if (batch.length > 0) yield batch;
	if (!state.header) throw new UnreadableFileError('the file is empty');
}

interface HeaderState {
	header: string[] | undefined;
	/** Rows seen so far, the header and empty lines included. */
	row: number;
}

function readAll(reader: CsvRecordReader, state: HeaderState): FileRecord[] {
	const records: FileRecord[] = [];
	let view: RecordView | null;
	let text: Buffer | undefined;
	while ((view = reader.next()) !== null) {
		state.row++;
		if (text === undefined || text.buffer !== view.bytes.buffer || text.byteOffset !== view.bytes.byteOffset) {
			text = Buffer.from(view.bytes.buffer, view.bytes.byteOffset, view.bytes.byteLength);
		}
		const cells: string[] = new Array(view.fieldCount);
		let empty = true;
		for (let i = 0; i < view.fieldCount; i++) {
			const cell = text.toString('utf8', view.starts[i], view.ends[i]).trim();
			cells[i] = cell;
			if (cell !== '') empty = false;
		}
		const problem = view.problem ? RECORD_PROBLEMS[view.problem] : undefined;
		const header = state.header;
		if (!header) {
			if (empty && !problem && view.fieldCount <= 1) continue;
			if (problem) throw new UnreadableFileError(`not a readable CSV file: the header row: ${problem}`);
			if (empty) throw new UnreadableFileError('the header row is empty');
			state.header = cells;
			continue;
		}
		if (empty && !problem) continue;
		const values: Record<string, string> = {};
		for (let i = 0; i < header.length; i++) {
			const name = header[i];
			if (name) values[name] = cells[i] ?? '';
		}
		const shapeProblem =
			problem ??
			(cells.length !== header.length ? `该行有 ${cells.length} 列，表头有 ${header.length} 列 (row has ${cells.length} cells, header has ${header.length})` : undefined);
		records.push({ row: state.row, values, shapeProblem });
	}
	return records;
}
