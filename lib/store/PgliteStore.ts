import type { PGlite, Transaction } from '@electric-sql/pglite';

import { copyTextLine } from './copyText';
import { EncodedRows } from './EncodedRows';
import { quoteIdentifier } from './identifiers';
import type { BulkRow, BulkTarget, Queryable, QueryResult, Store } from './Store';

/** Bytes per COPY when bulk loading into PGlite (it copies from an in-memory blob). */
const BULK_CHUNK_BYTES = 4 * 1024 * 1024;

let streamCounter = 0;

type PgliteRunner = Pick<PGlite, 'query'> | Transaction;

/**
 * The embedded store: PostgreSQL compiled to WebAssembly, in the n8n process, on a
 * data directory (or in memory when none is given). One connection, so queries are
 * serialised by PGlite itself.
 */
export class PgliteStore implements Store {
	readonly kind = 'pglite' as const;

	private constructor(
		private readonly db: PGlite,
		readonly schema: string,
	) {}

	static async open(dataDir: string | undefined, schema: string): Promise<PgliteStore> {
		// PGlite ships as ESM with a CommonJS build; load it lazily so PostgreSQL users never pay for it.
		const { PGlite } = await import('@electric-sql/pglite');
		const db = await PGlite.create(dataDir);
		await db.exec(`SET search_path TO ${quoteIdentifier(schema)}, public`);
		return new PgliteStore(db, schema);
	}

	async query<Row>(sql: string, params: unknown[] = []): Promise<QueryResult<Row>> {
		return runQuery<Row>(this.db, sql, params);
	}

	async exec(sql: string): Promise<void> {
		await this.db.exec(sql);
	}

	async bulkLoad(target: BulkTarget, rows: AsyncIterable<BulkRow> | Iterable<BulkRow> | EncodedRows): Promise<number> {
		return this.db.transaction((tx) => copyRows(tx, target, rows));
	}

	async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
		return this.db.transaction((tx) =>
			work({
				query: (sql, params) => runQuery(tx, sql, params ?? []),
				exec: async (sql) => {
					await tx.exec(sql);
				},
				bulkLoad: (target, rows) => copyRows(tx, target, rows),
			}),
		);
	}

	async *stream<Row>(sql: string, params: unknown[] = [], batchSize = 10_000): AsyncIterable<Row[]> {
		// PGlite has one connection: a cursor held open across yields would block every other
		// query the consumer makes. So the result is materialised once into a numbered temp
		// table and read back in keyset pages, each a short statement of its own.
		const table = `lead_monitor_stream_${++streamCounter}`;
		const size = Math.max(1, Math.floor(batchSize));
		await runQuery(
			this.db,
			`CREATE TEMP TABLE ${table} AS SELECT row_number() OVER () AS stream_row, source.* FROM (${sql}) AS source`,
			params,
		);
		try {
			for (let after = 0; ; after += size) {
				const page = await runQuery<Row & { stream_row?: unknown }>(
					this.db,
					`SELECT * FROM ${table} WHERE stream_row > $1 ORDER BY stream_row LIMIT ${size}`,
					[after],
				);
				for (const row of page.rows) delete row.stream_row;
				if (page.rows.length > 0) yield page.rows;
				if (page.rows.length < size) break;
			}
		} finally {
			await runQuery(this.db, `DROP TABLE IF EXISTS ${table}`, []);
		}
	}

	async close(): Promise<void> {
		if (!this.db.closed) await this.db.close();
	}
}

async function runQuery<Row>(runner: PgliteRunner, sql: string, params: unknown[]): Promise<QueryResult<Row>> {
	const result = await runner.query<Row>(sql, params.map(toPgliteParam));
	return { rows: result.rows, rowCount: Math.max(result.affectedRows ?? 0, result.rows.length) };
}

/** PGlite serialises parameters itself; Buffers become bytea and objects JSON, as with `pg`. */
function toPgliteParam(value: unknown): unknown {
	if (Buffer.isBuffer(value)) return new Uint8Array(value);
	return value;
}

async function copyRows(
	tx: Transaction,
	target: BulkTarget,
	rows: AsyncIterable<BulkRow> | Iterable<BulkRow> | EncodedRows,
): Promise<number> {
	const statement = `COPY ${quoteIdentifier(target.table)} (${target.columns.map(quoteIdentifier).join(', ')}) FROM '/dev/blob'`;
	if (rows instanceof EncodedRows) {
		// Its chunks end at line ends: a COPY per BULK_CHUNK_BYTES of them.
		let blob: Buffer<ArrayBuffer>[] = [];
		let blobBytes = 0;
		for (const encoded of rows.chunks) {
			blob.push(encoded);
			blobBytes += encoded.length;
			if (blobBytes >= BULK_CHUNK_BYTES) {
				await tx.query(statement, [], { blob: new Blob(blob) });
				blob = [];
				blobBytes = 0;
			}
		}
		if (blob.length > 0) await tx.query(statement, [], { blob: new Blob(blob) });
		return rows.rowCount;
	}
	let count = 0;
	let chunk: string[] = [];
	let bytes = 0;
	const flush = async () => {
		if (chunk.length === 0) return;
		await tx.query(statement, [], { blob: new Blob(chunk) });
		chunk = [];
		bytes = 0;
	};
	for await (const row of rows) {
		const line = copyTextLine(row);
		chunk.push(line);
		bytes += line.length;
		count++;
		if (bytes >= BULK_CHUNK_BYTES) await flush();
	}
	await flush();
	return count;
}
