import * as iconv from 'iconv-lite';

import { CallLogFileError, listBatchRejects, type IngestSummary } from '../../lib/ingest';
import { STORE_KINDS, testIdHash } from '../setup/testStores';
import {
	badCheckDigit,
	csvLine,
	csvOf,
	expectBalanced,
	HEADER,
	ingestFixture,
	source,
	validId,
	yesterday,
	type IngestFixture,
} from './callLogFixtures';

/** Each test's rows get their own IDs (and so their own file checksum). */
let nextId = 1000;
const freshId = () => validId(nextId++);

async function fileError(promise: Promise<unknown>): Promise<CallLogFileError> {
	const error = await promise.then(
		() => undefined,
		(caught: unknown) => caught,
	);
	expect(error).toBeInstanceOf(CallLogFileError);
	return error as CallLogFileError;
}

describe.each(STORE_KINDS)('call-log ingest of bad input on %s', (kind) => {
	let fx: IngestFixture;
	beforeAll(async () => {
		fx = await ingestFixture(kind);
	});
	afterAll(() => fx.close());

	async function ingestRows(text: string, name = 'calls.csv'): Promise<IngestSummary> {
		const summary = await fx.ingest(source(text, name));
		expectBalanced(summary);
		return summary;
	}

	it('rejects a bad check digit and impossible birth dates, naming the field and reason', async () => {
		const good = freshId();
		const impossible = '3301061999023000'; // 30 February
		const summary = await ingestRows(
			csvOf([{ id: good }, { id: badCheckDigit(freshId()) }, { id: `${impossible}1${'X'}`.slice(0, 18) }, { id: '990105194912310028' }]),
		);
		expect(summary).toMatchObject({ rowsRead: 4, accepted: 1, rejected: 3 });
		expect(summary.rejectedByReason).toMatchObject({ idCheckDigit: 1, idRegion: 1 });
		expect((summary.rejectedByReason.idBirthDate ?? 0) + (summary.rejectedByReason.idCheckDigit ?? 0)).toBe(2);
		const { rejects } = await listBatchRejects(fx.store, { batchId: summary.batchId, limit: 10 });
		expect(rejects.map((r) => [r.lineNo, r.field])).toEqual([
			[3, 'idNumber'],
			[4, 'idNumber'],
			[5, 'idNumber'],
		]);
		expect(rejects[0]).toMatchObject({ code: 'idCheckDigit', reason: expect.stringContaining('校验位') });
		expect((await fx.events('batch_id = $1', [summary.batchId])).map((e) => e.id_hash)).toEqual([testIdHash(good)]);
	});

	it('rejects impossible timestamps and unknown event types, and maps vendor codes', async () => {
		const day = yesterday();
		const summary = await ingestRows(
			csvOf([
				{ id: freshId(), type: 'OCR_IDCARD' },
				{ id: freshId(), type: '人脸识别' },
				{ id: freshId(), type: '数据查询' },
				{ id: freshId(), type: 'VOICEPRINT' },
				{ id: freshId(), type: '' },
				{ id: freshId(), time: `${day.slice(0, 4)}-02-30 10:00:00` },
				{ id: freshId(), time: '2025-12-22 25:00:00' },
				{ id: freshId(), time: '' },
				{ id: freshId(), time: '2099-01-01 10:00:00' },
			]),
		);
		expect(summary.accepted).toBe(3);
		expect(summary.acceptedByEventType).toEqual({ face: 1, ocr: 1, data_api: 1 });
		expect(summary.rejectedByReason).toEqual({
			eventTypeUnknown: 1,
			eventTypeEmpty: 1,
			timestampInvalid: 2,
			timestampEmpty: 1,
			timestampOutOfRange: 1,
		});
	});

	it('fails naming the file and the missing columns when the header lacks a required one', async () => {
		const error = await fileError(fx.ingest(source('身份证号,机构,调用时间\n110105194912310020,杭州分行,2025-12-22 10:00:00\n', 'no-type.csv')));
		expect(error.problem).toBe('missingColumns');
		expect(error.message).toContain('no-type.csv');
		expect(error.message).toContain('事件类型');
		expect(await fx.store.query(`SELECT 1 FROM ingest_batches WHERE source_name = 'no-type.csv'`)).toMatchObject({ rowCount: 0 });
	});

	it('ignores extra columns in the header but rejects rows with more or fewer fields', async () => {
		const ok = freshId();
		const text =
			`备注,${HEADER},操作员\n` +
			`note,${csvLine({ id: ok })},张三\n` +
			`note,${csvLine({ id: freshId() })}\n` +
			`note,${csvLine({ id: freshId() })},张三,extra\n`;
		const summary = await ingestRows(text);
		expect(summary).toMatchObject({ accepted: 1, rejected: 2, rejectedByReason: { fieldCount: 2 } });
	});

	it('counts empty and blank lines as rejected rows, and reads CRLF files', async () => {
		const rows = [{ id: freshId() }, { id: freshId() }];
		const text = `${HEADER}\r\n${csvLine(rows[0])}\r\n\r\n   \r\n,,,,,,\r\n${csvLine(rows[1], 1)}\r\n`;
		const summary = await ingestRows(text);
		expect(summary).toMatchObject({ rowsRead: 5, accepted: 2, rejected: 3, rejectedByReason: { emptyLine: 3 } });
	});

	it('rejects a truncated last line, cut in a field or inside a quote', async () => {
		const cutInField = `${csvOf([{ id: freshId() }])}${freshId()},杭州分行,FACE_VERIFY,2025-12-2`;
		expect((await ingestRows(cutInField)).rejectedByReason).toEqual({ fieldCount: 1 });
		const cutInQuote = `${csvOf([{ id: freshId() }])}${freshId()},"杭州分行,FACE_VERIFY,${yesterday()} 10:00:00`;
		const summary = await ingestRows(cutInQuote);
		expect(summary).toMatchObject({ accepted: 1, rejectedByReason: { unterminatedQuote: 1 } });
	});

	it('reads GBK files (auto or chosen), and says so when the encoding chosen is wrong', async () => {
		const id = freshId();
		const gbk = iconv.encode(csvOf([{ id, institution: '上海研发分部', product: '信用卡' }]), 'gbk');
		const summary = await fx.ingest(source(gbk, 'gbk.csv'));
		expect(summary).toMatchObject({ accepted: 1, encoding: 'gbk', institutions: ['上海研发分部'] });
		const [event] = await fx.events('batch_id = $1', [summary.batchId]);
		expect(event).toMatchObject({ institution: '上海研发分部', product: '信用卡' });

		const asUtf8 = await fileError(fx.ingest(source(gbk, 'gbk-as-utf8.csv'), { encoding: 'utf8' }));
		expect(asUtf8.problem).toBe('encoding');
		expect(asUtf8.message).toMatch(/gbk-as-utf8\.csv.*GBK/);
		const utf8AsGbk = await fileError(fx.ingest(source(csvOf([{ id: freshId() }]), 'utf8-as-gbk.csv'), { encoding: 'gbk' }));
		expect(utf8AsGbk.problem).toBe('encoding');
	});

	it('rejects a row whose bytes are not valid in the file encoding, keeping the rest', async () => {
		const good = Buffer.from(csvOf(Array.from({ length: 20 }, (_, i) => ({ id: freshId(), institution: '杭州分行', request: `R${i}` }))));
		const bad = Buffer.concat([Buffer.from(`${freshId()},`), Buffer.from([0xb9, 0xe3, 0xd6, 0xdd]), Buffer.from(`,FACE_VERIFY,${yesterday()} 11:00:00,0000,x,R9\n`)]);
		const summary = await fx.ingest(source(Buffer.concat([good, bad]), 'mixed.csv'), { encoding: 'utf8' });
		expectBalanced(summary);
		expect(summary).toMatchObject({ accepted: 20, rejectedByReason: { encoding: 1 } });
	});

	it('strips a UTF-8 byte-order mark', async () => {
		const summary = await ingestRows(`\uFEFF${csvOf([{ id: freshId() }])}`);
		expect(summary).toMatchObject({ accepted: 1, rejected: 0 });
	});

	it('keeps commas and line breaks inside quoted fields, with line numbers that count them', async () => {
		const id = freshId();
		const text = `${HEADER}\n${id},"杭州分行",FACE_VERIFY,${yesterday()} 09:00:00,0000,"信用卡,分期\n二期",R-quoted\n${badCheckDigit(freshId())},杭州分行,FACE_VERIFY,${yesterday()} 09:01:00,0000,x,R2\n`;
		const summary = await ingestRows(text);
		expect(summary).toMatchObject({ accepted: 1, rejected: 1 });
		const [event] = await fx.events('batch_id = $1', [summary.batchId]);
		expect(event.product).toBe('信用卡,分期\n二期');
		const { rejects } = await listBatchRejects(fx.store, { batchId: summary.batchId, limit: 5 });
		expect(rejects[0].lineNo).toBe(4);
	});

	it('handles a 1 MB line: rejected as too long by default, or its field rejected when lines may be that long', async () => {
		const huge = 'Z'.repeat(1024 * 1024);
		const fileWithHugeLine = () => `${csvOf([{ id: freshId() }])}${csvLine({ id: freshId(), request: huge })}\n${csvLine({ id: freshId() }, 2)}\n`;
		const text = fileWithHugeLine();
		const summary = await ingestRows(text);
		expect(summary).toMatchObject({ rowsRead: 3, accepted: 2, rejectedByReason: { recordTooLong: 1 } });
		const { rejects } = await listBatchRejects(fx.store, { batchId: summary.batchId, limit: 5 });
		expect(rejects[0]).toMatchObject({ lineNo: 3, code: 'recordTooLong' });
		expect(rejects[0].excerpt!.length).toBeLessThanOrEqual(201);

		const roomy = await fx.ingest(source(fileWithHugeLine(), 'roomy.csv'), { maxRecordBytes: 4 << 20 });
		expectBalanced(roomy);
		expect(roomy.rejectedByReason).toEqual({ fieldTooLong: 1 });
	});

	it('stores SQL-looking text as plain text', async () => {
		const sql = `'); DROP TABLE call_events; --`;
		const summary = await ingestRows(csvOf([{ id: freshId(), request: sql, institution: 'x"; DELETE FROM leads; --', product: '1 OR 1=1' }]));
		expect(summary.accepted).toBe(1);
		const [event] = await fx.events('batch_id = $1', [summary.batchId]);
		expect(event).toMatchObject({ request_id: sql, institution: 'x"; DELETE FROM leads; --', product: '1 OR 1=1' });
		expect((await fx.store.query('SELECT count(*)::int AS n FROM call_events')).rows[0]).toBeDefined();
	});

	it('fails on an empty file, a blank one and a BOM-only one; reads a header-only file as zero rows', async () => {
		expect((await fileError(fx.ingest(source('', 'empty.csv')))).problem).toBe('empty');
		expect((await fileError(fx.ingest(source('\n\n  \n', 'blank.csv')))).problem).toBe('empty');
		expect((await fileError(fx.ingest(source('\uFEFF', 'bom.csv')))).problem).toBe('empty');
		const headerOnly = await ingestRows(`${HEADER}\n`, 'header-only.csv');
		expect(headerOnly).toMatchObject({ rowsRead: 0, accepted: 0, days: [] });
	});

	it('fails on a file that is not CSV at all, naming it', async () => {
		const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
		const image = await fileError(fx.ingest(source(png, 'photo.png')));
		expect(image).toMatchObject({ problem: 'notText', file: 'photo.png' });
		const html = await fileError(fx.ingest(source('<html><body><h1>502 Bad Gateway</h1></body></html>\n', 'report.csv')));
		expect(html).toMatchObject({ problem: 'missingColumns', file: 'report.csv' });
		const prose = await fileError(fx.ingest(source('这不是一个CSV文件，只是一段说明文字。\n第二行。\n', 'readme.txt')));
		expect(prose.problem).toBe('missingColumns');
	});

	it('never writes a raw ID number: rejects keep a masked excerpt only', async () => {
		const raws = [badCheckDigit(freshId()), freshId(), freshId()];
		const summary = await ingestRows(
			csvOf([{ id: raws[0] }, { id: raws[1], type: 'UNKNOWN_KIND' }, { id: raws[2], time: 'not a time' }]),
		);
		expect(summary.rejected).toBe(3);
		const dump = JSON.stringify([
			(await fx.store.query('SELECT * FROM ingest_rejects WHERE batch_id = $1', [summary.batchId])).rows,
			(await fx.store.query('SELECT * FROM ingest_batches WHERE batch_id = $1', [summary.batchId])).rows,
			await fx.events(),
		]);
		for (const raw of raws) {
			expect(dump).not.toContain(raw);
			expect(dump).not.toContain(raw.slice(6, 14));
		}
		expect(dump).toContain(`${raws[1].slice(0, 6)}********${raws[1].slice(14)}`);
	});
});
