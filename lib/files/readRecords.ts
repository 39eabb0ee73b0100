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

/** Guesses the format from a MIME type, for uploads whose file name says nothing. */
export function formatFromMimeType(mimeType: string | undefined): RecordFileFormat | undefined {
	const type = mimeType?.toLowerCase().split(';')[0].trim();
	if (!type) return undefined;
	if (type === 'text/csv' || type === 'application/csv' || type === 'text/plain') return 'csv';
	if (type.includes('spreadsheetml')) return 'xlsx';
	if (type === 'application/json' || type === 'application/x-ndjson' || type === 'application/jsonl') return 'json';
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
