import { hashToBytes } from '../../lib/privacy';
import { connectStore, migrate, migrationState, type Store } from '../../lib/store';
import { migrations } from '../../lib/store/migrations';
import type { Migration } from '../../lib/store/migrations/Migration';
import { STORE_KINDS, testIdHash, testStoreConfig, uniqueSchema } from '../setup/testStores';

const ALL_VERSIONS = migrations.map((m) => m.version);
const NEXT_VERSION = Math.max(...ALL_VERSIONS) + 1;

/** The tables of the initial schema; later migrations may add more. */
const CORE_TABLES = [
	'blacklist',
	'call_events',
	'contact_preferences',
	'hits',
	'ingest_batches',
	'ingest_rejects',
	'leads',
	'push_ledger',
	'rules',
	'schema_migrations',
];

async function tablesOf(store: Store): Promise<string[]> {
	const result = await store.query<{ table_name: string }>(
		`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
		[store.schema],
	);
	return result.rows.map((row) => row.table_name);
}

describe.each(STORE_KINDS)('migrations on %s', (kind) => {
	let store: Store;
	beforeEach(async () => {
		store = await connectStore(testStoreConfig(kind));
	});
	afterEach(() => store.close());

	it('reports everything pending on an empty schema, then applies it once', async () => {
		const before = await migrationState(store);
		expect(before.applied).toEqual([]);
		expect(before.pending).toEqual(ALL_VERSIONS);

		const after = await migrate(store);
		expect(after.pending).toEqual([]);
		expect(after.applied).toEqual(ALL_VERSIONS);
		expect(await tablesOf(store)).toEqual(expect.arrayContaining(CORE_TABLES));

		const again = await migrate(store);
		expect(again.applied).toEqual(ALL_VERSIONS);
		const recorded = await store.query('SELECT version FROM schema_migrations');
		expect(recorded.rowCount).toBe(ALL_VERSIONS.length);
	});

	it('leaves the schema as it was when a migration fails', async () => {
		await migrate(store);
		const tables = await tablesOf(store);
		const broken: Migration[] = [
			...migrations,
			{ version: NEXT_VERSION, name: 'adds a table', sql: 'CREATE TABLE half_done (id int)' },
			{ version: NEXT_VERSION + 1, name: 'fails', sql: 'ALTER TABLE no_such_table ADD COLUMN x int' },
		];
		await expect(migrate(store, broken)).rejects.toThrow(new RegExp(`Migration ${NEXT_VERSION + 1} \\(fails\\) failed: .*no_such_table`));
		expect(await tablesOf(store)).toEqual(tables);
		expect((await migrationState(store)).applied).toEqual(ALL_VERSIONS);
	});

	it('5 turns the hashes of events stored before it into bytes, and keys the leads by them (id_hash_text gives the text back)', async () => {
		await migrate(store, migrations.filter((m) => m.version < 5));
		const hash = testIdHash('11010519491231002X');
		await store.exec(`CREATE TABLE call_events_20261101 PARTITION OF call_events FOR VALUES FROM ('2026-11-01') TO ('2026-11-02')`);
		await store.query(
			`INSERT INTO call_events (event_date, occurred_at, hour_of_day, id_hash, institution, event_type, batch_id)
			 VALUES ('2026-11-01', '2026-11-01T02:00:00Z', 10, $1, '杭州分行', 'face', 'b1')`,
			[hash],
		);
		await store.query(`INSERT INTO leads (lead_id, id_hash) VALUES ('L1', $1)`, [hash]);
		await migrate(store);
		const stored = await store.query<{ id_hash: Uint8Array; as_text: string }>('SELECT id_hash, id_hash_text(id_hash) AS as_text FROM call_events');
		expect(Buffer.from(stored.rows[0].id_hash)).toEqual(hashToBytes(hash));
		expect(stored.rows[0].as_text).toBe(hash);
		const lead = await store.query<{ id_key: Uint8Array }>(`SELECT id_key FROM leads WHERE lead_id = 'L1'`);
		expect(Buffer.from(lead.rows[0].id_key)).toEqual(hashToBytes(hash));
	});

	it('5: id_hash_bytes gives NULL for text that is not a keyed hash', async () => {
		await migrate(store);
		const result = await store.query<{ bytes: Uint8Array | null }>(
			`SELECT id_hash_bytes(h) AS bytes FROM unnest($1::text[]) AS h`,
			[['dup', "g1'; DROP TABLE leads; --", `v1:${'0'.repeat(63)}`, `v1:${'F'.repeat(64)}`]],
		);
		expect(result.rows.map((row) => row.bytes)).toEqual([null, null, null, null]);
	});

	it('6 drops the hour CHECK from call_events and every day partition, and the rejects foreign key, and nothing else', async () => {
		await migrate(store, migrations.filter((m) => m.version < 6));
		await store.exec(`CREATE TABLE call_events_test_day PARTITION OF call_events FOR VALUES FROM ('2026-01-01') TO ('2026-01-02')`);
		await migrate(store);
		const checks = await store.query<{ table_name: string; definition: string }>(
			`SELECT conrelid::regclass::text AS table_name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
			 WHERE conrelid IN ('call_events'::regclass, 'call_events_test_day'::regclass) AND contype = 'c'`,
		);
		expect(checks.rows).toEqual([]);
		const notNull = await store.query<{ attname: string }>(
			`SELECT attname FROM pg_attribute WHERE attrelid = 'call_events'::regclass AND attname = 'hour_of_day' AND attnotnull`,
		);
		expect(notNull.rows).toHaveLength(1);
		const rejectKeys = await store.query<{ type: string }>(`SELECT contype::text AS type FROM pg_constraint WHERE conrelid = 'ingest_rejects'::regclass AND contype IN ('c', 'f', 'p', 'u') ORDER BY 1`);
		expect(rejectKeys.rows).toEqual([{ type: 'p' }]);
	});

	it('32 moves the profile and call-event entries into their compact rows, 33 derives their points from the run: the ledger reads as before, keys, points and counts', async () => {
		await migrate(store, migrations.filter((m) => m.version < 32));
		const entry = (lead: string, key: string, part: string, group: string, source: string, day: string, points: string, detail: object, events: number | null) =>
			store.query(
				`INSERT INTO lead_score_entries (lead_id, entry_key, part, score_group, source, day, base_points, points, detail, events)
				 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
				[lead, key, part, group, source, day, points.split('|')[0], points.split('|')[1] ?? points.split('|')[0], JSON.stringify(detail), events],
			);
		await entry('L1', 'industry', 'static', 'profile', 'industry', '2026-11-01', '5', { value: '制造业' }, null);
		await entry('L1', 'contact:phone', 'static', 'profile', 'contactField', '2026-11-01', '3', { field: 'phone' }, null);
		await entry('L1', 'event:2026-10-30:1', 'dynamic', 'events', 'event', '2026-10-30', '4|3.712345678901', {}, 2);
		// Written before migration 25: the day's count in the detail.
		await entry('L1', 'event:2026-10-31:2', 'dynamic', 'events', 'event', '2026-10-31', '6|5.9', { class: '中', events: 3, counted: 3, pointsEach: 2 }, null);
		await entry('L2', 'event:2026-10-31:1', 'dynamic', 'events', 'event', '2026-10-31', '2|1.5', {}, 1);
		await entry('L2', 'hit:7', 'dynamic', 'hits', 'hit', '2026-10-31', '10|9.5', { hitId: 7 }, null);
		const columns = `lead_id, entry_key, part, score_group, source, to_char(day, 'YYYY-MM-DD') AS day, trim_scale(base_points::numeric)::text AS base_points, points::text, detail, events`;
		const before = await store.query<Record<string, unknown>>(`SELECT ${columns} FROM lead_score_entries ORDER BY lead_id, entry_key`);
		const expected = before.rows.map((row) =>
			row.source === 'event' ? { ...row, detail: {}, events: row.events ?? (row.detail as { events: number }).events } : row,
		);
		const ledger = () => store.query<Record<string, unknown>>(`SELECT ${columns} FROM lead_score_ledger ORDER BY lead_id, entry_key`);
		const rowCounts = async () =>
			(
				await store.query(
					`SELECT 'entries' AS kind, count(*)::int AS n FROM lead_score_entries UNION ALL SELECT 'events', count(*)::int FROM lead_score_event_entries
					 UNION ALL SELECT 'profile', count(*)::int FROM lead_score_profile_entries ORDER BY kind`,
				)
			).rows;

		await migrate(store, migrations.filter((m) => m.version <= 32));
		expect((await ledger()).rows).toEqual(expected);
		expect(await rowCounts()).toEqual([
			{ kind: 'entries', n: 1 },
			{ kind: 'events', n: 2 },
			{ kind: 'profile', n: 1 },
		]);

		// 33: the event rows (their run recorded no day weights) go back to one row per entry,
		// the profile row becomes slot numbers into its day's slots; the ledger reads the same.
		await migrate(store);
		expect((await ledger()).rows).toEqual(expected);
		expect(await rowCounts()).toEqual([
			{ kind: 'entries', n: 4 },
			{ kind: 'events', n: 0 },
			{ kind: 'profile', n: 1 },
		]);
		const slots = await store.query(`SELECT to_char(day, 'YYYY-MM-DD') AS day, slot, entry_key FROM lead_score_profile_slots ORDER BY slot`);
		expect(slots.rows).toEqual([
			{ day: '2026-11-01', slot: 1, entry_key: 'contact:phone' },
			{ day: '2026-11-01', slot: 2, entry_key: 'industry' },
		]);
	});
});

describe('migrations from two processes at once (PostgreSQL)', () => {
	it('apply each migration exactly once', async () => {
		const schema = uniqueSchema('race');
		const stores = await Promise.all(
			Array.from({ length: 4 }, () => connectStore(testStoreConfig('postgres', schema))),
		);
		try {
			const states = await Promise.all(stores.map((store) => migrate(store)));
			for (const state of states) expect(state.applied).toEqual(ALL_VERSIONS);
			const recorded = await stores[0].query('SELECT count(*)::int AS n FROM schema_migrations');
			expect(recorded.rows[0]).toEqual({ n: ALL_VERSIONS.length });
		} finally {
			await Promise.all(stores.map((store) => store.close()));
		}
	});
});
