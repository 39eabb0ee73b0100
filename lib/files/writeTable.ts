import ExcelJS from 'exceljs';

/** A table to hand a person as a file: a header row, then the rows. */
export interface Table {
	headers: string[];
	rows: ReadonlyArray<ReadonlyArray<string | number | null>>;
}

export type TableFileFormat = 'csv' | 'xlsx';

export interface TableFile {
	fileName: string;
	mimeType: string;
	data: Buffer;
}

/**
 * A spreadsheet program runs a CSV cell that starts with one of these as a formula
 * (CSV injection): such cells get a leading apostrophe, which Excel and WPS hide.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** RFC 4180 CSV in UTF-8 with a byte-order mark, so Excel opens Chinese text correctly. */
export function csvFile(table: Table): Buffer {
	const line = (cells: ReadonlyArray<string | number | null>) => cells.map(csvCell).join(',');
	const text = [line(table.headers), ...table.rows.map(line)].join('\r\n') + '\r\n';
	return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

function csvCell(value: string | number | null): string {
	if (value === null) return '';
	let text = String(value);
	if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One worksheet; every cell is written as a value (text stays text, never a formula). */
export async function xlsxFile(table: Table, sheetName: string): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet(sheetName);
	sheet.addRow(table.headers).font = { bold: true };
	for (const row of table.rows) sheet.addRow([...row]);
	sheet.columns.forEach((column) => {
		column.width = 16;
	});
	return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The table as a file of the format, named `<baseName>.csv` / `.xlsx`. */
export async function tableFile(table: Table, format: TableFileFormat, baseName: string): Promise<TableFile> {
	if (format === 'xlsx') {
		return {
			fileName: `${baseName}.xlsx`,
			mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			data: await xlsxFile(table, baseName.slice(0, 31)),
		};
	}
	return { fileName: `${baseName}.csv`, mimeType: 'text/csv; charset=utf-8', data: csvFile(table) };
}
