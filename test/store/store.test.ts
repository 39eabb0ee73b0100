import { connectStore, EncodedRows, StoreConfigError, validateStoreConfig, type Store } from '../../lib/store';
import { storeKey } from '../../lib/store/StoreConfig';
import { openTestStore, STORE_KINDS, testStoreConfig } from '../setup/testStores';

describe.each(STORE_KINDS)('store adapter on %s', (kind) => {
	let store: Store;
	beforeAll(async () => {
		store = await openTestStore(kind);
		await store.query('CREATE TABLE sample (id int PRIMARY KEY, label text, data jsonb, at timestamptz)');
	});
	afterAll(() => store.close());

	it('runs parameterised queries; values never become SQL', async () => {
		const evil = "x'); DROP TABLE sample; --";
		await store.query('INSERT INTO sample (id, label) VALUES ($1, $2)', [1, evil]);
		const result = await store.query<{ label: string }>('SELECT label FROM sample WHERE id = $1', [1]);
		expect(result.rows).toEqual([{ label: evil }]);
	});

	it('bulk-loads rows with tabs, newlines, backslashes, NULLs and JSON intact', async () => {
		const rows = [
			[10, 'tab\there', { a: 1 }, new Date('2026-11-21T02:00:00Z')],
			[11, 'line\nbreak \\ back', null, null],
			[12, '中文，逗号', { 名字: '张三' }, new Date('2026-11-21T03:00:00Z')],
		];
		const loaded = await store.bulkLoad({ table: 'sample', columns: ['id', 'label', 'data', 'at'] }, rows);
		expect(loaded).toBe(3);
		const result = await store.query<{ id: number; label: string; data: unknown }>(
			'SELECT id, label, data FROM sample WHERE id >= 10 ORDER BY id',
		);
		expect(result.rows).toEqual([
			{ id: 10, label: 'tab\there', data: { a: 1 } },
			{ id: 11, label: 'line\nbreak \\ back', data: null },
			{ id: 12, label: '中文，逗号', data: { 名字: '张三' } },
		]);
	});

	it('bulk-loads from an async stream of many rows', async () => {
		async function* generate() {
			for (let i = 0; i < 20_000; i++) yield [1000 + i, `row ${i}`, null, null];
		}
		expect(await store.bulkLoad({ table: 'sample', columns: ['id', 'label', 'data', 'at'] }, generate())).toBe(20_000);
		const count = await store.query<{ n: number }>('SELECT count(*)::int AS n FROM sample WHERE id >= 1000');
		expect(count.rows[0].n).toBe(20_000);
	});

	it('bulk-loads rows encoded ahead, over several chunks (and several COPYs on PGlite), as it loads the rows themselves', async () => {
		// About 6 MB of text: 256 KB chunks, and more than one 4 MB blob on PGlite.
		const rows = Array.from({ length: 30_000 }, (_, i) => [50_000 + i, `第 ${i} 行\t${'文'.repeat(60)}\\`, i % 2 ? null : { i }, new Date(Date.UTC(2026, 10, 21, 3, 0, i % 60))]);
		const encoded = await EncodedRows.encode(rows);
		expect(encoded.chunks.length).toBeGreaterThan(5);
		expect(await store.transaction((tx) => tx.bulkLoad({ table: 'sample', columns: ['id', 'label', 'data', 'at'] }, encoded))).toBe(30_000);
		const result = await store.query<{ n: number; last: string; data: unknown }>(
			`SELECT count(*)::int AS n, max(label) FILTER (WHERE id = 79999) AS last, max(data::text) FILTER (WHERE id = 79998) AS data FROM sample WHERE id >= 50000`,
		);
		expect(result.rows[0]).toEqual({ n: 30_000, last: `第 29999 行\t${'文'.repeat(60)}\\`, data: '{"i": 29998}' });
		await store.query('DELETE FROM sample WHERE id >= 50000');
	});

	it('commits a transaction that resolves and rolls back one that throws', async () => {
		await store.transaction(async (tx) => {
			await tx.query('INSERT INTO sample (id, label) VALUES (100, $1)', ['kept']);
		});
		await expect(
			store.transaction(async (tx) => {
				await tx.query('INSERT INTO sample (id, label) VALUES (101, $1)', ['lost']);
				await tx.bulkLoad({ table: 'sample', columns: ['id', 'label'] }, [[102, 'lost too']]);
				throw new Error('stop');
			}),
		).rejects.toThrow('stop');
		const result = await store.query<{ id: number }>('SELECT id FROM sample WHERE id BETWEEN 100 AND 102 ORDER BY id');
		expect(result.rows).toEqual([{ id: 100 }]);
	});

	it('streams a query in batches, in order, while other queries still run', async () => {
		const seen: number[] = [];
		let batches = 0;
		for await (const batch of store.stream<{ id: number }>(
			'SELECT id FROM sample WHERE id >= $1 ORDER BY id',
			[1000],
			7_000,
		)) {
			batches++;
			expect(batch.length).toBeLessThanOrEqual(7_000);
			for (const row of batch) seen.push(row.id);
			// The consumer may use the store between batches (as evaluate does to write hits).
			await store.query('SELECT 1');
		}
		expect(batches).toBe(3);
		expect(seen.length).toBe(20_000);
		expect(seen[0]).toBe(1000);
		expect(seen[19_999]).toBe(20_999);
		expect(seen.every((id, i) => i === 0 || id > seen[i - 1])).toBe(true);
	});

	it('stops a stream early or on a failing row without losing the store, and streams again after', async () => {
		let first: Array<{ id: number }> | undefined;
		for await (const batch of store.stream<{ id: number }>('SELECT id FROM sample WHERE id >= $1 ORDER BY id', [1000], 500)) {
			first = batch;
			break;
		}
		expect(first?.[0].id).toBe(1000);
		// Stopped after the server has sent everything (rows held, reading paused): the
		// connection goes back to the pool in working order.
		first = undefined;
		for await (const batch of store.stream<{ id: number }>('SELECT id FROM sample WHERE id >= $1 ORDER BY id LIMIT 45', [1000], 10)) {
			first = batch;
			await new Promise((resolve) => setTimeout(resolve, 200));
			break;
		}
		expect(first).toHaveLength(10);
		await expect(store.transaction((tx) => tx.query('SELECT 2 AS two'))).resolves.toMatchObject({ rows: [{ two: 2 }] });
		const failing = async () => {
			for await (const _batch of store.stream('SELECT 1 / (id - 15000) AS n FROM sample WHERE id >= $1 ORDER BY id', [1000], 100));
		};
		await expect(failing()).rejects.toThrow(/division by zero/);
		let count = 0;
		for await (const batch of store.stream<{ id: number }>('SELECT id FROM sample WHERE id >= $1', [1000], 50_000)) count += batch.length;
		expect(count).toBe(20_000);
		expect((await store.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
	});
});

describe('store settings', () => {
	it('name the field that is wrong', () => {
		const cases: Array<[Record<string, unknown>, string]> = [
			[{ schema: 'Robert"); DROP' }, 'schema'],
			[{ host: '' }, 'host'],
			[{ port: 70000 }, 'port'],
			[{ database: '' }, 'database'],
			[{ user: '' }, 'user'],
		];
		for (const [change, field] of cases) {
			const config = { ...testStoreConfig('postgres', 'ok_schema'), ...change } as never;
			expect(() => validateStoreConfig(config)).toThrow(StoreConfigError);
			try {
				validateStoreConfig(config);
			} catch (error) {
				expect((error as StoreConfigError).field).toBe(field);
			}
		}
	});

	it('fails clearly on a server that is not there', async () => {
		const store = await connectStore({ ...testStoreConfig('postgres'), port: 1 } as never);
		await expect(store.query('SELECT 1')).rejects.toThrow(/ECONNREFUSED/);
		await store.close();
	});

	it('opens an interactive pool (the console) with JIT off, apart from the daily runs\' pool, which keeps the server\'s setting', async () => {
		const config = testStoreConfig('postgres', 'public');
		const interactive = await connectStore({ ...config, interactive: true } as never);
		const batch = await connectStore(config);
		try {
			const jitOf = async (store: Store) => (await store.query<{ setting: string; source: string }>("SELECT setting, source FROM pg_settings WHERE name = 'jit'")).rows[0];
			expect(await jitOf(interactive)).toEqual({ setting: 'off', source: 'client' });
			expect((await jitOf(batch)).source).not.toBe('client');
			expect(storeKey({ ...config, interactive: true } as never)).not.toBe(storeKey(config));
		} finally {
			await Promise.all([interactive.close(), batch.close()]);
		}
	});

	it('fails clearly on a database that does not exist', async () => {
		const store = await connectStore({ ...testStoreConfig('postgres'), database: 'no_such_database_xyz' } as never);
		await expect(store.query('SELECT 1')).rejects.toThrow(/no_such_database_xyz/);
		await store.close();
	});
});
