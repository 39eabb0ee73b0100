import { activeConfig } from '../../config';
import { maskPersonalText } from '../../privacy';
import type { Store } from '../../store';
import { measureSession } from '../metrics/measureSession';
import { COSTLY_MARKS, type MessageMark, type MessageRole, type SessionMetrics } from '../metrics/SessionMetrics';
import { wordLists } from '../metrics/wordLists';
import { qualityModelConfig } from '../model/qualityModelConfig';
import { scoreSession, type SessionScore } from '../model/scoreSession';
import { SESSION_PROBLEMS, type SessionProblem } from '../scoreSessions';

export interface BreakdownMessage {
	role: MessageRole;
	agentId: string | null;
	sentAt: string;
	/** Phone and ID numbers in the text masked. */
	text: string;
	marks: MessageMark[];
	/** True when a mark costs points: the page highlights it. */
	costsPoints: boolean;
	/** On the reply that closed a round: how long the round waited. */
	responseSeconds: number | null;
}

export interface SessionBreakdown {
	sessionId: string;
	agentId: string | null;
	team: string | null;
	startedAt: string | null;
	rating: number | null;
	ratingComment: string | null;
	problems: Array<{ code: SessionProblem; message: string }>;
	metrics: SessionMetrics | null;
	/** Null when the session cannot be scored (see problems). */
	score: SessionScore | null;
	modelVersion: number;
	messages: BreakdownMessage[];
}

/** One session, measured again with the active model: its metrics, every indicator's sub-score, and each message with the marks that cost (or earned) points. */
export async function sessionBreakdown(db: Store, sessionId: string): Promise<SessionBreakdown | undefined> {
	const session = await db.query<{ agent_id: string | null; team: string | null; started_at: Date | null; problems: string[]; rating: number | null; comment: string | null }>(
		`SELECT s.agent_id, s.team, s.started_at, s.problems, r.rating::int AS rating, r.comment
		 FROM quality_sessions s LEFT JOIN quality_ratings r ON r.session_id = s.session_id WHERE s.session_id = $1`,
		[sessionId],
	);
	const row = session.rows[0];
	if (!row) return undefined;
	const active = await activeConfig(db, qualityModelConfig);
	const stored = await db.query<{ role: MessageRole; agent_id: string | null; at: number; body: string }>(
		`SELECT role, agent_id, (extract(epoch FROM sent_at) * 1000)::float8 AS at, body FROM quality_messages WHERE session_id = $1`,
		[sessionId],
	);
	const agentOf = new Map(stored.rows.map((m) => [`${m.role}|${m.at}|${m.body}`, m.agent_id]));
	const measured = measureSession(
		stored.rows.map((m) => ({ role: m.role, sentAt: Number(m.at), text: m.body })),
		wordLists(active.body),
		active.body,
	);
	const problems = (row.problems ?? []) as SessionProblem[];
	const scorable = stored.rows.length > 0 && !problems.some((p) => p !== 'rejectedRows');
	return {
		sessionId,
		agentId: row.agent_id,
		team: row.team,
		startedAt: row.started_at ? new Date(row.started_at).toISOString() : null,
		rating: row.rating,
		ratingComment: row.comment === null ? null : maskPersonalText(row.comment),
		problems: problems.map((code) => ({ code, message: SESSION_PROBLEMS[code] ?? code })),
		metrics: stored.rows.length ? measured.metrics : null,
		score: scorable ? scoreSession(measured.metrics, row.rating, active.body) : null,
		modelVersion: active.version,
		messages: measured.messages.map((m, i) => ({
			role: m.role,
			agentId: agentOf.get(`${m.role}|${m.sentAt}|${m.text}`) ?? null,
			sentAt: new Date(m.sentAt).toISOString(),
			text: maskPersonalText(m.text),
			marks: measured.marks[i],
			costsPoints: measured.marks[i].some((mark) => COSTLY_MARKS.has(mark)),
			responseSeconds: measured.responseSeconds[i],
		})),
	};
}
