import { IngestOptionsError } from '../../lib/ingest';
import { STORE_KINDS, testIdHash } from '../setup/testStores';
import { expectBalanced, ingestFixture, source, validId, yesterday, type IngestFixture } from './callLogFixtures';

let nextId = 20_000;
const freshId = () => validId(nextId++);

describe.each(STORE_KINDS)('call-log formats and mappings on %s', (kind) => {
	let fx: IngestFixture;
	beforeAll(async () => {
		fx = await ingestFixture(kind);
	});
	afterAll(() => fx.close());

	it('reads JSON Lines with English keys, epoch times and the roster-compatible hash', async () => {
		const id = freshId();
		const epoch = Math.floor(Date.parse(`${yesterday()}T02:30:00Z`) / 1000);
		const text = [
			JSON.stringify({ id_number: id, institution: '南京分行', event_type: 'FACE_VERIFY', timestamp: epoch, request_id: 'J1', channel: 'APP' }),
			'',
			'{not json',
			JSON.stringify({ id_number: freshId(), institution: '南京分行', event_type: 'OCR_IDCARD', timestamp: `${yesterday()}T11:00:00+08:00`, result_code: 0 }),
		].join('\n');
		const summary = await fx.ingest(source(text, 'calls.jsonl'));
		expectBalanced(summary);
		expect(summary).toMatchObject({ format: 'jsonl', accepted: 2, rejectedByReason: { emptyLine: 1, badJson: 1 } });
		const events = await fx.events('batch_id = $1', [summary.batchId]);
		expect(events[0]).toMatchObject({ id_hash: testIdHash(id), hour_of_day: 10, event_date: yesterday(), product: 'APP', request_id: 'J1' });
		expect(events[1]).toMatchObject({ event_type: 'ocr', hour_of_day: 11, result_code: '0', request_id: '' });
	});

	it('fails a JSON Lines file whose objects lack a required field', async () => {
		await expect(fx.ingest(source(`${JSON.stringify({ name: 'x', time: '2025-01-01 10:00:00' })}\n`, 'people.jsonl'))).rejects.toMatchObject({
			problem: 'missingColumns',
		});
	});

	it('detects tab and pipe delimiters, and finds renamed columns by the names given', async () => {
		const tab = `证件号码\t机构名称\t核验类型\t请求时间\n${freshId()}\t宁波分行\tLIVENESS\t${yesterday()} 08:00:00\n`;
		expect(await fx.ingest(source(tab, 'tab.tsv'))).toMatchObject({ accepted: 1 });
		const pipe = `CERT|BRANCH|KIND|AT|TRACE\n${freshId()}|宁波分行|DQ|${yesterday()}T08:01:00|T-1\n`;
		const renamed = await fx.ingest(source(pipe, 'pipe.txt'), {
			columns: { idNumber: 'cert', institution: 'branch', eventType: 'kind', timestamp: 'at', requestId: 'trace' },
			eventTypeMapping: 'DQ=data_api',
		});
		expect(renamed).toMatchObject({ accepted: 1, acceptedByEventType: { data_api: 1 } });
		const [event] = await fx.events('batch_id = $1', [renamed.batchId]);
		expect(event.request_id).toBe('T-1');
	});

	it('maps vendor codes and institution codes, and keeps only the institutions asked for', async () => {
		const text = [
			'身份证号,机构代码,事件类型,调用时间',
			`${freshId()},HZ001,FV01,${yesterday()} 09:00:00`,
			`${freshId()},SH002,人脸核验,${yesterday()} 09:01:00`,
			`${freshId()},NB003,OCR02,${yesterday()} 09:02:00`,
			`${freshId()},HZ001,OCR02,${yesterday()} 09:03:00`,
		].join('\n');
		const summary = await fx.ingest(source(text, 'coded.csv'), {
			eventTypeMapping: 'FV01=face\nOCR02 => 身份证OCR',
			institutionMapping: 'HZ001=杭州银行总行营业部\nSH002=上海研发分部\nNB003=宁波分行',
			institutionFilter: '杭州银行总行营业部, 上海研发分部',
		});
		expectBalanced(summary);
		expect(summary).toMatchObject({
			accepted: 3,
			rejectedByReason: { institutionNotSelected: 1 },
			rejectsStored: 0,
			institutions: ['上海研发分部', '杭州银行总行营业部'],
			acceptedByEventType: { face: 2, ocr: 1, data_api: 0 },
		});
	});

	it('takes the institution of a one-institution file from the options', async () => {
		const text = `身份证号,事件类型,调用时间\n${freshId()},FACE_VERIFY,${yesterday()} 07:00:00\n`;
		await expect(fx.ingest(source(text, 'branch.csv'))).rejects.toMatchObject({ problem: 'missingColumns' });
		const summary = await fx.ingest(source(text, 'branch.csv'), { defaultInstitution: '华东中心机构' });
		expect(summary).toMatchObject({ accepted: 1, institutions: ['华东中心机构'] });
	});

	it('takes wall-clock times in the chosen zone and dates events by it', async () => {
		const text = `身份证号,机构,事件类型,时间\n${freshId()},Berlin,FACE_VERIFY,${yesterday()} 23:30:00\n${freshId()},Berlin,FACE_VERIFY,${yesterday()}T23:30:00Z\n`;
		const summary = await fx.ingest(source(text, 'berlin.csv'), { timeZone: 'Europe/Berlin' });
		const events = await fx.events('batch_id = $1', [summary.batchId]);
		expect(events.map((e) => [e.event_date, e.hour_of_day])).toEqual([
			[yesterday(), 23],
			[new Date(Date.parse(`${yesterday()}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10), expect.any(Number)],
		]);
	});

	it('reads a custom timestamp format', async () => {
		const [y, m, d] = yesterday().split('-');
		const text = `身份证号,机构,事件类型,时间\n${freshId()},宁波分行,FACE_VERIFY,${d}/${m}/${y} 10h05\n`;
		const summary = await fx.ingest(source(text, 'custom-time.csv'), { timestampFormat: "dd/MM/yyyy HH'h'mm" });
		expect(summary.accepted).toBe(1);
		expect(summary.timeSpan.from).toBe(`${yesterday()}T10:05:00+08:00`);
	});

	it('says which option is wrong', async () => {
		const text = `身份证号,机构,事件类型,时间\n${freshId()},宁波分行,FACE_VERIFY,${yesterday()} 10:00:00\n`;
		await expect(fx.ingest(source(text), { timeZone: 'Mars/Olympus' })).rejects.toThrow(IngestOptionsError);
		await expect(fx.ingest(source(text), { eventTypeMapping: 'X=voice' })).rejects.toMatchObject({ option: 'eventTypeMapping' });
		await expect(fx.ingest(source(text), { eventTypeMapping: 'no separator here' })).rejects.toThrow(/cannot read/);
	});
});
