import type { Queryable } from '../../store/Store';
import type { RejectEntry } from '../RejectLog';
import { REJECT_REASONS, type RejectCode } from '../rejectReasons';

/** Writes rejects in one statement per call (arrays unnested server-side). */
export async function insertRejects(db: Pick<Queryable, 'query'>, batchId: string, entries: RejectEntry[]): Promise<void> {
	if (entries.length === 0) return;
	await db.query(
		`INSERT INTO ingest_rejects (batch_id, line_no, field, code, reason, excerpt)
		SELECT $1, line_no, field, code, reason, excerpt
		FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[]) AS r (line_no, field, code, reason, excerpt)
		ON CONFLICT (batch_id, line_no) DO NOTHING`,
		[
			batchId,
			entries.map((entry) => entry.lineNo),
			entries.map((entry) => entry.field),
			entries.map((entry) => entry.code),
			entries.map((entry) => REJECT_REASONS[entry.code]),
			entries.map((entry) => entry.excerpt),
		],
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
