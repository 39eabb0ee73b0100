import type { Queryable, Store } from '../../store';
import type { MessageRole, SessionMetrics } from '../metrics/SessionMetrics';

/** The rows scoring reads: each session needing a score with its messages (none for a session with only a rating) and its rating. */
export interface SessionMessageRow {
	session_id: string;
	role: MessageRole | null;
	agent_id: string | null;
	team: string | null;
	lead_hash: string | null;
	phone_hash: string | null;
	at: number | null;
	body: string | null;
	rating: number | null;
	has_rejects: boolean;
}

/** Streams the messages of the sessions to score, grouped by session (ordered by session; time order is the scorer's). */
export function sessionsToScore(db: Store, all: boolean, batchSize = 20_000): AsyncIterable<SessionMessageRow[]> {
	return db.stream<SessionMessageRow>(
		`SELECT s.session_id, m.role, m.agent_id, m.team, m.lead_hash, m.phone_hash,
			(extract(epoch FROM m.sent_at) * 1000)::float8 AS at, m.body, r.rating::int AS rating,
			(j.session_id IS NOT NULL) AS has_rejects
		 FROM quality_sessions s
		 LEFT JOIN quality_messages m ON m.session_id = s.session_id
		 LEFT JOIN quality_ratings r ON r.session_id = s.session_id
		 LEFT JOIN (SELECT DISTINCT session_id FROM quality_rejects WHERE session_id IS NOT NULL) j ON j.session_id = s.session_id
		 ${all ? '' : 'WHERE s.needs_score'}
		 ORDER BY s.session_id`,
		[],
		batchSize,
	);
}

export interface ScoredSessionRow {
	session_id: string;
	agent_id: string | null;
	team: string | null;
	lead_hash: string | null;
	phone_hash: string | null;
	started_at: string | null;
	ended_at: string | null;
	message_count: number;
	metrics: SessionMetrics | null;
	problems: string;
	speed_score: number | null;
	attitude_score: number | null;
	quality_score: number | null;
	qa_score: number | null;
	rating: number | null;
	total_score: number | null;
	stars: number | null;
}

/** Writes a batch of scored sessions in one statement (the batch travels as one JSON parameter). */
export async function writeScores(db: Queryable, rows: readonly ScoredSessionRow[], modelVersion: number): Promise<void> {
	if (rows.length === 0) return;
	await db.query(
		`UPDATE quality_sessions s SET
			agent_id = x.agent_id, team = x.team, lead_hash = x.lead_hash, phone_hash = x.phone_hash,
			started_at = x.started_at, ended_at = x.ended_at, message_count = x.message_count, metrics = x.metrics,
			problems = CASE WHEN x.problems = '' THEN '{}'::text[] ELSE string_to_array(x.problems, ',') END,
			speed_score = x.speed_score, attitude_score = x.attitude_score, quality_score = x.quality_score,
			qa_score = x.qa_score, rating = x.rating, total_score = x.total_score, stars = x.stars,
			model_version = $2, scored_at = now(), needs_score = false
		 FROM json_to_recordset($1::json) AS x(session_id text, agent_id text, team text, lead_hash text, phone_hash text,
			started_at timestamptz, ended_at timestamptz, message_count int, metrics jsonb, problems text,
			speed_score real, attitude_score real, quality_score real, qa_score real, rating smallint, total_score real, stars smallint)
		 WHERE s.session_id = x.session_id`,
		[JSON.stringify(rows), modelVersion],
	);
}

/** Marks every session for a new score (after the active model changed). */
export async function markAllForScoring(db: Queryable): Promise<number> {
	return (await db.query('UPDATE quality_sessions SET needs_score = true WHERE NOT needs_score')).rowCount;
}
