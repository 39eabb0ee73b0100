import { randomBytes } from 'node:crypto';

import type { Queryable } from '../../store/Store';
import type { IngestSummary } from '../IngestSummary';

export interface StoredBatch {
	batch_id: string;
	checksum: string;
	source_name: string | null;
	status: 'loading' | 'complete';
	summary: IngestSummary | Record<string, never>;
	started_at: Date | string;
	finished_at: Date | string | null;
}

/** A new batch id: the checksum is only known once the file has been read. */
export function newBatchId(): string {
	return `b${randomBytes(8).toString('hex')}`;
}

/** Whether a complete batch began with the same bytes (then the file may be one ingested before). */
export async function hasCompleteBatchWithHead(db: Pick<Queryable, 'query'>, headDigest: string): Promise<boolean> {
	const result = await db.query(`SELECT 1 FROM ingest_batches WHERE head_digest = $1 AND status = 'complete' LIMIT 1`, [headDigest]);
	return result.rows.length > 0;
}

export async function findBatchByChecksum(db: Pick<Queryable, 'query'>, checksum: string): Promise<StoredBatch | undefined> {
	const result = await db.query<StoredBatch>('SELECT * FROM ingest_batches WHERE checksum = $1', [checksum]);
	return result.rows[0];
}

/**
 * Removes what a batch that never completed left behind. With everything in one
 * transaction a crash leaves nothing, so this only ever meets rows of an older or foreign
 * writer; it keeps such a row from blocking the rerun.
 */
export async function discardIncompleteBatch(db: Pick<Queryable, 'query'>, batchId: string): Promise<void> {
	await db.query('DELETE FROM call_events WHERE batch_id = $1', [batchId]);
	await db.query('DELETE FROM ingest_rejects WHERE batch_id = $1', [batchId]);
	await db.query(`DELETE FROM ingest_batches WHERE batch_id = $1 AND status = 'loading'`, [batchId]);
}

/** The loading batch; its checksum column holds `pending:<batch id>` until completeBatch. */
export async function startBatch(db: Pick<Queryable, 'query'>, batchId: string, sourceName: string, headDigest: string): Promise<void> {
	await db.query(
		`INSERT INTO ingest_batches (batch_id, checksum, source_name, status, head_digest) VALUES ($1, 'pending:' || $1, $2, 'loading', $3)`,
		[batchId, sourceName, headDigest],
	);
}

export async function completeBatch(db: Pick<Queryable, 'query'>, summary: IngestSummary): Promise<void> {
	await db.query(
		`UPDATE ingest_batches
		SET status = 'complete', checksum = $7, rows_read = $2, accepted = $3, rejected = $4, duplicates = $5, summary = $6::jsonb,
		    finished_at = now()
		WHERE batch_id = $1`,
		[summary.batchId, summary.rowsRead, summary.accepted, summary.rejected, summary.duplicates, JSON.stringify(summary), summary.checksum],
	);
}

export async function latestBatchId(db: Pick<Queryable, 'query'>): Promise<string | undefined> {
	const result = await db.query<{ batch_id: string }>(
		`SELECT batch_id FROM ingest_batches WHERE status = 'complete' ORDER BY finished_at DESC, started_at DESC LIMIT 1`,
	);
	return result.rows[0]?.batch_id;
}
