import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';

import { decodeTextStream, type TextEncoding } from './decodeText';
import { UnreadableFileError, type FileRecord } from './FileRecord';

interface CsvInfo {
	records: number;
	empty_lines: number;
}

/** Longest field we accept; a longer one is a broken file (an unclosed quote), not data. */
const MAX_RECORD_BYTES = 4 * 1024 * 1024;

/**
 * Streams CSV rows (UTF-8 or GBK, BOM, CRLF or LF, quoted commas and newlines) keyed by
 * the header row. Rows with a wrong number of cells are kept and flagged, never dropped.
 */
export async function* csvRecords(input: Readable, encoding: TextEncoding, delimiter = ','): AsyncIterable<FileRecord> {
	const { text } = await decodeTextStream(input, encoding);
	const parser = text.pipe(
		parse({
			delimiter,
			relax_column_count: true,
			skip_empty_lines: true,
			trim: true,
			info: true,
			max_record_size: MAX_RECORD_BYTES,
		}),
	);
	let header: string[] | undefined;
	try {
		for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: CsvInfo }>) {
			if (!header) {
				header = record.map((cell) => cell.trim());
				if (header.every((cell) => cell === '')) throw new UnreadableFileError('the header row is empty');
				continue;
			}
			if (record.every((cell) => cell === '')) continue;
			const values: Record<string, string> = {};
			header.forEach((name, i) => {
				if (name) values[name] = record[i] ?? '';
			});
			const shapeProblem =
				record.length !== header.length
					? `该行有 ${record.length} 列，表头有 ${header.length} 列 (row has ${record.length} cells, header has ${header.length})`
					: undefined;
			// The row a spreadsheet shows: a cell with line breaks is one row, an empty line is a row.
			yield { row: info.records + info.empty_lines, values, shapeProblem };
		}
	} catch (error) {
		if (error instanceof UnreadableFileError) throw error;
		throw new UnreadableFileError(`not a readable CSV file: ${(error as Error).message}`);
	}
	if (!header) throw new UnreadableFileError('the file is empty');
}

