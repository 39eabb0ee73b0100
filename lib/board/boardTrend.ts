import type { Queryable } from '../store';
import type { BoardClock } from './boardClock';

export interface TrendPoint {
	/** Local day, YYYY-MM-DD. */
	date: string;
	hits: number;
}

/** Hits that reached the board on each of the last seven local days, oldest first, days without any as 0. */
export async function loadTrend(db: Queryable, clock: BoardClock): Promise<TrendPoint[]> {
	const bounds = clock.trendBounds;
	// width_bucket puts each instant between two of the day starts: bucket i is trendDays[i - 1].
	const result = await db.query<{ bucket: number; hits: string }>(
		`SELECT width_bucket(created_at, $1::timestamptz[]) AS bucket, count(*) AS hits
		 FROM hits
		 WHERE created_at >= $2 AND created_at < $3
		 GROUP BY 1`,
		[bounds, bounds[0], bounds[bounds.length - 1]],
	);
	const counts = new Map(result.rows.map((row) => [Number(row.bucket), Number(row.hits)]));
	return clock.trendDays.map((date, index) => ({ date, hits: counts.get(index + 1) ?? 0 }));
}
