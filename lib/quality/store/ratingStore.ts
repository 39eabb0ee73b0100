import type { BulkRow, Queryable } from '../../store';
import type { RatingRow } from '../read/ratingRow';

const STAGE = 'quality_rating_stage';

/** Loads a file's ratings in the caller's transaction; a session rated before keeps its first rating (the new one is a duplicate). */
export async function storeRatings(tx: Queryable, batchId: number, rows: AsyncIterable<RatingRow[]>): Promise<{ staged: number; accepted: number }> {
	await tx.exec(`CREATE TEMP TABLE ${STAGE} (session_id text, rating smallint, rated_at timestamptz, comment text) ON COMMIT DROP`);
	const staged = await tx.bulkLoad({ table: STAGE, columns: ['session_id', 'rating', 'rated_at', 'comment'] }, bulkRows(rows));
	const result = await tx.query<{ accepted: number }>(
		`WITH inserted AS (
			INSERT INTO quality_ratings (session_id, rating, rated_at, comment, batch_id)
			SELECT session_id, rating, rated_at, comment, $1 FROM ${STAGE}
			ON CONFLICT (session_id) DO NOTHING
			RETURNING session_id
		), touched AS (
			INSERT INTO quality_sessions (session_id) SELECT session_id FROM inserted
			ON CONFLICT (session_id) DO UPDATE SET needs_score = true
		)
		SELECT count(*)::int AS accepted FROM inserted`,
		[batchId],
	);
	return { staged, accepted: result.rows[0].accepted };
}

async function* bulkRows(batches: AsyncIterable<RatingRow[]>): AsyncIterable<BulkRow> {
	for await (const rows of batches) {
		for (const r of rows) yield [r.sessionId, r.rating, new Date(r.ratedAt), r.comment];
	}
}
