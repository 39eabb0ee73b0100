import type { Queryable } from '../../store/Store';
import type { RejectEntry } from '../RejectLog';
import { REJECT_REASONS, type RejectCode } from '../rejectReasons';

const REJECTS_TARGET = { table: 'ingest_rejects', columns: ['batch_id', 'line_no', 'field', 'code', 'reason', 'excerpt'] };

/**
 * Writes rejects with one COPY per call. A batch's line numbers are its own and each reject
 * is handed over once, so nothing can conflict (a COPY costs the server half of an INSERT
 * of unnested arrays).
 */
export async function insertRejects(db: Pick<Queryable, 'bulkLoad'>, batchId: string, entries: RejectEntry[]): Promise<void> {
	if (entries.length === 0) return;
	await db.bulkLoad(
		REJECTS_TARGET,
		entries.map((entry) => [batchId, entry.lineNo, entry.field, entry.code, REJECT_REASONS[entry.code], entry.excerpt]),
	);
}

export interface StoredReject {
	batchId: string;
	lineNo: number;
	field: string | null;
	code: RejectCode | null;
	reason: string;
	excerpt: string | null;
}

export interface RejectListOptions {
	batchId: string;
	code?: string;
	limit: number;
	offset?: number;
}

export async function listRejects(db: Pick<Queryable, 'query'>, options: RejectListOptions): Promise<StoredReject[]> {
	const result = await db.query<{ batch_id: string; line_no: string | number; field: string | null; code: string | null; reason: string; excerpt: string | null }>(
		`SELECT batch_id, line_no, field, code, reason, excerpt
		FROM ingest_rejects
		WHERE batch_id = $1 AND ($2::text IS NULL OR code = $2)
		ORDER BY line_no
		LIMIT $3 OFFSET $4`,
		[options.batchId, options.code || null, options.limit, options.offset ?? 0],
	);
	return result.rows.map((row) => ({
		batchId: row.batch_id,
		lineNo: Number(row.line_no),
		field: row.field,
		code: row.code as RejectCode | null,
		reason: row.reason,
		excerpt: row.excerpt,
	}));
}
