import { EncodedRows, type BulkRow, type Queryable } from '../../store';
import type { MessageRow } from '../read/messageRow';

const STAGE = 'quality_message_stage';
const COLUMNS = ['session_id', 'sent_ms', 'role', 'agent_id', 'team', 'lead_hash', 'phone_hash', 'body'];

/** Messages staged and inserted at a time: the next slice is read and checked while the database inserts this one. */
const SLICE_ROWS = 20_000;
/** Slices read, checked and encoded ahead of the one being loaded (each about 3 MB). */
const SLICES_AHEAD = 2;
/** And at most this many characters of text in a slice (texts may be 20 000 characters long). */
const SLICE_CHARACTERS = 2_000_000;

/**
 * Loads a file's messages in the caller's transaction, a slice at a time: COPY into a temporary
 * stage, then one INSERT that also marks every session it added to as needing a new score; the
 * next slice is read, checked and hashed meanwhile. A message already stored, or twice in the
 * file, is a duplicate: the INSERT is first tried without conflict handling (most files hold no
 * duplicate, and the plain insert costs the database about a third less), and when the key says
 * a message is there already it is rolled back to its savepoint and run again with ON CONFLICT DO
 * NOTHING. The message key (MD5 of role, time, agent and text) and the timestamp are computed by
 * the database, on the other core. Returns how many rows were staged and how many were new.
 */
export async function storeMessages(tx: Queryable, batchId: number, rows: AsyncIterable<MessageRow[]>): Promise<{ staged: number; accepted: number }> {
	await tx.exec(
		`CREATE TEMP TABLE ${STAGE} (session_id text, sent_ms bigint, role text, agent_id text, team text, lead_hash text, phone_hash text, body text) ON COMMIT DROP`,
	);
	const slices = readAhead(encoded(slicesOf(rows, SLICE_ROWS, SLICE_CHARACTERS)), SLICES_AHEAD)[Symbol.asyncIterator]();
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
			staged += await tx.bulkLoad({ table: STAGE, columns: COLUMNS }, slice.value);
			accepted += await insertStaged(tx, batchId);
			await tx.exec(`TRUNCATE ${STAGE}`);
		}
	} finally {
		// Closes the file when the load stopped early (a database error).
		slices.return?.(undefined).catch(() => undefined);
	}
	return { staged, accepted };
}

/** Inserts the staged slice: plainly, or with ON CONFLICT DO NOTHING when a message of it is there already. */
async function insertStaged(tx: Queryable, batchId: number): Promise<number> {
	await tx.query('SAVEPOINT quality_messages_insert');
	try {
		const accepted = await insertFromStage(tx, batchId, '');
		await tx.query('RELEASE SAVEPOINT quality_messages_insert');
		return accepted;
	} catch (error) {
		await tx.query('ROLLBACK TO SAVEPOINT quality_messages_insert');
		if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
	}
	return insertFromStage(tx, batchId, 'ON CONFLICT DO NOTHING');
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

/** Each slice in COPY text, encoded while the database loads the slices before. */
async function* encoded(slices: AsyncIterable<MessageRow[]>): AsyncIterable<EncodedRows> {
	for await (const slice of slices) yield await EncodedRows.encode(slice.map(bulkRow));
}

/**
 * Pulls up to `ahead` items from `source` before they are asked for: the file is read and checked
 * while the database copies and inserts, not only between one slice's COPY and its INSERT.
 */
async function* readAhead<T>(source: AsyncIterable<T>, ahead: number): AsyncIterable<T> {
	const iterator = source[Symbol.asyncIterator]();
	const queue: Array<Promise<IteratorResult<T>>> = [];
	try {
		for (;;) {
			while (queue.length < ahead) {
				const item = iterator.next();
				item.catch(() => undefined);
				queue.push(item);
			}
			const next = await queue.shift()!;
			if (next.done) return;
			yield next.value;
		}
	} finally {
		await iterator.return?.(undefined);
	}
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
