import { activeConfig } from '../config';
import type { Store } from '../store';
import { measureSession } from './metrics/measureSession';
import type { SessionMessage } from './metrics/SessionMetrics';
import { wordLists, type WordLists } from './metrics/wordLists';
import { qualityModelConfig } from './model/qualityModelConfig';
import type { QualityModel } from './model/QualityModel';
import { scoreSession } from './model/scoreSession';
import { markAllForScoring, sessionsToScore, writeScores, type ScoredSessionRow, type SessionMessageRow, type SessionPartition } from './store/sessionStore';

/** Why a session's score cannot be trusted, or why it has none. */
export const SESSION_PROBLEMS = {
	noMessages: '没有消息（只有评价）(no messages, only a rating)',
	noAgentMessage: '没有客服或机器人的消息，无法评分 (no agent or bot message: not scored)',
	noCustomerMessage: '没有客户的消息，无法评分 (no customer message: not scored)',
	rejectedRows: '该会话有被拒绝的行，得分基于不完整的会话 (rows of this session were rejected: the score is built on an incomplete session)',
} as const;
export type SessionProblem = keyof typeof SESSION_PROBLEMS;

export interface ScoreRunSummary {
	modelVersion: number;
	sessionsScored: number;
	/** Sessions given no score, by problem; and sessions scored with a problem (rejectedRows). */
	problems: Record<SessionProblem, number>;
	messagesRead: number;
}

const WRITE_BATCH = 5_000;
const STREAM_BATCH = 20_000;
const SESSIONS_PER_TURN = 250;
/**
 * PostgreSQL scores the sessions in two shares at once, each its own read and its own writes
 * (the server reads and writes on both cores while this process scores): 2 streams and 2
 * writes in flight, the pool's 4 connections. PGlite has one connection: one share.
 */
const PARTITIONS = 2;

/**
 * Scores the sessions that changed since their last score (every session with `all`, and
 * after the active model changed) with the active scoring model, and stores metrics,
 * problems and scores on each session.
 */
export async function scoreSessions(db: Store, options: { all?: boolean } = {}): Promise<ScoreRunSummary> {
	const active = await activeConfig(db, qualityModelConfig);
	const model = active.body;
	const words = wordLists(model);
	if (options.all) await markAllForScoring(db);
	const summary: ScoreRunSummary = { modelVersion: active.version, sessionsScored: 0, problems: { noMessages: 0, noAgentMessage: 0, noCustomerMessage: 0, rejectedRows: 0 }, messagesRead: 0 };
	const partitions = db.kind === 'postgres' ? PARTITIONS : 1;
	await Promise.all(Array.from({ length: partitions }, (_, part) => scorePartition(db, { part, of: partitions }, model, words, active.version, summary)));
	return summary;
}

/** Scores one share of the sessions to score (its own stream and its own writes), adding to the summary. */
async function scorePartition(db: Store, partition: SessionPartition, model: QualityModel, words: WordLists, modelVersion: number, summary: ScoreRunSummary): Promise<void> {
	let pending: ScoredSessionRow[] = [];
	let current: SessionMessageRow[] = [];
	// One batch of scores is written while the next is scored (the write waits for the one before).
	let writing: Promise<void> = Promise.resolve();
	const write = async (rows: ScoredSessionRow[]) => {
		const previous = writing;
		writing = previous.then(() => writeScores(db, rows, modelVersion));
		writing.catch(() => undefined);
		await previous;
	};
	const finish = async () => {
		if (current.length === 0) return;
		const scored = scoreOne(current, model, words);
		for (const problem of scored.problems ? scored.problems.split(',') : []) summary.problems[problem as SessionProblem]++;
		summary.sessionsScored++;
		pending.push(scored);
		current = [];
		// The event loop runs now and then: the other share's rows and the writes in flight keep moving.
		if (pending.length % SESSIONS_PER_TURN === 0) await new Promise<void>((resolve) => setImmediate(resolve));
		if (pending.length >= WRITE_BATCH) {
			await write(pending);
			pending = [];
		}
	};
	for await (const batch of sessionsToScore(db, false, partition, STREAM_BATCH / partition.of)) {
		for (const row of batch) {
			if (current.length > 0 && current[0].session_id !== row.session_id) await finish();
			current.push(row);
			if (row.role) summary.messagesRead++;
		}
	}
	await finish();
	await write(pending);
	await writing;
}

/** One session's stored row: who served it, when, its metrics, its problems and its scores. */
export function scoreOne(rows: readonly SessionMessageRow[], model: QualityModel, words: WordLists): ScoredSessionRow {
	const first = rows[0];
	const messageRows = rows.filter((r) => r.role !== null);
	const messages: SessionMessage[] = messageRows.map((r) => ({ role: r.role!, sentAt: Number(r.at), text: r.body ?? '' }));
	const problems: SessionProblem[] = [];
	if (messages.length === 0) problems.push('noMessages');
	else {
		if (!messages.some((m) => m.role !== 'customer')) problems.push('noAgentMessage');
		if (!messages.some((m) => m.role === 'customer')) problems.push('noCustomerMessage');
	}
	if (first.has_rejects) problems.push('rejectedRows');
	const byTime = [...messageRows].sort((a, b) => Number(a.at) - Number(b.at));
	const agentRow = byTime.find((r) => r.role !== 'customer' && r.agent_id) ?? byTime.find((r) => r.agent_id);
	const base = {
		session_id: first.session_id,
		agent_id: agentRow?.agent_id ?? null,
		team: byTime.find((r) => r.team)?.team ?? null,
		lead_hash: byTime.find((r) => r.lead_hash)?.lead_hash ?? null,
		phone_hash: byTime.find((r) => r.phone_hash)?.phone_hash ?? null,
		started_at: byTime.length ? new Date(Number(byTime[0].at)).toISOString() : null,
		ended_at: byTime.length ? new Date(Number(byTime[byTime.length - 1].at)).toISOString() : null,
		message_count: messages.length,
		problems: problems.join(','),
		rating: first.rating,
	};
	const unscorable = problems.some((p) => p !== 'rejectedRows');
	if (unscorable) {
		const metrics = messages.length ? measureSession(messages, words, model).metrics : null;
		return { ...base, metrics, speed_score: null, attitude_score: null, quality_score: null, qa_score: null, total_score: null, stars: null };
	}
	const { metrics } = measureSession(messages, words, model);
	const score = scoreSession(metrics, first.rating, model);
	return {
		...base,
		metrics,
		speed_score: score.dimensions.speed,
		attitude_score: score.dimensions.attitude,
		quality_score: score.dimensions.quality,
		qa_score: score.qa,
		total_score: score.total,
		stars: score.stars,
	};
}
