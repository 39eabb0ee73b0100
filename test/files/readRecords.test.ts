import { Readable } from 'node:stream';
import * as iconv from 'iconv-lite';

import { formatFromFileName, formatFromMimeType, readRecords, UnreadableFileError, type FileRecord, type RecordFileFormat } from '../../lib/files';

async function read(content: Buffer | string, format: RecordFileFormat): Promise<FileRecord[]> {
	const records: FileRecord[] = [];
	for await (const record of readRecords(Readable.from([Buffer.from(content)]), format)) records.push(record);
	return records;
}

describe('reading uploaded files', () => {
	it('reads GBK and UTF-8 (with BOM) CSV alike, keyed by header, numbering rows as a spreadsheet shows them', async () => {
		const text = '客户姓名,联系电话,备注\r\n张伟,13812348899,"老客户,\r\n转介绍"\r\n\r\n李芳,15912344421,\r\n';
		const expected = [
			{ row: 2, values: { 客户姓名: '张伟', 联系电话: '13812348899', 备注: '老客户,\r\n转介绍' } },
			{ row: 4, values: { 客户姓名: '李芳', 联系电话: '15912344421', 备注: '' } },
		];
		expect(await read(iconv.encode(text, 'gbk'), 'csv')).toMatchObject(expected);
		expect(await read('\uFEFF' + text, 'csv')).toMatchObject(expected);
	});

	it('flags rows with too many or too few cells instead of dropping them', async () => {
		const records = await read('a,b\n1,2,3\n4\n', 'csv');
		expect(records.map((r) => [r.row, Boolean(r.shapeProblem)])).toEqual([
			[2, true],
			[3, true],
		]);
	});

	it('refuses files it cannot read, saying why', async () => {
		await expect(read('', 'csv')).rejects.toThrow(new UnreadableFileError('the file is empty'));
		await expect(read('a,"b\n1,2', 'csv')).rejects.toThrow(/not a readable CSV file/);
		await expect(read('客户姓名,电话\n张伟,138', 'xlsx')).rejects.toThrow(/not a readable XLSX workbook/);
		await expect(read('[{"name": ', 'json')).rejects.toThrow(/not valid JSON/);
	});

	it('reads JSON arrays and JSON Lines, flagging lines that are not objects', async () => {
		expect(await read('[{"name":"张伟","tags":["a","b"]}]', 'json')).toEqual([{ row: 1, values: { name: '张伟', tags: '["a","b"]' } }]);
		const lines = await read('{"name":"张伟"}\nnot json\n[1]\n', 'json');
		expect(lines.map((r) => [r.row, r.shapeProblem ? 'bad' : 'ok'])).toEqual([
			[1, 'ok'],
			[2, 'bad'],
			[3, 'bad'],
		]);
	});

	it('tells the format from the file name or the MIME type', () => {
		expect(formatFromFileName('线索名单.CSV')).toBe('csv');
		expect(formatFromFileName('roster.xlsx')).toBe('xlsx');
		expect(formatFromFileName('5b1f-uuid')).toBeUndefined();
		expect(formatFromMimeType('text/csv; charset=gbk')).toBe('csv');
		expect(formatFromMimeType('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBe('xlsx');
	});
});
