import { Readable } from 'node:stream';

import { formatFromFileName, formatFromMimeType, readRecords, UnreadableFileError, type FileRecord, type RecordFileFormat } from '../../files';
import { normaliseMobilePhone } from '../../identity';
import { maskEmail, maskIdNumber, maskName, maskPersonalText, maskPhone } from '../../privacy';
import type { ImportRow } from './importLeads';
import { fieldOfHeader, leadFromRecord, suggestLeadMapping, type LeadField } from './leadColumns';

/** A roster file uploaded whole (the console's import): its name, type and bytes. */
export interface LeadFile {
	fileName: string;
	mimeType?: string;
	data: Buffer;
}

/** What a person checks before importing: the file's columns, the mapping we suggest, its first rows masked. */
export interface ImportPreview {
	fileName: string;
	format: RecordFileFormat;
	/** Data rows in the file (the header row not counted). */
	rowCount: number;
	headers: string[];
	/** Lead field → the file's header suggested for it. */
	suggestedMapping: Partial<Record<LeadField, string>>;
	/** The first rows as read, personal values masked. */
	sample: Array<Record<string, string>>;
}

export function leadFileFormat(file: LeadFile): RecordFileFormat {
	const format = formatFromFileName(file.fileName) ?? formatFromMimeType(file.mimeType);
	if (!format) throw new UnreadableFileError(`无法识别文件“${file.fileName}”的格式，请上传 .csv、.xlsx 或 .json 文件`);
	return format;
}

function recordsOf(file: LeadFile): AsyncIterable<FileRecord> {
	return readRecords(Readable.from([file.data]), leadFileFormat(file));
}

/** The file's rows as import rows, mapped (field → header; synonyms for the rest). */
export async function* leadRowsOfFile(file: LeadFile, mapping: Partial<Record<LeadField, string>> = {}): AsyncIterable<ImportRow> {
	for await (const record of recordsOf(file)) {
		yield { row: record.row, lead: leadFromRecord(record, mapping), problem: record.shapeProblem };
	}
}

/** Reads the whole file once (to count its rows) and keeps the first `sampleSize` rows, masked. */
export async function previewLeadFile(file: LeadFile, sampleSize = 10): Promise<ImportPreview> {
	const headers: string[] = [];
	const seen = new Set<string>();
	const sample: Array<Record<string, string>> = [];
	let rowCount = 0;
	for await (const record of recordsOf(file)) {
		rowCount++;
		if (rowCount > sampleSize) continue;
		for (const header of Object.keys(record.values)) {
			if (!seen.has(header)) headers.push(header);
			seen.add(header);
		}
		sample.push(Object.fromEntries(Object.entries(record.values).map(([header, value]) => [header, maskedCell(header, value)])));
	}
	return { fileName: file.fileName, format: leadFileFormat(file), rowCount, headers, suggestedMapping: suggestLeadMapping(headers), sample };
}

/**
 * A cell as the preview may show it: masked by its column's field when the header says
 * what it holds, and otherwise every mobile number, ID number and e-mail inside the text.
 */
function maskedCell(header: string, value: string): string {
	const field = fieldOfHeader(header);
	if (field === 'phone') return maskPhone(normaliseMobilePhone(value));
	if (field === 'idNumber') return maskIdNumber(value);
	if (field === 'name' || field === 'wechatId') return maskName(value);
	if (field === 'email') return maskEmail(value);
	return maskPersonalText(value);
}
