import type { BulkRow, Queryable } from '../../store';
import type { MessageRow } from '../read/messageRow';

const STAGE = 'quality_message_stage';
const COLUMNS = ['session_id', 'sent_ms', 'role', 'agent_id', 'team', 'lead_hash', 'phone_hash', 'body'];

/**
 * Loads a file's messages in the caller's transaction: COPY into a temporary stage, then one
 * INSERT … ON CONFLICT DO NOTHING (a message already stored, or twice in the file, is a
 * duplicate) that also marks every session it added to as needing a new score. The message key
 * (MD5 of role, time, agent and text) and the timestamp are computed by the database: its
 * process works on the other core while this one reads the next file.
 * Returns how many rows were staged and how many were new.
 */
export async function storeMessages(tx: Queryable, batchId: number, rows: AsyncIterable<MessageRow[]>): Promise<{ staged: number; accepted: number }> {
	await tx.exec(
		`CREATE TEMP TABLE ${STAGE} (session_id text, sent_ms bigint, role text, agent_id text, team text, lead_hash text, phone_hash text, body text) ON COMMIT DROP`,
	);
	const staged = await tx.bulkLoad({ table: STAGE, columns: COLUMNS }, bulkRows(rows));
	const result = await tx.query<{ accepted: number }>(
		`WITH inserted AS (
			INSERT INTO quality_messages (session_id, message_key, sent_at, role, agent_id, team, lead_hash, phone_hash, body, batch_id)
			SELECT session_id, decode(md5(concat_ws(E'\\x01', role, sent_ms, coalesce(agent_id, ''), body)), 'hex'),
				to_timestamp(sent_ms / 1000.0), role, agent_id, team, lead_hash, phone_hash, body, $1
			FROM ${STAGE}
			ON CONFLICT DO NOTHING
			RETURNING session_id
		), touched AS (
			INSERT INTO quality_sessions (session_id) SELECT DISTINCT session_id FROM inserted
			ON CONFLICT (session_id) DO UPDATE SET needs_score = true
		)
		SELECT count(*)::int AS accepted FROM inserted`,
		[batchId],
	);
	return { staged, accepted: result.rows[0].accepted };
}

async function* bulkRows(batches: AsyncIterable<MessageRow[]>): AsyncIterable<BulkRow> {
	for await (const rows of batches) {
		for (const m of rows) yield [m.sessionId, m.sentAt, m.role, m.agentId, m.team, m.leadHash, m.phoneHash, m.text];
	}
}
