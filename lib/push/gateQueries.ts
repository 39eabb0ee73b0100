import type { HitStatus } from '../hits';
import type { Queryable } from '../store';
import type { PushRecord } from './decide';
import type { Channel } from './policy/ContactPolicy';
import { COUNTED_STATES, type LedgerState } from './pushKey';
import type { GateHit, LedgerEntry } from './standingHold';

/** How far back the ledger matters: the longest cap period (a month) and interval (a week) fit. */
const HISTORY_DAYS = 32;

export interface KeyedPush extends PushRecord {
	key: string;
}

export interface LedgerEntryWithClaim extends LedgerEntry {
	/** Another execution holds a live claim on it: it is being sent right now. */
	claimed: boolean;
}

/** The columns a gate decision reads of a hit and its lead (`h` hits, `l` leads). */
export const GATE_HIT_COLUMNS = 'h.hit_id, h.lead_id, h.status, h.grade, l.phone_hash, l.phone_enc IS NOT NULL AS has_phone';

export interface GateHitRow {
	hit_id: string | number;
	lead_id: string;
	status: HitStatus;
	grade: string | null;
	phone_hash: string | null;
	has_phone: boolean;
}

export function gateHitFromRow(row: GateHitRow): GateHit {
	return {
		hitId: Number(row.hit_id),
		leadId: row.lead_id,
		status: row.status,
		grade: row.grade,
		phoneHash: row.phone_hash,
		hasPhone: row.has_phone,
	};
}

export async function loadGateHits(db: Queryable, hitIds: readonly number[]): Promise<Map<number, GateHit>> {
	const result = await db.query<GateHitRow>(
		`SELECT ${GATE_HIT_COLUMNS}
		 FROM hits h JOIN leads l ON l.lead_id = h.lead_id
		 WHERE h.hit_id = ANY($1::bigint[])`,
		[[...new Set(hitIds)]],
	);
	return new Map(result.rows.map((row) => [Number(row.hit_id), gateHitFromRow(row)]));
}

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

/** Each lead's counted pushes (reserved, sent, delivered, undelivered) of the last 32 days. */
export async function loadPushHistory(
	db: Queryable,
	leadIds: readonly string[],
	now: number,
): Promise<Map<string, KeyedPush[]>> {
	const history = new Map<string, KeyedPush[]>();
	if (leadIds.length === 0) return history;
	const result = await db.query<{ lead_id: string; channel: Channel; idempotency_key: string; at_ms: string | number }>(
		`SELECT lead_id, channel, idempotency_key, extract(epoch FROM coalesce(sent_at, decided_at)) * 1000 AS at_ms
		 FROM push_ledger
		 WHERE lead_id = ANY($1::text[]) AND state = ANY($2::text[])
		   AND coalesce(sent_at, decided_at) >= $3::timestamptz`,
		[[...new Set(leadIds)], [...COUNTED_STATES], new Date(now - HISTORY_DAYS * 86_400_000).toISOString()],
	);
	for (const row of result.rows) {
		let pushes = history.get(row.lead_id);
		if (!pushes) history.set(row.lead_id, (pushes = []));
		pushes.push({ channel: row.channel, at: Number(row.at_ms), key: row.idempotency_key });
	}
	return history;
}
