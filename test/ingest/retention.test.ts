import { applyRetention } from '../../lib/ingest';
import { STORE_KINDS } from '../setup/testStores';
import { csvOf, ingestFixture, source, validId, type IngestFixture } from './callLogFixtures';

/** The day `back` days before today in Shanghai, YYYY-MM-DD. */
function daysAgo(back: number): string {
	return new Date(Date.now() + 8 * 3_600_000 - back * 86_400_000).toISOString().slice(0, 10);
}

describe.each(STORE_KINDS)('call-log retention on %s', (kind) => {
	let fx: IngestFixture;
	beforeAll(async () => {
		fx = await ingestFixture(kind);
		const rows = [1, 5, 29, 30, 31, 90].flatMap((back, i) => [
			{ id: validId(i * 2), time: `${daysAgo(back)} 10:00:00`, request: `D${back}a` },
			{ id: validId(i * 2 + 1), time: `${daysAgo(back)} 11:00:00`, request: `D${back}b` },
		]);
		const oldBatch = await fx.ingest(source(csvOf([...rows, { id: 'broken' }]), 'history.csv'));
		expect(oldBatch).toMatchObject({ accepted: 12, rejected: 1 });
		await fx.store.query(`UPDATE ingest_batches SET started_at = now() - interval '60 days'`);
	});
	afterAll(() => fx.close());

	const days = async () =>
		(await fx.store.query<{ day: string }>(`SELECT DISTINCT to_char(event_date, 'YYYY-MM-DD') AS day FROM call_events ORDER BY 1`)).rows.map((r) => r.day);

	it('previews without deleting', async () => {
		const preview = await applyRetention(fx.store, { keepDays: 30, dryRun: true });
		expect(preview).toMatchObject({ dryRun: true, keptFrom: daysAgo(29), eventsDropped: 6, rejectsDeleted: 1 });
		expect(preview.dropped.map((d) => d.day)).toEqual([daysAgo(90), daysAgo(31), daysAgo(30)]);
		expect(await days()).toHaveLength(6);
	});

	it('drops whole day partitions older than the kept days, with their slices and old rejects', async () => {
		const result = await applyRetention(fx.store, { keepDays: 30 });
		expect(result.dropped).toEqual([
			{ day: daysAgo(90), partition: `call_events_${daysAgo(90).replace(/-/g, '')}`, events: 2 },
			{ day: daysAgo(31), partition: `call_events_${daysAgo(31).replace(/-/g, '')}`, events: 2 },
			{ day: daysAgo(30), partition: `call_events_${daysAgo(30).replace(/-/g, '')}`, events: 2 },
		]);
		expect(result).toMatchObject({ eventsDropped: 6, rejectsDeleted: 1 });
		expect(result.message).toContain('已删除');
		expect(await days()).toEqual([daysAgo(29), daysAgo(5), daysAgo(1)].sort());
		const partitions = await fx.store.query(`SELECT 1 FROM pg_class WHERE relname = $1 AND relnamespace = to_regnamespace($2)`, [
			`call_events_${daysAgo(90).replace(/-/g, '')}`,
			fx.store.schema,
		]);
		expect(partitions.rowCount).toBe(0);
		const slices = await fx.store.query(`SELECT 1 FROM call_event_slices WHERE event_date < $1::date`, [daysAgo(29)]);
		expect(slices.rowCount).toBe(0);
	});

	it('finds nothing more to drop the second time, and refuses a keep of less than a day', async () => {
		const again = await applyRetention(fx.store, { keepDays: 30 });
		expect(again).toMatchObject({ dropped: [], eventsDropped: 0 });
		await expect(applyRetention(fx.store, { keepDays: 0 })).rejects.toThrow(/at least 1/);
	});

	it('lets a dropped day be ingested again later', async () => {
		const summary = await fx.ingest(source(csvOf([{ id: validId(400), time: `${daysAgo(40)} 09:00:00`, request: 'back' }]), 'late.csv'));
		expect(summary).toMatchObject({ accepted: 1, days: [daysAgo(40)] });
	});
});
