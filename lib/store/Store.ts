/**
 * The one small interface every part of the product talks to the database through.
 * Two implementations: PostgreSQL through `pg` (PostgresStore) and the embedded
 * PGlite (PgliteStore). Both run the same SQL with `search_path` set to the
 * product's schema, so SQL never names the schema.
 */
import type { EncodedRows } from './EncodedRows';

export interface QueryResult<Row> {
	rows: Row[];
	rowCount: number;
}

/** A target for bulk loading: our own table and column names, never user input. */
export interface BulkTarget {
	table: string;
	columns: string[];
}

export type BulkRow = ReadonlyArray<unknown>;

export interface Queryable {
	/** Runs one parameterised statement ($1, $2, ...). */
	query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<Row>>;
	/** Runs a script of several statements without parameters (migrations, DDL). */
	exec(sql: string): Promise<void>;
	/**
	 * Loads many rows fast: COPY on PostgreSQL, batched COPY from memory on PGlite.
	 * Returns the number of rows loaded. Rows encoded ahead (EncodedRows) are only sent.
	 */
	bulkLoad(target: BulkTarget, rows: AsyncIterable<BulkRow> | Iterable<BulkRow> | EncodedRows): Promise<number>;
}

export type StoreKind = 'postgres' | 'pglite';

export interface Store extends Queryable {
	readonly kind: StoreKind;
	readonly schema: string;
	/** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
	transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
	/** Streams the rows of one query in batches, with constant memory. */
	stream<Row = Record<string, unknown>>(
		sql: string,
		params?: unknown[],
		batchSize?: number,
	): AsyncIterable<Row[]>;
	close(): Promise<void>;
}
