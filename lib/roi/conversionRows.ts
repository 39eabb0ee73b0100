import { Readable } from 'node:stream';

import { formatFromFileName, formatFromMimeType, readRecords, UnreadableFileError, type RecordFileFormat } from '../files';
import { conversionFromRecord, conversionFromValues, type RawConversion } from './conversionColumns';

/** One input row of a conversions import: its number as a person sees it, and its fields. */
export interface ConversionRow {
	row: number;
	conversion: RawConversion;
	/** A problem with the row's shape (wrong cell count, not an object) that rejects it outright. */
	problem?: string;
}

/** A conversions file uploaded whole or read from disk: its name, type and bytes. */
export interface ConversionFile {
	fileName: string;
	mimeType?: string;
	data: Buffer;
}

export function conversionFileFormat(file: Pick<ConversionFile, 'fileName' | 'mimeType'>): RecordFileFormat {
	const format = formatFromFileName(file.fileName) ?? formatFromMimeType(file.mimeType);
	if (!format) throw new UnreadableFileError(`无法识别文件“${file.fileName}”的格式，请使用 .csv、.xlsx 或 .json 文件`);
	return format;
}

/** The rows of a CSV (UTF-8 or GBK), XLSX or JSON file; Chinese headers need no mapping. */
export async function* conversionRowsOfFile(file: ConversionFile): AsyncIterable<ConversionRow> {
	for await (const record of readRecords(Readable.from([file.data]), conversionFileFormat(file))) {
		yield { row: record.row, conversion: conversionFromRecord(record), problem: record.shapeProblem };
	}
}

/** A file that is opened as a stream of chunks (a path on disk, n8n's binary data store): read once, never whole. */
export interface ConversionSource {
	name: string;
	mimeType?: string;
	open(): Promise<AsyncIterable<Uint8Array>>;
}

export async function* conversionRowsOfSource(source: ConversionSource): AsyncIterable<ConversionRow> {
	const format = conversionFileFormat({ fileName: source.name, mimeType: source.mimeType });
	for await (const record of readRecords(Readable.from(await source.open()), format)) {
		yield { row: record.row, conversion: conversionFromRecord(record), problem: record.shapeProblem };
	}
}

/** JSON objects (n8n items, a webhook's body) as rows, numbered from 1. */
export function conversionRowsOfObjects(objects: readonly unknown[]): ConversionRow[] {
	return objects.map((value, index) =>
		value && typeof value === 'object' && !Array.isArray(value)
			? { row: index + 1, conversion: conversionFromValues(value as Record<string, unknown>) }
			: { row: index + 1, conversion: {}, problem: '每一行应为一个对象 (each row must be an object)' },
	);
}
