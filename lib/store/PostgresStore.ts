import { Pool, type ClientBase, type ClientConfig, type PoolConfig } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';

import { copyTextLine } from './copyText';
import { EncodedRows } from './EncodedRows';
import { quoteIdentifier } from './identifiers';
import { streamQueryRows } from './streamQueryRows';
import type { BulkRow, BulkTarget, Queryable, QueryResult, Store } from './Store';
import type { PostgresStoreConfig } from './StoreConfig';

export type PostgresSettings = Omit<PostgresStoreConfig, 'mode'> & { maxConnections?: number };

/** How to reach the server, for the pool and for a connection of its own; `search_path` set to the schema (and JIT off for an interactive pool). */
export function pgConnectionConfig(settings: Omit<PostgresStoreConfig, 'mode'>): ClientConfig {
	return {
		host: settings.host,
		port: settings.port,
		database: settings.database,
		user: settings.user,
		password: settings.password,
		ssl: settings.ssl ? { rejectUnauthorized: !settings.allowUnauthorizedCerts } : false,
		connectionTimeoutMillis: 10_000,
		options: `-c search_path=${quoteIdentifier(settings.schema)},public${settings.interactive ? ' -c jit=off' : ''}`,
	};
}

/** PostgreSQL through a `pg` pool; every connection has `search_path` set to the schema. */
export class PostgresStore implements Store {
	readonly kind = 'postgres' as const;
	readonly schema: string;
	private readonly pool: Pool;

	constructor(settings: PostgresSettings) {
		this.schema = settings.schema;
		const config: PoolConfig = { ...pgConnectionConfig(settings), max: settings.maxConnections ?? 4, idleTimeoutMillis: 30_000 };
		this.pool = new Pool(config);
		// An idle client that loses its connection must not crash the n8n process.
		this.pool.on('error', () => undefined);
	}

	async query<Row>(sql: string, params: unknown[] = []): Promise<QueryResult<Row>> {
		const result = await this.pool.query(sql, params);
		return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
	}

	async exec(sql: string): Promise<void> {
		await this.pool.query(sql);
	}

	async bulkLoad(target: BulkTarget, rows: AsyncIterable<BulkRow> | Iterable<BulkRow> | EncodedRows): Promise<number> {
		const client = await this.pool.connect();
		try {
			return await copyRows(client, target, rows);
		} finally {
			client.release();
		}
	}

	async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
		const client = await this.pool.connect();
		try {
			await client.query('BEGIN');
			const result = await work(clientQueryable(client));
			await client.query('COMMIT');
			return result;
		} catch (error) {
			await client.query('ROLLBACK').catch(() => undefined);
			throw error;
		} finally {
			client.release();
		}
	}

	async *stream<Row>(sql: string, params: unknown[] = [], batchSize = 10_000): AsyncIterable<Row[]> {
		yield* streamQueryRows<Row>(await this.pool.connect(), sql, params, batchSize);
	}

	async close(): Promise<void> {
		await this.pool.end();
	}
}

/** One connection as a Queryable (a transaction's, or the ingest's own). */
export function clientQueryable(client: ClientBase): Queryable {
	return {
		async query<Row>(sql: string, params: unknown[] = []): Promise<QueryResult<Row>> {
			const result = await client.query(sql, params);
			return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
		},
		async exec(sql: string): Promise<void> {
			await client.query(sql);
		},
		bulkLoad: (target, rows) => copyRows(client, target, rows),
	};
}

async function copyRows(
	client: ClientBase,
	target: BulkTarget,
	rows: AsyncIterable<BulkRow> | Iterable<BulkRow> | EncodedRows,
): Promise<number> {
	const statement = `COPY ${quoteIdentifier(target.table)} (${target.columns.map(quoteIdentifier).join(', ')}) FROM STDIN`;
	if (rows instanceof EncodedRows) {
		await pipeline(Readable.from(rows.chunks), client.query(copyFrom(statement)));
		return rows.rowCount;
	}
	const source = rows;
	let count = 0;
	async function* lines() {
		let chunk = '';
		for await (const row of source) {
			chunk += copyTextLine(row);
			count++;
			if (chunk.length >= 256 * 1024) {
				yield chunk;
				chunk = '';
			}
		}
		if (chunk) yield chunk;
	}
	await pipeline(Readable.from(lines()), client.query(copyFrom(statement)));
	return count;
}
