import { knownInstitutions } from '../../lib/monitor';
import { STORE_KINDS } from '../setup/testStores';
import { csvLine, csvOf, expectBalanced, HEADER, ingestFixture, source, validId, yesterday, type IngestFixture } from './callLogFixtures';

let nextId = 5000;
const freshId = () => validId(nextId++);

describe.each(STORE_KINDS)('idempotent call-log ingest on %s', (kind) => {
	let fx: IngestFixture;
	beforeAll(async () => {
		fx = await ingestFixture(kind);
	});
	afterAll(() => fx.close());

	const count = async (where: string, params: unknown[] = []) =>
		Number((await fx.store.query<{ n: number }>(`SELECT count(*)::int AS n FROM call_events WHERE ${where}`, params)).rows[0].n);

	it('adds nothing when the same file comes again, and says so', async () => {
		const text = csvOf([{ id: freshId() }, { id: freshId(), type: 'OCR_IDCARD' }, { id: 'bad' }]);
		const first = await fx.ingest(source(text, 'day.csv'));
		expect(first).toMatchObject({ alreadyIngested: false, accepted: 2, rejected: 1 });
		const before = await count('true');
		const again = await fx.ingest(source(text, 'day-copy.csv'));
		expectBalanced(again);
		expect(again).toMatchObject({ alreadyIngested: true, accepted: 0, rowsRead: 0, batchId: first.batchId, previous: { batchId: first.batchId, accepted: 2 } });
		expect(again.message).toMatch(/已于.*导入.*nothing added/);
		expect(await count('true')).toBe(before);
		const batches = await fx.store.query('SELECT status FROM ingest_batches WHERE checksum = $1', [first.checksum]);
		expect(batches.rows).toEqual([{ status: 'complete' }]);
	});

	it('stores an event repeated within the file once, near or far apart, in order or not', async () => {
		const a = { id: freshId(), request: 'A1' };
		const b = { id: freshId(), request: 'B1', time: `${yesterday()} 23:50:00` };
		const c = { id: freshId(), request: 'C1', time: `${yesterday()} 01:00:00` };
		// b then c: c is hours older than the latest event seen, so the database settles it.
		const rows = [a, a, b, c, { id: freshId() }, c, a, b];
		const lines = rows.map((row) => csvLine(row));
		const summary = await fx.ingest(source(`${HEADER}\n${lines.join('\n')}\n`, 'repeats.csv'));
		expectBalanced(summary);
		expect(summary).toMatchObject({ rowsRead: 8, accepted: 4, duplicates: 4, duplicatesInFile: 4, duplicatesAlreadyStored: 0 });
		expect(await count('batch_id = $1', [summary.batchId])).toBe(4);
	});

	it('stores an event once across files, and counts the repeat as already stored', async () => {
		const shared = [{ id: freshId(), request: 'S1' }, { id: freshId(), request: 'S2', type: '数据查询' }];
		const first = await fx.ingest(source(csvOf([...shared, { id: freshId() }]), 'part-1.csv'));
		expect(first.accepted).toBe(3);
		const second = await fx.ingest(source(csvOf([...shared, { id: freshId(), request: 'S3' }]), 'part-2.csv'));
		expectBalanced(second);
		expect(second).toMatchObject({ accepted: 1, duplicates: 2, duplicatesAlreadyStored: 2, duplicatesInFile: 0 });
		expect(second.acceptedByEventType).toEqual({ face: 1, ocr: 0, data_api: 0 });
		expect(await count('request_id IN ($1, $2)', ['S1', 'S2'])).toBe(2);
		// Late rows repeating stored events take the database path, and are counted the same way.
		const late = [{ ...shared[0], time: `${yesterday()} 23:59:00`, request: 'L1' }, shared[1]];
		const third = await fx.ingest(source(csvOf(late), 'part-3.csv'));
		expectBalanced(third);
		expect(third).toMatchObject({ accepted: 1, duplicatesAlreadyStored: 1 });
	});

	it('keeps per-institution files of the same day apart: same person, same time, different institution', async () => {
		const person = freshId();
		const time = `${yesterday()} 08:15:00`;
		const east = await fx.ingest(source(csvOf([{ id: person, time, institution: '华东中心机构', request: '' }]), 'east.csv'));
		const lab = await fx.ingest(source(csvOf([{ id: person, time, institution: '上海研发分部', request: '' }]), 'lab.csv'));
		expect([east.accepted, lab.accepted, lab.duplicates]).toEqual([1, 1, 0]);
		const slices = await fx.store.query<{ institution: string; events: number }>(
			`SELECT institution, events::int FROM call_event_slices WHERE batch_id IN ($1, $2) ORDER BY institution`,
			[east.batchId, lab.batchId],
		);
		expect(slices.rows).toEqual([
			{ institution: '上海研发分部', events: 1 },
			{ institution: '华东中心机构', events: 1 },
		]);
	});

	it('agrees with the stored rows: accepted equals what the batch wrote, day and institution slices add up', async () => {
		const rows = Array.from({ length: 300 }, (_, i) => ({ id: validId(9000 + (i % 120)), request: `Q${i % 250}`, institution: i % 3 ? '宁波分行' : '南京分行' }));
		const summary = await fx.ingest(source(csvOf(rows), 'mixed.csv'));
		expectBalanced(summary);
		expect(await count('batch_id = $1', [summary.batchId])).toBe(summary.accepted);
		const slices = await fx.store.query<{ events: number }>('SELECT sum(events)::int AS events FROM call_event_slices WHERE batch_id = $1', [summary.batchId]);
		expect(slices.rows[0].events).toBe(summary.accepted);
	});
});

describe.each(STORE_KINDS)('institutions for the editor on %s', (kind) => {
	it('lists the institutions ingested in the last 90 days, each once, in order', async () => {
		const fx = await ingestFixture(kind);
		try {
			await fx.ingest(source(csvOf([{ id: validId(901), institution: '宁波分行' }, { id: validId(902), institution: '华东中心机构' }])));
			await fx.ingest(source(csvOf([{ id: validId(903), institution: '宁波分行', request: 'again' }]), 'second.csv'));
			expect(await knownInstitutions(fx.store)).toEqual(['华东中心机构', '宁波分行'].sort());
			expect(await knownInstitutions(fx.store, 90, new Date(Date.now() + 200 * 86_400_000))).toEqual([]);
		} finally {
			await fx.close();
		}
	});
});
