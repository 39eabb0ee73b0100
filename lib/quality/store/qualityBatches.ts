import type { Queryable } from '../../store';
import type { QualityRowReject } from '../read/QualityRowReject';

export type QualityFileKind = 'messages' | 'ratings';

export interface BatchCounts {
	rowsRead: number;
	accepted: number;
	rejected: number;
	duplicates: number;
	outOfOrder: number;
}

export interface StoredBatch extends BatchCounts {
	batchId: number;
	fileName: string;
	encoding: string | null;
	createdAt: string;
}

/** Opens a batch for a file; undefined when this kind already has a batch with this checksum (the file was ingested before). */
export async function openBatch(tx: Queryable, kind: QualityFileKind, fileName: string, checksum: string, encoding: string): Promise<number | undefined> {
	const result = await tx.query<{ batch_id: string }>(
		`INSERT INTO quality_batches (kind, file_name, checksum, encoding) VALUES ($1, $2, $3, $4)
		 ON CONFLICT (kind, checksum) DO NOTHING RETURNING batch_id`,
		[kind, fileName, checksum, encoding],
	);
	return result.rows[0] ? Number(result.rows[0].batch_id) : undefined;
}

export async function closeBatch(tx: Queryable, batchId: number, counts: BatchCounts): Promise<void> {
	await tx.query(
		`UPDATE quality_batches SET rows_read = $2, accepted = $3, rejected = $4, duplicates = $5, out_of_order = $6 WHERE batch_id = $1`,
		[batchId, counts.rowsRead, counts.accepted, counts.rejected, counts.duplicates, counts.outOfOrder],
	);
}

export async function batchByChecksum(db: Queryable, kind: QualityFileKind, checksum: string): Promise<StoredBatch | undefined> {
	const result = await db.query<Record<string, unknown>>(
		`SELECT batch_id, file_name, encoding, rows_read, accepted, rejected, duplicates, out_of_order, created_at
		 FROM quality_batches WHERE kind = $1 AND checksum = $2`,
		[kind, checksum],
	);
	const row = result.rows[0];
	if (!row) return undefined;
	return {
		batchId: Number(row.batch_id),
		fileName: String(row.file_name),
		encoding: (row.encoding as string | null) ?? null,
		rowsRead: Number(row.rows_read),
		accepted: Number(row.accepted),
		rejected: Number(row.rejected),
		duplicates: Number(row.duplicates),
		outOfOrder: Number(row.out_of_order),
		createdAt: new Date(row.created_at as string).toISOString(),
	};
}

/** Keeps a batch's rejected rows, and marks the sessions they named: their scores must say a row of theirs is missing. */
export async function storeRejects(tx: Queryable, batchId: number, rejects: readonly QualityRowReject[]): Promise<void> {
	if (rejects.length === 0) return;
	await tx.bulkLoad(
		{ table: 'quality_rejects', columns: ['batch_id', 'row_number', 'field', 'reason', 'session_id'] },
		rejects.map((r) => [batchId, r.row, r.field, r.reason, r.sessionId ?? null]),
	);
	await tx.query(
		`INSERT INTO quality_sessions (session_id)
		 SELECT DISTINCT session_id FROM quality_rejects WHERE batch_id = $1 AND session_id IS NOT NULL
		 ON CONFLICT (session_id) DO UPDATE SET needs_score = true`,
		[batchId],
	);
}

export async function listRejects(db: Queryable, batchId: number, limit = 1000): Promise<QualityRowReject[]> {
	const result = await db.query<{ row_number: number; field: string; reason: string; session_id: string | null }>(
		`SELECT row_number, field, reason, session_id FROM quality_rejects WHERE batch_id = $1 ORDER BY row_number LIMIT $2`,
		[batchId, limit],
	);
	return result.rows.map((r) => ({ row: r.row_number, field: r.field as QualityRowReject['field'], reason: r.reason, sessionId: r.session_id ?? undefined }));
}
