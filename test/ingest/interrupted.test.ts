import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { fileSource, ingestCallLog, type CallLogSource } from '../../lib/ingest';
import { STORE_KINDS, testKeys, testStoreConfig } from '../setup/testStores';
import { packageRoot } from '../harness/packageRoot';
import { csvOf, csvRows, expectBalanced, ingestFixture, source, validId, yesterday, type IngestFixture } from './callLogFixtures';

/**
 * A source read in 16 KB chunks that counts its opens: the n-th open reads `versions[n]`
 * (the last one after that); every open after the first fails after `failAfter` bytes.
 */
function countingSource(name: string, versions: string[], failAfter = Infinity): CallLogSource & { opened: number } {
	const src = {
		name,
		opened: 0,
		async open() {
			const failing = src.opened > 0;
			const content = Buffer.from(versions[Math.min(src.opened++, versions.length - 1)]);
			return (async function* () {
				for (let offset = 0; offset < content.length; offset += 16 * 1024) {
					if (failing && offset >= failAfter) throw new Error('connection reset while reading the file');
					yield content.subarray(offset, offset + 16 * 1024);
				}
			})();
		},
	};
	return src;
}

function bigDay(rows: number, salt: number): string {
	return csvOf(
		Array.from({ length: rows }, (_, i) => ({
			id: validId(salt + (i % 5000)),
			request: `K${salt}-${i}`,
			time: `${yesterday()} ${String(Math.floor((i / rows) * 24)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00`,
			institution: i % 2 ? '华东中心机构' : '宁波分行',
		})),
	);
}

describe.each(STORE_KINDS)('a call-log ingest killed half-way on %s', (kind) => {
	let fx: IngestFixture;
	beforeAll(async () => {
		fx = await ingestFixture(kind);
	});
	afterAll(() => fx.close());

	const tableCount = async (table: string) => Number((await fx.store.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n);

	it('leaves nothing behind, and the rerun stores everything', async () => {
		const text = bigDay(30_000, 100_000);
		const killed = countingSource('killed.csv', [text], Math.floor(text.length * 0.6));
		await expect(fx.ingest(killed)).rejects.toThrow(/connection reset/);
		expect(killed.opened).toBe(2);
		for (const table of ['call_events', 'ingest_batches', 'ingest_rejects', 'call_event_slices']) expect(await tableCount(table)).toBe(0);
		const partitions = await fx.store.query(`SELECT 1 FROM pg_class WHERE relname LIKE 'call_events_2%' AND relnamespace = to_regnamespace($1)`, [fx.store.schema]);
		expect(partitions.rowCount).toBe(0);

		const rerun = await fx.ingest(source(text, 'killed.csv'));
		expectBalanced(rerun);
		expect(rerun).toMatchObject({ alreadyIngested: false, rowsRead: 30_000, accepted: 30_000 });
		expect(await tableCount('call_events')).toBe(30_000);
	});

	it('is not blocked by a batch left in the loading state', async () => {
		const text = csvOf([{ id: validId(77), request: 'left-behind' }]);
		const checksum = createHash('sha256').update(text).digest('hex');
		await fx.store.query(`INSERT INTO ingest_batches (batch_id, checksum, source_name, status) VALUES ('bleftover', $1, 'old.csv', 'loading')`, [
			checksum,
		]);
		await fx.store.query(`INSERT INTO ingest_rejects (batch_id, line_no, reason) VALUES ('bleftover', 2, 'left behind')`);
		const summary = await fx.ingest(source(text, 'again.csv'));
		expect(summary).toMatchObject({ alreadyIngested: false, accepted: 1 });
		const batch = await fx.store.query('SELECT status, source_name FROM ingest_batches WHERE checksum = $1', [checksum]);
		expect(batch.rows).toEqual([{ status: 'complete', source_name: 'again.csv' }]);
		const leftovers = await fx.store.query(`SELECT line_no FROM ingest_rejects WHERE batch_id = 'bleftover'`);
		expect(leftovers.rows).toEqual([]);
	});

	it('reads a new file once; a rerun stops after one checksum pass; a file that only starts alike is loaded', async () => {
		const day = bigDay(3_000, 500_000);
		const first = countingSource('day.csv', [day]);
		expect(await fx.ingest(first)).toMatchObject({ alreadyIngested: false, accepted: 3_000 });
		expect(first.opened).toBe(2); // its first 64 KB, then the load

		const rerun = countingSource('day.csv', [day]);
		expect(await fx.ingest(rerun)).toMatchObject({ alreadyIngested: true, accepted: 0 });
		expect(rerun.opened).toBe(2); // its head matches: the checksum pass, which finds the batch

		const longer = day + csvRows([{ id: validId(501_000), request: 'appended' }]);
		const grown = countingSource('day.csv', [longer]);
		expect(await fx.ingest(grown)).toMatchObject({ alreadyIngested: false, accepted: 1, duplicatesAlreadyStored: 3_000 });
		expect(grown.opened).toBe(3);
	});

	it('rolls back a batch whose file changes between the checksum pass and the load', async () => {
		const day = bigDay(3_000, 600_000);
		await fx.ingest(source(day, 'growing.csv'));
		const more = (n: number) => csvRows(Array.from({ length: n }, (_, i) => ({ id: validId(601_000 + i), request: `G${i}` })));
		// Same first 64 KB as the stored batch, so a checksum pass comes first; the load then reads more.
		const changing = countingSource('growing.csv', [day + more(1), day + more(1), day + more(2)]);
		await expect(fx.ingest(changing)).rejects.toMatchObject({ problem: 'changedWhileReading' });
		expect(await fx.store.query(`SELECT 1 FROM ingest_batches WHERE source_name = 'growing.csv'`)).toMatchObject({ rowCount: 1 });
	});

	it('finds the same content stored by a batch without a head digest after the load, and rolls the load back', async () => {
		const text = csvOf([{ id: validId(700), request: 'before-upgrade' }]);
		const stored = await fx.ingest(source(text, 'old.csv'));
		await fx.store.query('UPDATE ingest_batches SET head_digest = NULL WHERE batch_id = $1', [stored.batchId]);
		const again = await fx.ingest(source(text, 'old-again.csv'));
		expect(again).toMatchObject({ alreadyIngested: true, batchId: stored.batchId, accepted: 0, checksum: stored.checksum });
		expect(await fx.store.query(`SELECT 1 FROM call_events WHERE request_id = 'before-upgrade'`)).toMatchObject({ rowCount: 1 });
		expect(await fx.store.query(`SELECT 1 FROM ingest_batches WHERE source_name = 'old-again.csv'`)).toMatchObject({ rowCount: 0 });
	});
});

describe('two ingests at once (PostgreSQL)', () => {
	let fx: IngestFixture;
	beforeAll(async () => {
		fx = await ingestFixture('postgres');
	});
	afterAll(() => fx.close());

	it('of the same file: one stores it, the other finds it already ingested', async () => {
		const text = bigDay(5_000, 200_000);
		const config = testStoreConfig('postgres', fx.store.schema);
		const run = () => ingestCallLog({ store: fx.store, keys: testKeys, postgres: config.mode === 'postgres' ? config : undefined }, source(text));
		const results = await Promise.all([run(), run()]);
		expect(results.map((r) => r.alreadyIngested).sort()).toEqual([false, true]);
		expect(results.find((r) => !r.alreadyIngested)!.accepted).toBe(5_000);
		expect(Number((await fx.store.query<{ n: number }>('SELECT count(*)::int AS n FROM call_events')).rows[0].n)).toBe(5_000);
	});

	it('of two overlapping files of the same day: every event stored once', async () => {
		const rows = Array.from({ length: 4_000 }, (_, i) => ({ id: validId(300_000 + i), request: `O${i}`, time: `${yesterday()} 12:${String(i % 60).padStart(2, '0')}:00` }));
		const [a, b] = await Promise.all([fx.ingest(source(csvOf(rows.slice(0, 3_000)), 'a.csv')), fx.ingest(source(csvOf(rows.slice(1_000)), 'b.csv'))]);
		expect(a.accepted + b.accepted).toBe(4_000);
		expect(a.duplicatesAlreadyStored + b.duplicatesAlreadyStored).toBe(2_000);
		const stored = await fx.store.query<{ n: number }>(`SELECT count(*)::int AS n FROM call_events WHERE request_id LIKE 'O%'`);
		expect(stored.rows[0].n).toBe(4_000);
	});
});

describe('an ingest process killed with SIGKILL during the COPY (PostgreSQL)', () => {
	let fx: IngestFixture;
	beforeAll(async () => {
		fx = await ingestFixture('postgres');
	});
	afterAll(() => fx.close());

	it('leaves nothing behind, and the rerun stores everything', async () => {
		const distIngest = join(packageRoot, 'dist', 'lib', 'ingest', 'index.js');
		if (!existsSync(distIngest)) throw new Error(`${distIngest} is not built: run "npm run build" first`);
		const folder = mkdtempSync(join(tmpdir(), 'ingest-kill-'));
		const file = join(folder, 'day.csv');
		writeFileSync(file, bigDay(200_000, 400_000));
		const config = testStoreConfig('postgres', fx.store.schema);
		const script = `
			const { ingestCallLog, fileSource } = require(${JSON.stringify(distIngest)});
			const { connectStore } = require(${JSON.stringify(join(packageRoot, 'dist', 'lib', 'store', 'index.js'))});
			const { privacyKeys } = require(${JSON.stringify(join(packageRoot, 'dist', 'lib', 'privacy', 'index.js'))});
			const config = ${JSON.stringify(config)};
			connectStore(config).then((store) => ingestCallLog({ store, keys: privacyKeys('test-hashing-key-0123456789', 'test-encryption-key-0123456789'), postgres: config }, fileSource(${JSON.stringify(file)})));
		`;
		const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
		try {
			const deadline = Date.now() + 30_000;
			for (;;) {
				const progress = await fx.store.query<{ n: string }>(`SELECT tuples_processed AS n FROM pg_stat_progress_copy WHERE datname = current_database()`);
				if (progress.rows.some((row) => Number(row.n) > 20_000)) break;
				if (Date.now() > deadline || child.exitCode !== null) throw new Error('the ingest never got to its COPY');
				await new Promise((resolve) => setTimeout(resolve, 20));
			}
			child.kill('SIGKILL');
			await new Promise((resolve) => child.once('exit', resolve));
			// The server notices the dropped connection and rolls the transaction back.
			for (let wait = 0; wait < 100; wait++) {
				const active = await fx.store.query(`SELECT 1 FROM pg_stat_progress_copy WHERE datname = current_database()`);
				if (active.rowCount === 0) break;
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
			for (const table of ['call_events', 'ingest_batches', 'call_event_slices']) {
				expect((await fx.store.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n).toBe(0);
			}
			const rerun = await fx.ingest(fileSource(file));
			expectBalanced(rerun);
			expect(rerun).toMatchObject({ alreadyIngested: false, accepted: 200_000 });
		} finally {
			child.kill('SIGKILL');
			rmSync(folder, { recursive: true, force: true });
		}
	});
});
