import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';

import { UnreadableFileError, type FileRecord } from './FileRecord';

/** Streams the first worksheet of an XLSX workbook, keyed by its first row. */
export async function* xlsxRecords(input: Readable): AsyncIterable<FileRecord> {
	const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
		worksheets: 'emit',
		sharedStrings: 'cache',
		hyperlinks: 'ignore',
		styles: 'cache',
	});
	let header: string[] | undefined;
	try {
		for await (const worksheet of reader) {
			for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
				const cells = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
				if (!header) {
					header = cells.map((cell) => cell.trim());
					continue;
				}
				if (cells.every((cell) => cell === '')) continue;
				const values: Record<string, string> = {};
				header.forEach((name, i) => {
					if (name) values[name] = cells[i] ?? '';
				});
				yield { row: row.number, values };
			}
			break;
		}
	} catch (error) {
		throw new UnreadableFileError(`not a readable XLSX workbook: ${(error as Error).message}`);
	}
	if (!header) throw new UnreadableFileError('the workbook has no rows');
}

/** Text of a cell as a person typed it; an 18-digit number Excel rounded is marked as such. */
function cellText(value: ExcelJS.CellValue): string {
	if (value === null || value === undefined) return '';
	if (value instanceof Date) return value.toISOString();
	if (typeof value === 'number') {
		return Number.isSafeInteger(value) ? String(value) : `#NUMBER_TOO_LONG:${value}`;
	}
	if (typeof value === 'object') {
		if ('text' in value && typeof value.text === 'string') return value.text.trim();
		if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
		if ('richText' in value) return value.richText.map((part) => part.text).join('').trim();
		return '';
	}
	return String(value).trim();
}
