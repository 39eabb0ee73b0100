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

/**
 * Streams the messages of the sessions to score, grouped by session (ordered by session; time
 * order is the scorer's). Written as a nested loop over the sessions in key order, each
 * session's messages read by their primary key: rows flow from the first session on, so the
 * database reads while this process scores, instead of sorting every message before the first row.
 */
export function sessionsToScore(db: Store, all: boolean, partition: SessionPartition = { part: 0, of: 1 }, batchSize = 20_000): AsyncIterable<SessionMessageRow[]> {
	const conditions = [...(all ? [] : ['needs_score']), ...(partition.of > 1 ? ['(hashtext(session_id) & 2147483647) % $1 = $2'] : [])];
	return db.stream<SessionMessageRow>(
		`SELECT s.session_id, m.role, m.agent_id, m.team, m.lead_hash, m.phone_hash, m.at, m.body, r.rating::int AS rating,
			EXISTS (SELECT 1 FROM quality_rejects j WHERE j.session_id = s.session_id) AS has_rejects
		 FROM (SELECT session_id FROM quality_sessions ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''} ORDER BY session_id) s
		 LEFT JOIN LATERAL (
			SELECT role, agent_id, team, lead_hash, phone_hash, round(date_part('epoch', sent_at) * 1000) AS at, body
			FROM quality_messages WHERE session_id = s.session_id OFFSET 0
		 ) m ON true
		 LEFT JOIN quality_ratings r ON r.session_id = s.session_id
		 ORDER BY s.session_id`,
		partition.of > 1 ? [partition.of, partition.part] : [],
		batchSize,
	);
}

/** One share of the sessions, by a hash of their id: `part` of `of` (0-based). */
export interface SessionPartition {
	part: number;
	of: number;
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

const SCORE_STAGE = 'quality_score_stage';
const SCORE_COLUMNS = [
	'session_id', 'agent_id', 'team', 'lead_hash', 'phone_hash', 'started_at', 'ended_at', 'message_count', 'metrics', 'problems',
	'speed_score', 'attitude_score', 'quality_score', 'qa_score', 'rating', 'total_score', 'stars',
] as const;

/** Writes a batch of scored sessions: COPY into a temporary stage, then one UPDATE … FROM it. */
export async function writeScores(db: Store, rows: readonly ScoredSessionRow[], modelVersion: number): Promise<void> {
	if (rows.length === 0) return;
	await db.transaction(async (tx) => {
		await tx.exec(
			`CREATE TEMP TABLE ${SCORE_STAGE} (session_id text, agent_id text, team text, lead_hash text, phone_hash text,
				started_at timestamptz, ended_at timestamptz, message_count int, metrics jsonb, problems text[],
				speed_score real, attitude_score real, quality_score real, qa_score real, rating smallint, total_score real, stars smallint) ON COMMIT DROP`,
		);
		await tx.bulkLoad(
			{ table: SCORE_STAGE, columns: [...SCORE_COLUMNS] },
			rows.map((x) => [
				x.session_id, x.agent_id, x.team, x.lead_hash, x.phone_hash, x.started_at, x.ended_at, x.message_count, x.metrics,
				x.problems === '' ? [] : x.problems.split(','),
				x.speed_score, x.attitude_score, x.quality_score, x.qa_score, x.rating, x.total_score, x.stars,
			]),
		);
		await tx.query(
			`UPDATE quality_sessions s SET
				agent_id = x.agent_id, team = x.team, lead_hash = x.lead_hash, phone_hash = x.phone_hash,
				started_at = x.started_at, ended_at = x.ended_at, message_count = x.message_count, metrics = x.metrics,
				problems = x.problems, speed_score = x.speed_score, attitude_score = x.attitude_score, quality_score = x.quality_score,
				qa_score = x.qa_score, rating = x.rating, total_score = x.total_score, stars = x.stars,
				model_version = $1, scored_at = now(), needs_score = false
			 FROM ${SCORE_STAGE} x
			 WHERE s.session_id = x.session_id`,
			[modelVersion],
		);
	});
}

/** Marks every session for a new score (after the active model changed). */
export async function markAllForScoring(db: Queryable): Promise<number> {
	return (await db.query('UPDATE quality_sessions SET needs_score = true WHERE NOT needs_score')).rowCount;
}
