import { type Queryable, withLocalSettings } from '../store';

/**
 * Memory for the move's hash of the touched hits. With the default 4 MB a first run's 674 k
 * touches (1 M conversions) split into 8 batches: the hits were then rewritten in 8 passes
 * over the table, each page and index leaf written again in each, and the write-ahead log
 * carried 655 k full-page images (4.8 GB) instead of 168 k (1.8 GB) in one pass.
 */
const MOVE_WORK_MEM = '256MB';

/**
 * Moves the hits that imported conversions were attributed to (lib/roi's conversion_touches,
 * of conversions with this id or a later one) to 营销已转化, recording that an import, not a
 * person, converted them. Hits converted already keep their source (and are not written).
 * Returns how many moved.
 *
 * A moved hit is a new row version in every index of hits (the board's status indexes hold
 * it), so the hits are written in one pass in the table's order: the touches are hashed in
 * memory (work_mem raised for this statement only; attribution runs one at a time) while hits
 * are read once, front to back.
 */
export async function convertAttributedHits(db: Queryable, fromConversionId = 0): Promise<number> {
	const result = await withLocalSettings(db, { work_mem: MOVE_WORK_MEM }, () =>
		db.query<{ n: string }>(
			`WITH moved AS (
				UPDATE hits h SET status = 'converted', converted_source = 'imported', updated_at = now()
				WHERE h.status IS DISTINCT FROM 'converted'
				  AND h.hit_id IN (SELECT t.hit_id FROM conversion_touches t WHERE t.conversion_id >= $1)
				RETURNING 1
			)
			SELECT count(*) AS n FROM moved`,
			[fromConversionId],
		),
	);
	return Number(result.rows[0]?.n ?? 0);
}
