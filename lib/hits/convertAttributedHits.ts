import type { Queryable } from '../store';

/**
 * Moves the hits that imported conversions were attributed to (lib/roi's conversion_touches,
 * of conversions with this id or a later one) to 营销已转化, recording that an import, not a
 * person, converted them. Hits converted already keep their source. Returns how many moved.
 */
export async function convertAttributedHits(db: Queryable, fromConversionId = 0): Promise<number> {
	const result = await db.query<{ n: string }>(
		`WITH moved AS (
			UPDATE hits h SET status = 'converted', converted_source = 'imported', updated_at = now()
			WHERE h.status <> 'converted'
			  AND EXISTS (SELECT 1 FROM conversion_touches t WHERE t.hit_id = h.hit_id AND t.conversion_id >= $1)
			RETURNING 1
		)
		SELECT count(*) AS n FROM moved`,
		[fromConversionId],
	);
	return Number(result.rows[0]?.n ?? 0);
}
