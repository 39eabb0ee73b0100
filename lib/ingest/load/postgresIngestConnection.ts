import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

import { quoteIdentifier } from '../../store/identifiers';
import { clientQueryable, pgConnectionConfig } from '../../store/PostgresStore';
import type { BulkRow, BulkTarget, Queryable, QueryResult } from '../../store/Store';
import type { PostgresStoreConfig } from '../../store/StoreConfig';
import { BINARY_COPY_HEADER, BINARY_COPY_TRAILER, BinaryEventEncoder } from './BinaryEventEncoder';
import { ENCODE_BUFFER_BYTES } from '../pipeline/workerLimits';
import { BufferPool } from './BufferPool';
import type { CopyIn, IngestConnection } from './IngestConnection';

/** How the ingest's connection shows in pg_stat_activity. */
export const INGEST_APPLICATION_NAME = 'lead-monitor call-log ingest';
/** How long a failed ingest waits for its ROLLBACK before dropping the connection. */
const ROLLBACK_WAIT_MS = 5_000;
/**
 * COPY data queued ahead of the server. With the stream's default (16 KB) every 1 MB write
 * would wait until the socket took it all, and parsing and the server's COPY would take
 * turns instead of running side by side.
 */
const COPY_BUFFER_BYTES = 16 << 20;

/**
 * Runs `work` in a transaction on a connection of its own: a 10-million-row COPY holds
 * its connection for the better part of a minute, so it does not take one of the shared
 * pool's. On failure the transaction is rolled back (or the connection dropped, which
 * the server rolls back too).
 */
export async function withPostgresTransaction<T>(
	config: PostgresStoreConfig,
	work: (connection: IngestConnection) => Promise<T>,
): Promise<T> {
	const client = new Client({ ...pgConnectionConfig(config), application_name: INGEST_APPLICATION_NAME });
	// A dropped connection must surface as the failed query's error, not crash the process.
	client.on('error', () => undefined);
	await client.connect();
	const connection = new PostgresIngestConnection(client);
	try {
		await client.query('BEGIN');
		const result = await work(connection);
		await client.query('COMMIT');
		return result;
	} catch (error) {
		connection.abortCopy(error as Error);
		await Promise.race([client.query('ROLLBACK'), new Promise((resolve) => setTimeout(resolve, ROLLBACK_WAIT_MS).unref())]).catch(
			() => undefined,
		);
		throw error;
	} finally {
		await client.end().catch(() => undefined);
	}
}

class PostgresIngestConnection implements IngestConnection<Buffer> {
	readonly binaryCopy = true;
	private active: PostgresCopyIn | undefined;
	private readonly buffers = new BufferPool(ENCODE_BUFFER_BYTES);

	private readonly tx: Queryable;

	constructor(private readonly client: Client) {
		this.tx = clientQueryable(client);
	}

	query<Row>(sql: string, params?: unknown[]): Promise<QueryResult<Row>> {
		return this.tx.query<Row>(sql, params);
	}

	bulkLoad(target: BulkTarget, rows: BulkRow[]): Promise<number> {
		return this.tx.bulkLoad(target, rows);
	}

	encoder(batchId: string, withLineNo: boolean): BinaryEventEncoder {
		return new BinaryEventEncoder(batchId, withLineNo, this.buffers);
	}

	async copyIn(table: string, columns: readonly string[], sent?: (payload: Buffer) => void): Promise<CopyIn<Buffer>> {
		const statement = `COPY ${quoteIdentifier(table)} (${columns.map(quoteIdentifier).join(', ')}) FROM STDIN (FORMAT binary)`;
		const release = sent ?? ((payload: Buffer) => this.buffers.release(payload));
		const copy = new PostgresCopyIn(this.client.query(copyFrom(statement, { highWaterMark: COPY_BUFFER_BYTES })), release, () => {
			this.active = undefined;
		});
		this.active = copy;
		return copy;
	}

	abortCopy(error: Error): void {
		this.active?.abort(error);
	}
}

class PostgresCopyIn implements CopyIn<Buffer> {
	private failure: Error | undefined;

	constructor(
		private readonly stream: NodeJS.WritableStream & { destroy(error?: Error): void },
		private readonly sent: (payload: Buffer) => void,
		private readonly onDone: () => void,
	) {
		stream.on('error', (error: Error) => {
			this.failure ??= error;
		});
		stream.write(BINARY_COPY_HEADER);
	}

	async write(payload: Buffer): Promise<void> {
		if (this.failure) throw this.failure;
		if (payload.length === 0) return;
		// The callback runs once the socket has written the chunk: its buffer can be reused.
		const accepted = this.stream.write(payload, () => this.sent(payload));
		if (!accepted) await once(this.stream as unknown as NodeJS.EventEmitter, 'drain');
	}

	async end(): Promise<void> {
		if (this.failure) throw this.failure;
		this.stream.end(BINARY_COPY_TRAILER);
		try {
			await finished(this.stream);
		} finally {
			this.onDone();
		}
		if (this.failure) throw this.failure;
	}

	abort(error: Error): void {
		this.stream.destroy(error);
		this.onDone();
	}
}
