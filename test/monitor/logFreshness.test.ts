import { addDays } from '../../lib/calendar';
import { describeLogGaps, findLogGaps } from '../../lib/monitor';
import { csvOf, ingestFixture, source, validId, yesterday, type IngestFixture, type Row } from '../ingest/callLogFixtures';
import { STORE_KINDS } from '../setup/testStores';

const DAY = yesterday();
let nextId = 7000;

/** `count` calls at `institution` on `day`, each of another person. */
const calls = (institution: string, day: string, count: number): Row[] =>
	Array.from({ length: count }, (_, index) => ({ id: validId(nextId++), institution, time: `${day} 09:${String(index).padStart(2, '0')}:00`, request: `F${nextId}` }));

describe.each(STORE_KINDS)('call-log gaps of the daily run on %s', (kind) => {
	let fx: IngestFixture;
	beforeAll(async () => {
		fx = await ingestFixture(kind);
		const rows: Row[] = [];
		for (let back = 7; back >= 1; back--) {
			const day = addDays(DAY, -back);
			rows.push(...calls('甲分行', day, 4), ...calls('乙中心', day, 6), ...calls('丁网点', day, 5));
			if (back <= 2) rows.push(...calls('丙机构', day, 3));
		}
		// The day itself: 甲 sent nothing, 乙 a third of its usual, 丁 as usual, 丙 (too new to judge) nothing.
		rows.push(...calls('乙中心', DAY, 2), ...calls('丁网点', DAY, 5));
		const summary = await fx.ingest(source(csvOf(rows), 'week.csv'));
		expect(summary.accepted).toBe(rows.length);
	});
	afterAll(() => fx.close());

	it('names the institution whose day is missing and the one whose day is clearly short, against their own recent days', async () => {
		expect(await findLogGaps(fx.store, DAY)).toEqual([
			{ institution: '乙中心', day: DAY, kind: 'short', events: 2, usual: 6 },
			{ institution: '甲分行', day: DAY, kind: 'missing', events: 0, usual: 4 },
		]);
	});

	it('finds nothing for a day every institution delivered, and explains gaps in Chinese and English', async () => {
		const earlier = addDays(DAY, -1);
		expect(await findLogGaps(fx.store, earlier, { minActiveDays: 3 })).toEqual([]);
		const text = describeLogGaps(await findLogGaps(fx.store, DAY));
		expect(text).toContain(`甲分行 ${DAY} 的调用日志缺失`);
		expect(text).toContain('call log short: 2, usually 6');
	});

	it('takes its thresholds from the options', async () => {
		expect((await findLogGaps(fx.store, DAY, { shortShare: 0.2 })).map((gap) => gap.institution)).toEqual(['甲分行']);
		expect((await findLogGaps(fx.store, DAY, { minActiveDays: 8 })).length).toBe(0);
	});
});
