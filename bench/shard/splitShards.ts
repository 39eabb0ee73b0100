import { Client } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';

import { addDays } from '../../lib/calendar';
import { ensureDayPartition } from '../../lib/ingest/store/partitions';
import { daysFromIsoDate } from '../../lib/ingest/time/civilDays';
import { migrate } from '../../lib/store';
import { quoteIdentifier } from '../../lib/store/identifiers';
import { adminConnectionString } from '../../test/setup/testDatabase';
import { benchClient, benchStore } from '../evaluate/benchConnection';
import type { BenchShape } from '../evaluate/benchShape';

/**
 * Byte 0 of a stored ID hash is its version, bytes 1–32 the HMAC: the last one is uniform,
 * so `byte mod N` is a fair shard key (for N up to 256). A lead whose ID is no keyed hash
 * (id_key NULL: it can have no events) goes to shard 0.
 */
const KEY_BYTE = 32;

/** The shard of a bytea ID hash column, as SQL. */
export function shardOfSql(column: string, shards: number): string {
	return `coalesce(get_byte(${column}, ${KEY_BYTE}), 0) % ${shards}`;
}

/** The shard of a text ID hash (`v1:` + 64 hex digits), as shardOfSql computes it. */
export function shardOfText(idHash: string, shards: number): number {
	const match = /^v\d{1,3}:[0-9a-f]{64}$/.exec(idHash);
	return match ? parseInt(idHash.slice(-2), 16) % shards : 0;
}

/**
 * Distributed by the ID hash: every row of a person (events, roster lead) on one shard, so
 * the aggregate's join of leads to call_events never leaves the shard. (hits, the score
 * ledger and the push ledger follow the lead; the evaluation writes the hits on the shard.)
 */
export const DISTRIBUTED: ReadonlyArray<{ table: string; key: string }> = [
	{ table: 'leads', key: 'id_key' },
	{ table: 'call_events', key: 'id_hash' },
];

/** Reference tables: small, every row copied to every shard. */
export const REFERENCE: readonly string[] = ['rules', 'config_versions', 'config_active', 'staff_accounts'];

export interface ShardLoad {
	database: string;
	rows: Record<string, number>;
	seconds: number;
}

/**
 * Creates `shards` databases beside the whole one, each migrated by lib/store's migrate
 * (a node of a distributed PostgreSQL), with call_events' day partitions made by the
 * ingest's own ensureDayPartition, and copies each its share of the distributed tables
 * and all of the reference tables, then VACUUM (ANALYZE) as autovacuum would leave them.
 */
export async function splitShards(whole: string, shape: BenchShape, shards: number, log: (line: string) => void): Promise<ShardLoad[]> {
	const loads: ShardLoad[] = [];
	const source = await benchClient(whole);
	try {
		for (let k = 0; k < shards; k++) {
			const started = Date.now();
			const database = `${whole}_s${k}`;
			await createMigratedDatabase(database);
			const target = await benchClient(database);
			try {
				await target.query('BEGIN');
				for (let day = 0; day < shape.days; day++) await ensureDayPartition(target, daysFromIsoDate(addDays(shape.firstDay, day)));
				await target.query('COMMIT');
				const rows: Record<string, number> = {};
				for (const { table, key } of DISTRIBUTED) rows[table] = await copyRows(source, target, table, `${shardOfSql(key, shards)} = ${k}`);
				for (const table of REFERENCE) rows[table] = await copyRows(source, target, table, 'true');
				for (const { table } of DISTRIBUTED) await target.query(`VACUUM (ANALYZE) ${table}`);
				loads.push({ database, rows, seconds: (Date.now() - started) / 1000 });
				log(`  shard ${k} (${database}): ${rows.call_events} events, ${rows.leads} leads in ${loads[k].seconds.toFixed(1)} s`);
			} finally {
				await target.end();
			}
		}
	} finally {
		await source.end();
	}
	return loads;
}

export async function dropShards(whole: string, shards: number): Promise<void> {
	const admin = new Client({ connectionString: adminConnectionString() });
	await admin.connect();
	try {
		for (let k = 0; k < shards; k++) await admin.query(`DROP DATABASE IF EXISTS ${whole}_s${k} WITH (FORCE)`);
		await admin.query(`DROP DATABASE IF EXISTS ${emptyDatabase(whole)} WITH (FORCE)`);
	} finally {
		await admin.end();
	}
}

/** A store with the schema and no rows: what one evaluation costs with nothing to read. */
export function emptyDatabase(whole: string): string {
	return `${whole}_empty`;
}

export async function createMigratedDatabase(name: string): Promise<void> {
	const admin = new Client({ connectionString: adminConnectionString() });
	await admin.connect();
	try {
		await admin.query(`CREATE DATABASE ${name}`);
	} finally {
		await admin.end();
	}
	const store = benchStore(name);
	try {
		await migrate(store);
	} finally {
		await store.close();
	}
}

/** COPY of the selected rows from one database to the other, streamed (generated columns are recomputed there). */
async function copyRows(source: Client, target: Client, table: string, where: string): Promise<number> {
	const columns = await source.query<{ column_name: string }>(
		`SELECT column_name FROM information_schema.columns
		 WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position`,
		[table],
	);
	if (!columns.rows.length) throw new Error(`Table ${table} not found in the whole store`);
	const list = columns.rows.map((c) => quoteIdentifier(c.column_name)).join(', ');
	const into = target.query(copyFrom(`COPY ${table} (${list}) FROM STDIN`));
	await pipeline(source.query(copyTo(`COPY (SELECT ${list} FROM ${table} WHERE ${where}) TO STDOUT`)), into);
	return into.rowCount;
}
