import type { BulkRow, BulkTarget, QueryResult } from '../../store/Store';
import type { EventEncoder } from './EventEncoder';

/** One COPY into a table, fed payloads of the connection's encoders. */
export interface CopyIn<Payload> {
	write(payload: Payload): Promise<void>;
	/** Completes the COPY. */
	end(): Promise<void>;
}

/**
 * The one transaction an ingest runs in. Everything a batch writes goes through it, so a
 * failure or a killed process leaves nothing behind. Two kinds: a dedicated PostgreSQL
 * connection streaming binary COPY, and the Store's own transaction (PGlite, batched COPY).
 */
export interface IngestConnection<Payload = unknown> {
	/** Whether payloads are binary COPY buffers (which a worker thread can encode and hand over). */
	readonly binaryCopy: boolean;
	query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<Row>>;
	encoder(batchId: string, withLineNo: boolean): EventEncoder<Payload>;
	/** Loads plain rows (rejects) with one COPY. */
	bulkLoad(target: BulkTarget, rows: BulkRow[]): Promise<number>;
	/** `sent` is called with each payload once it has been sent (its buffer may then be reused). */
	copyIn(table: string, columns: readonly string[], sent?: (payload: Payload) => void): Promise<CopyIn<Payload>>;
}
