import { DEFAULT_TIME_ZONE } from '../../calendar';
import { activeConfig } from '../../config';
import type { Store } from '../../store';
import { qualityModelConfig } from '../model/qualityModelConfig';
import { totalScore } from '../model/scoreSession';
import type { StandingGroup } from './qualityStandings';

export interface TrendPoint {
	/** The local day (Asia/Shanghai), YYYY-MM-DD. */
	date: string;
	sessions: number;
	avgQa: number | null;
	avgRating: number | null;
	total: number | null;
}

const DAY_MS = 86_400_000;

/** Day by day over the last `days` days: one agent's, one team's, or everyone's sessions (scored without a problem). */
export async function qualityTrend(db: Store, options: { group?: StandingGroup; key?: string; days?: number; now?: Date }): Promise<TrendPoint[]> {
	const now = options.now ?? new Date();
	const days = Math.min(Math.max(options.days ?? 30, 1), 90);
	const model = (await activeConfig(db, qualityModelConfig)).body;
	const params: unknown[] = [new Date(now.getTime() - days * DAY_MS), now, DEFAULT_TIME_ZONE];
	let filter = '';
	if (options.group && options.key) {
		params.push(options.key);
		filter = `AND ${options.group === 'agent' ? 'agent_id' : 'team'} = $4`;
	}
	const result = await db.query<{ date: string; sessions: number; avg_qa: number | null; avg_rating: number | null }>(
		`SELECT to_char((started_at AT TIME ZONE $3)::date, 'YYYY-MM-DD') AS date, count(*)::int AS sessions,
			avg(qa_score)::float8 AS avg_qa, avg(rating)::float8 AS avg_rating
		 FROM quality_sessions
		 WHERE started_at >= $1 AND started_at < $2 AND qa_score IS NOT NULL AND problems = '{}' ${filter}
		 GROUP BY 1 ORDER BY 1`,
		params,
	);
	return result.rows.map((r) => {
		const avgQa = r.avg_qa === null ? null : Math.round(r.avg_qa * 1000) / 1000;
		const avgRating = r.avg_rating === null ? null : Math.round(r.avg_rating * 1000) / 1000;
		return { date: r.date, sessions: r.sessions, avgQa, avgRating, total: avgQa === null ? null : totalScore(avgQa, avgRating, model) };
	});
}
