import type { KeyObject } from 'node:crypto';

import type { Store } from '../../store';
import { leadIdHash } from '../read/messageRow';
import type { StandingGroup } from './qualityStandings';

/** A session in a list: who, when, its scores and problems (the breakdown has the messages). */
export interface SessionSummary {
	sessionId: string;
	agentId: string | null;
	team: string | null;
	startedAt: string | null;
	messageCount: number;
	qa: number | null;
	rating: number | null;
	total: number | null;
	stars: number | null;
	problems: string[];
}

const COLUMNS = `session_id, agent_id, team, started_at, message_count, qa_score, rating::int AS rating, total_score, stars::int AS stars, problems`;

type Row = { session_id: string; agent_id: string | null; team: string | null; started_at: Date | null; message_count: number; qa_score: number | null; rating: number | null; total_score: number | null; stars: number | null; problems: string[] };

function summary(r: Row): SessionSummary {
	return {
		sessionId: r.session_id,
		agentId: r.agent_id,
		team: r.team,
		startedAt: r.started_at ? new Date(r.started_at).toISOString() : null,
		messageCount: r.message_count,
		qa: r.qa_score,
		rating: r.rating,
		total: r.total_score,
		stars: r.stars,
		problems: r.problems ?? [],
	};
}

/** An agent's or team's sessions (or everyone's), newest first, a page at a time; lowest scores first with `worstFirst`. */
export async function listSessions(
	db: Store,
	options: { group?: StandingGroup; key?: string; page?: number; pageSize?: number; worstFirst?: boolean },
): Promise<{ total: number; page: number; pageSize: number; rows: SessionSummary[] }> {
	const page = Math.max(1, options.page ?? 1);
	const pageSize = Math.min(Math.max(1, options.pageSize ?? 20), 200);
	const params: unknown[] = [];
	let where = 'WHERE message_count > 0';
	if (options.group && options.key) {
		params.push(options.key);
		where += ` AND ${options.group === 'agent' ? 'agent_id' : 'team'} = $1`;
	}
	const order = options.worstFirst ? 'total_score ASC NULLS FIRST, started_at DESC' : 'started_at DESC NULLS LAST';
	const total = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM quality_sessions ${where}`, params);
	const rows = await db.query<Row>(
		`SELECT ${COLUMNS} FROM quality_sessions ${where} ORDER BY ${order}, session_id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
		params,
	);
	return { total: total.rows[0].n, page, pageSize, rows: rows.rows.map(summary) };
}

/** The conversations linked to a lead: by the keyed hash of its id, or of its phone (leads.phone_hash). */
export async function leadSessions(db: Store, hashKey: KeyObject, leadId: string): Promise<SessionSummary[]> {
	const lead = await db.query<{ phone_hash: string | null }>('SELECT phone_hash FROM leads WHERE lead_id = $1', [leadId]);
	const rows = await db.query<Row>(
		`SELECT ${COLUMNS} FROM quality_sessions WHERE lead_hash = $1 OR (phone_hash IS NOT NULL AND phone_hash = $2)
		 ORDER BY started_at DESC NULLS LAST, session_id LIMIT 200`,
		[leadIdHash(hashKey, leadId), lead.rows[0]?.phone_hash ?? null],
	);
	return rows.rows.map(summary);
}
