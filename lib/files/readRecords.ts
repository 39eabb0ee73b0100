import type { Readable } from 'node:stream';

import { csvRecords } from './csvRecords';
import type { TextEncoding } from './decodeText';
import type { FileRecord, RecordFileFormat } from './FileRecord';
import { jsonRecords } from './jsonRecords';
import { xlsxRecords } from './xlsxRecords';

/** Guesses the format from a file name, for "auto". */
export function formatFromFileName(fileName: string | undefined): RecordFileFormat | undefined {
	const extension = fileName?.toLowerCase().split('.').pop();
	if (extension === 'csv' || extension === 'txt') return 'csv';
	if (extension === 'xlsx') return 'xlsx';
	if (extension === 'json' || extension === 'jsonl' || extension === 'ndjson') return 'json';
	return undefined;
}

export function readRecords(input: Readable, format: RecordFileFormat, encoding: TextEncoding = 'auto'): AsyncIterable<FileRecord> {
	switch (format) {
		case 'csv':
			return csvRecords(input, encoding);
		case 'xlsx':
			return xlsxRecords(input);
		case 'json':
			return jsonRecords(input);
	}
}
