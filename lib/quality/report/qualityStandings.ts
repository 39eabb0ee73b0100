import { activeConfig } from '../../config';
import type { Store } from '../../store';
import { qualityModelConfig } from '../model/qualityModelConfig';
import type { QualityModel } from '../model/QualityModel';
import { starsFor, totalScore } from '../model/scoreSession';

export type StandingGroup = 'agent' | 'team';

/** An agent's or team's score over one window (近3日, 近30天): session QA and ratings averaged, then weighted as a session's are. */
export interface WindowScore {
	days: number;
	/** Sessions scored without a problem (the ones averaged). */
	sessions: number;
	/** Sessions left out: not scorable or built on rejected rows. */
	incompleteSessions: number;
	ratings: number;
	avgQa: number | null;
	avgRating: number | null;
	total: number | null;
	stars: number | null;
	/** Ratings ≥ the model's good rating, over all ratings; null without ratings. */
	goodRatingShare: number | null;
}

export interface QualityStanding {
	group: StandingGroup;
	/** The agent id or the team name. */
	key: string;
	last3Days: WindowScore;
	last30Days: WindowScore;
	/** 服务星级标识: ≥ 4 stars over 30 days. */
	starBadge: boolean;
	/** 金牌客服 (agents only): more than 10 ratings, ≥ 4 stars, good-rating share above the average of all agents, over 30 days. */
	goldAgent: boolean;
}

export interface Standings {
	group: StandingGroup;
	asOf: string;
	modelVersion: number;
	/** The average of the agents' good-rating shares over 30 days (the bar 金牌客服 must clear). */
	averageGoodRatingShare: number | null;
	rows: QualityStanding[];
}

const DAY_MS = 86_400_000;

/** Agents or teams, ranked by their 30-day total (then 3-day), with stars and badges. */
export async function qualityStandings(db: Store, options: { group: StandingGroup; now?: Date }): Promise<Standings> {
	const now = options.now ?? new Date();
	const active = await activeConfig(db, qualityModelConfig);
	const model = active.body;
	const [short, long] = await Promise.all([windowScores(db, options.group, 3, now, model), windowScores(db, options.group, 30, now, model)]);
	const agentShares = [...long.values()].map((w) => w.goodRatingShare).filter((s): s is number => s !== null);
	const averageGoodRatingShare = options.group === 'agent' && agentShares.length ? round(agentShares.reduce((a, b) => a + b, 0) / agentShares.length) : null;
	const rows: QualityStanding[] = [...long.entries()].map(([key, last30Days]) => {
		const last3Days = short.get(key) ?? emptyWindow(3);
		const starBadge = (last30Days.stars ?? 0) >= model.starBadge.minStars;
		const goldAgent =
			options.group === 'agent' &&
			last30Days.ratings >= model.goldAgent.minRatings &&
			(last30Days.stars ?? 0) >= model.goldAgent.minStars &&
			averageGoodRatingShare !== null &&
			(last30Days.goodRatingShare ?? 0) > averageGoodRatingShare;
		return { group: options.group, key, last3Days, last30Days, starBadge, goldAgent };
	});
	rows.sort((a, b) => (b.last30Days.total ?? 0) - (a.last30Days.total ?? 0) || (b.last3Days.total ?? 0) - (a.last3Days.total ?? 0) || a.key.localeCompare(b.key));
	return { group: options.group, asOf: now.toISOString(), modelVersion: active.version, averageGoodRatingShare, rows };
}

async function windowScores(db: Store, group: StandingGroup, days: number, now: Date, model: QualityModel): Promise<Map<string, WindowScore>> {
	const column = group === 'agent' ? 'agent_id' : 'team';
	const result = await db.query<{ key: string; sessions: number; incomplete: number; ratings: number; avg_qa: number | null; avg_rating: number | null; good: number }>(
		`SELECT ${column} AS key,
			count(*) FILTER (WHERE ok)::int AS sessions,
			count(*) FILTER (WHERE NOT ok)::int AS incomplete,
			count(rating) FILTER (WHERE ok)::int AS ratings,
			avg(qa_score) FILTER (WHERE ok)::float8 AS avg_qa,
			avg(rating) FILTER (WHERE ok)::float8 AS avg_rating,
			count(*) FILTER (WHERE ok AND rating >= $3)::int AS good
		 FROM (SELECT ${column}, qa_score, rating, (qa_score IS NOT NULL AND problems = '{}') AS ok
			FROM quality_sessions WHERE started_at >= $1 AND started_at < $2 AND ${column} IS NOT NULL) s
		 GROUP BY ${column}`,
		[new Date(now.getTime() - days * DAY_MS), now, model.goodRating],
	);
	return new Map(
		result.rows.map((r) => {
			const avgQa = r.avg_qa === null ? null : round(r.avg_qa);
			const avgRating = r.avg_rating === null ? null : round(r.avg_rating);
			const total = avgQa === null ? null : totalScore(avgQa, avgRating, model);
			return [
				r.key,
				{
					days,
					sessions: r.sessions,
					incompleteSessions: r.incomplete,
					ratings: r.ratings,
					avgQa,
					avgRating,
					total,
					stars: total === null ? null : starsFor(total, model),
					goodRatingShare: r.ratings ? round(r.good / r.ratings) : null,
				},
			];
		}),
	);
}

function emptyWindow(days: number): WindowScore {
	return { days, sessions: 0, incompleteSessions: 0, ratings: 0, avgQa: null, avgRating: null, total: null, stars: null, goodRatingShare: null };
}

function round(value: number): number {
	return Math.round(value * 1000) / 1000;
}
