import type { Queryable } from '../store';
import type { BoardClock } from './boardClock';
import { BOARD_HITS_BY_SLOT_SQL } from './boardHitCounts';

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
		`SELECT width_bucket(created_slot, $1::timestamptz[]) AS bucket, sum(hits) AS hits
		 FROM ${BOARD_HITS_BY_SLOT_SQL} AS counts
		 WHERE created_slot >= $2 AND created_slot < $3
		 GROUP BY 1`,
		[bounds, bounds[0], bounds[bounds.length - 1]],
	);
	const counts = new Map(result.rows.map((row) => [Number(row.bucket), Number(row.hits)]));
	return clock.trendDays.map((date, index) => ({ date, hits: counts.get(index + 1) ?? 0 }));
}
