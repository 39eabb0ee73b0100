import type * as Ingest from '../../lib/ingest';
import { requireFromDist } from '../harness/packageRoot';
import { openTestStore, testKeys, testStoreConfig, uniqueSchema } from '../setup/testStores';
import { badCheckDigit, csvLine, csvOf, expectBalanced, HEADER, validId, yesterday } from './callLogFixtures';

/**
 * The worker thread only runs compiled (dist/): this test loads the built ingest and
 * checks that, with and without the worker, the same file gives the same summary and the
 * same stored rows. Build first (npm run build).
 */
const built = requireFromDist<typeof Ingest>('lib/ingest');

function tricky(): string {
	const rows: string[] = [];
	for (let i = 0; i < 6_000; i++) {
		const time = `${yesterday()} ${String(Math.floor(i / 300)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00`;
		const row = { id: validId(50_000 + (i % 700)), request: `W${i % 5_500}`, time, institution: i % 3 ? '宁波分行' : '合作方-消费金融A', type: i % 2 ? 'OCR_IDCARD' : '人脸识别' };
		if (i % 97 === 0) rows.push(csvLine({ ...row, id: badCheckDigit(row.id) }));
		else if (i % 89 === 0) rows.push('');
		else if (i % 83 === 0) rows.push(`${csvLine(row)},extra`);
		else if (i % 41 === 0) rows.push(csvLine({ ...row, time: `${yesterday()} 00:30:00` })); // late: settled by the database
		else rows.push(csvLine(row));
		if (i % 50 === 0) rows.push(rows[rows.length - 1]);
	}
	return `${HEADER}\n${rows.join('\n')}\n"${validId(1)}","杭州分行","FACE_VERIFY","${yesterday()} 23:00:00","0000","信用卡,分期","Q\n2"\n${csvOf([{ id: validId(2) }]).split('\n')[1]}`;
}

describe('the row pipeline in a worker thread (PostgreSQL)', () => {
	it('gives the same summary and stores the same rows as the single-thread load', async () => {
		const text = tricky();
		const results = [];
		for (const useWorker of [false, true]) {
			const schema = uniqueSchema('wk');
			const store = await openTestStore('postgres', schema);
			try {
				const config = testStoreConfig('postgres', schema);
				const summary = await built.ingestCallLog(
					{ store, keys: testKeys, postgres: config.mode === 'postgres' ? config : undefined },
					built.bufferSource('tricky.csv', Buffer.from(text)),
					{ useWorker },
				);
				expectBalanced(summary);
				// Each batch gets an id of its own: rows are compared with theirs replaced by the summary's.
				const rows = await store.query<{ digest: string; n: number }>(
					`SELECT md5(string_agg(concat_ws('|', event_date, occurred_at, hour_of_day, id_hash, institution, event_type, request_id, result_code, product, batch_id = $1), ',' ORDER BY occurred_at, id_hash, request_id, event_type, institution)) AS digest, count(*)::int AS n FROM call_events`,
					[summary.batchId],
				);
				const rejects = await store.query('SELECT line_no, field, code, excerpt FROM ingest_rejects ORDER BY line_no');
				results.push({ summary: { ...summary, batchId: '', durationMs: 0, phasesMs: undefined }, rows: rows.rows[0], rejects: rejects.rows });
			} finally {
				await store.close();
			}
		}
		const [single, threaded] = results;
		expect(single.summary.duplicatesInFile).toBeGreaterThan(0);
		expect(single.summary.rejected).toBeGreaterThan(0);
		expect(threaded).toEqual(single);
	});

	it('reports a file the worker cannot read the way the single-thread load does', async () => {
		const schema = uniqueSchema('wk');
		const store = await openTestStore('postgres', schema);
		try {
			const config = testStoreConfig('postgres', schema);
			const target = { store, keys: testKeys, postgres: config.mode === 'postgres' ? config : undefined };
			const noType = built.bufferSource('no-type.csv', Buffer.from(`身份证号,机构,时间\n${validId(3)},杭州分行,${yesterday()} 10:00:00\n`));
			await expect(built.ingestCallLog(target, noType, { useWorker: true })).rejects.toMatchObject({ name: 'CallLogFileError', problem: 'missingColumns', file: 'no-type.csv' });
			expect((await store.query('SELECT 1 FROM ingest_batches')).rowCount).toBe(0);
		} finally {
			await store.close();
		}
	});
});
