import type { Queryable } from '../store';
import type { LedgerState } from './ledgerStates';

/** A push's row as the gate weighs it. */
export interface LedgerEntry {
	state: LedgerState;
	detail: { retryable?: boolean; error?: string; code?: string } | null;
	/** When it was sent, or decided if not sent (epoch ms). */
	at: number;
}

export interface LedgerEntryWithClaim extends LedgerEntry {
	/** Another execution holds a live claim on it: it is being sent right now. */
	claimed: boolean;
}

/** The rows of these keys, each with whether a claim on it is live at `now`. */
export async function loadLedgerEntries(
	db: Queryable,
	keys: readonly string[],
	now: number,
): Promise<Map<string, LedgerEntryWithClaim>> {
	if (keys.length === 0) return new Map();
	const result = await db.query<{
		idempotency_key: string;
		state: LedgerState;
		detail: LedgerEntry['detail'];
		at_ms: string | number;
		claimed: boolean | null;
	}>(
		`SELECT idempotency_key, state, detail,
			extract(epoch FROM coalesce(sent_at, decided_at)) * 1000 AS at_ms,
			(detail->>'claimedUntil')::timestamptz > $2::timestamptz AS claimed
		 FROM push_ledger WHERE idempotency_key = ANY($1::text[])`,
		[[...new Set(keys)], new Date(now).toISOString()],
	);
	return new Map(
		result.rows.map((row) => [
			row.idempotency_key,
			{ state: row.state, detail: row.detail, at: Number(row.at_ms), claimed: Boolean(row.claimed) },
		]),
	);
}

export interface LedgerSnapshot {
	state: LedgerState;
	messageId: string | null;
	detail: { error?: string; code?: string; retryable?: boolean; claimedUntil?: string } | null;
}

/** Why a push could not be claimed: sent already, claimed by another execution, or refused for good. */
export async function ledgerSnapshots(db: Queryable, keys: readonly string[]): Promise<Map<string, LedgerSnapshot>> {
	if (keys.length === 0) return new Map();
	const result = await db.query<{ idempotency_key: string; state: LedgerState; gateway_message_id: string | null; detail: LedgerSnapshot['detail'] }>(
		'SELECT idempotency_key, state, gateway_message_id, detail FROM push_ledger WHERE idempotency_key = ANY($1::text[])',
		[[...keys]],
	);
	return new Map(result.rows.map((row) => [row.idempotency_key, { state: row.state, messageId: row.gateway_message_id, detail: row.detail }]));
}
