import { createHash } from 'node:crypto';

import { EncodedRows, type BulkRow, type Queryable } from '../../store';
import type { MessageRow } from '../read/messageRow';

const STAGE = 'quality_message_stage';
const COLUMNS = ['session_id', 'sent_ms', 'role', 'agent_id', 'team', 'lead_hash', 'phone_hash', 'body'];
const MESSAGE_COLUMNS = ['session_id', 'message_key', 'sent_at', 'role', 'agent_id', 'team', 'lead_hash', 'phone_hash', 'body', 'batch_id'];

/** Messages loaded at a time: the next slice is read, checked and encoded while the database loads this one. */
const SLICE_ROWS = 20_000;
/** And at most this many characters of text in a slice (texts may be 20 000 characters long). */
const SLICE_CHARACTERS = 2_000_000;

/**
 * Loads a file's messages in the caller's transaction, a slice at a time: COPY straight into
 * quality_messages, then the slice's sessions marked as needing a new score; the next slice is
 * read, checked, hashed and encoded meanwhile. The message key (MD5 of role, time, agent and
 * text) is computed here, as the database computed it before (by COPY into a temporary stage
 * and one INSERT … SELECT, which cost the database 9.8 µs per message to this process's 8.5:
 * the database was the slower side). A message already stored, or twice in the file, is a
 * duplicate: the COPY fails on the key, the slice is rolled back to its savepoint and loaded
 * again through the stage with ON CONFLICT DO NOTHING. Returns how many rows were staged and how
 * many were new.
 */
export async function storeMessages(tx: Queryable, batchId: number, rows: AsyncIterable<MessageRow[]>): Promise<{ staged: number; accepted: number }> {
	const slices = encoded(slicesOf(rows, SLICE_ROWS, SLICE_CHARACTERS), batchId)[Symbol.asyncIterator]();
	const stage = { created: false };
	let staged = 0;
	let accepted = 0;
	let next = slices.next();
	try {
		for (;;) {
			const slice = await next;
			if (slice.done) break;
			next = slices.next();
			// Awaited on the next turn; until then its failure must not count as unhandled.
			next.catch(() => undefined);
			staged += slice.value.rows.length;
			accepted += await insertSlice(tx, batchId, slice.value, stage);
		}
	} finally {
		// Closes the file when the load stopped early (a database error).
		slices.return?.(undefined).catch(() => undefined);
	}
	return { staged, accepted };
}

interface EncodedSlice {
	rows: MessageRow[];
	/** The rows as quality_messages rows in COPY text. */
	messages: EncodedRows;
	/** The slice's sessions, each once. */
	sessions: string[];
}

/** Loads one slice: by COPY when none of it is there yet, else through the stage with ON CONFLICT DO NOTHING. */
async function insertSlice(tx: Queryable, batchId: number, slice: EncodedSlice, stage: { created: boolean }): Promise<number> {
	await tx.query('SAVEPOINT quality_messages_insert');
	try {
		await tx.bulkLoad({ table: 'quality_messages', columns: MESSAGE_COLUMNS }, slice.messages);
		await tx.query(
			`INSERT INTO quality_sessions (session_id) SELECT unnest($1::text[])
			 ON CONFLICT (session_id) DO UPDATE SET needs_score = true`,
			[slice.sessions],
		);
		await tx.query('RELEASE SAVEPOINT quality_messages_insert');
		return slice.rows.length;
	} catch (error) {
		await tx.query('ROLLBACK TO SAVEPOINT quality_messages_insert');
		if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
	}
	if (!stage.created) {
		await tx.exec(
			`CREATE TEMP TABLE ${STAGE} (session_id text, sent_ms bigint, role text, agent_id text, team text, lead_hash text, phone_hash text, body text) ON COMMIT DROP`,
		);
		stage.created = true;
	}
	await tx.bulkLoad({ table: STAGE, columns: COLUMNS }, slice.rows.map(bulkRow));
	const accepted = await insertFromStage(tx, batchId, 'ON CONFLICT DO NOTHING');
	await tx.exec(`TRUNCATE ${STAGE}`);
	return accepted;
}

const UNIQUE_VIOLATION = '23505';

async function insertFromStage(tx: Queryable, batchId: number, onConflict: '' | 'ON CONFLICT DO NOTHING'): Promise<number> {
	const result = await tx.query<{ accepted: number }>(
		`WITH inserted AS (
			INSERT INTO quality_messages (session_id, message_key, sent_at, role, agent_id, team, lead_hash, phone_hash, body, batch_id)
			SELECT session_id, decode(md5(concat_ws(E'\\x01', role, sent_ms, coalesce(agent_id, ''), body)), 'hex'),
				to_timestamp(sent_ms / 1000.0), role, agent_id, team, lead_hash, phone_hash, body, $1
			FROM ${STAGE}
			${onConflict}
			RETURNING session_id
		), touched AS (
			INSERT INTO quality_sessions (session_id) SELECT DISTINCT session_id FROM inserted
			ON CONFLICT (session_id) DO UPDATE SET needs_score = true
		)
		SELECT count(*)::int AS accepted FROM inserted`,
		[batchId],
	);
	return result.rows[0].accepted;
}

/** Each slice encoded for quality_messages, while the database loads the slice before. */
async function* encoded(slices: AsyncIterable<MessageRow[]>, batchId: number): AsyncIterable<EncodedSlice> {
	for await (const rows of slices) {
		const sessions = new Set<string>();
		const messages = EncodedRows.encode(
			rows.map((m) => {
				sessions.add(m.sessionId);
				return [m.sessionId, messageKey(m), new Date(m.sentAt), m.role, m.agentId, m.team, m.leadHash, m.phoneHash, m.text, batchId];
			}),
		);
		yield { rows, messages, sessions: [...sessions] };
	}
}

/** The key the stage's INSERT computes: MD5 of role, time (ms), agent ('' for none) and text, joined by U+0001. */
export function messageKey(m: Pick<MessageRow, 'role' | 'sentAt' | 'agentId' | 'text'>): Buffer {
	return createHash('md5').update(`${m.role}\x01${m.sentAt}\x01${m.agentId ?? ''}\x01${m.text}`, 'utf8').digest();
}

/** The rows in slices of about `rows` rows or `characters` characters of text, whichever comes first (the reader's batches cut and joined). */
async function* slicesOf(batches: AsyncIterable<MessageRow[]>, rows: number, characters: number): AsyncIterable<MessageRow[]> {
	let slice: MessageRow[] = [];
	let text = 0;
	for await (const batch of batches) {
		for (const row of batch) {
			slice.push(row);
			text += row.text.length;
			if (slice.length >= rows || text >= characters) {
				yield slice;
				slice = [];
				text = 0;
			}
		}
	}
	if (slice.length > 0) yield slice;
}

function bulkRow(m: MessageRow): BulkRow {
	return [m.sessionId, m.sentAt, m.role, m.agentId, m.team, m.leadHash, m.phoneHash, m.text];
}
