import { moveHitStatuses, type HitStatus } from '../hits';
import type { LedgerState } from '../push/pushKey';
import type { Queryable } from '../store';
import type { Channel } from '../push/policy/ContactPolicy';

/** A push to reserve before anything is sent: the gate may have done it already, then this is a no-op. */
export interface Reservation {
	key: string;
	hitId: number | null;
	leadId: string | null;
	channel: Channel;
}

export async function reservePushes(db: Queryable, reservations: readonly Reservation[]): Promise<void> {
	if (reservations.length === 0) return;
	await db.query(
		`INSERT INTO push_ledger (idempotency_key, hit_id, lead_id, channel, state)
		 SELECT k, h, l, c, 'reserved' FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[]) AS n(k, h, l, c)
		 ON CONFLICT (idempotency_key) DO NOTHING`,
		[reservations.map((r) => r.key), reservations.map((r) => r.hitId), reservations.map((r) => r.leadId), reservations.map((r) => r.channel)],
	);
}

/**
 * Claims the pushes this execution will send: a reserved row (or one that failed and may be
 * retried) whose lease is free. The lease lives in `detail` (claimToken, claimedUntil, by
 * the database's clock); a worker that dies mid-send leaves a lease that simply runs out,
 * and a later retry claims the row again and sends under the same key.
 */
export async function claimPushes(db: Queryable, keys: readonly string[], token: string, leaseMs: number): Promise<Set<string>> {
	if (keys.length === 0) return new Set();
	const result = await db.query<{ idempotency_key: string }>(
		`UPDATE push_ledger
		 SET detail = detail || jsonb_build_object('claimToken', $2::text, 'claimedUntil', now() + make_interval(secs => $3::float8 / 1000)),
		     updated_at = now()
		 WHERE idempotency_key = ANY($1::text[])
		   AND (state = 'reserved' OR (state = 'failed' AND detail->>'retryable' = 'true'))
		   AND (detail->>'claimedUntil' IS NULL OR (detail->>'claimedUntil')::timestamptz < now())
		 RETURNING idempotency_key`,
		[[...keys], token, leaseMs],
	);
	return new Set(result.rows.map((row) => row.idempotency_key));
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

/** The outcome of one claimed push, to be written back. */
export interface RecordedOutcome {
	key: string;
	state: 'sent' | 'failed';
	messageId: string | null;
	attempts: number;
	detail: Record<string, unknown>;
	hitId: number | null;
	/** Move the hit to this status if it is in one of `from`. */
	hitStatus?: { to: HitStatus; from: HitStatus[] };
}

/**
 * Writes the outcomes and the hits' new statuses in one transaction. Only rows this
 * execution still holds the claim on are written (a lease taken over after it ran out
 * belongs to the other execution now).
 */
export async function recordOutcomes(tx: Queryable, token: string, outcomes: readonly RecordedOutcome[]): Promise<void> {
	if (outcomes.length === 0) return;
	await tx.query(
		`UPDATE push_ledger p
		 SET state = o.state,
		     gateway_message_id = coalesce(o.message_id, p.gateway_message_id),
		     attempts = p.attempts + o.attempts,
		     sent_at = CASE WHEN o.state = 'sent' THEN now() ELSE p.sent_at END,
		     detail = (p.detail - 'claimToken' - 'claimedUntil') || o.detail,
		     updated_at = now()
		 FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::jsonb[]) AS o(key, state, message_id, attempts, detail)
		 WHERE p.idempotency_key = o.key AND p.detail->>'claimToken' = $6`,
		[
			outcomes.map((o) => o.key),
			outcomes.map((o) => o.state),
			outcomes.map((o) => o.messageId),
			outcomes.map((o) => o.attempts),
			outcomes.map((o) => JSON.stringify(o.detail)),
			token,
		],
	);
	await moveHitStatuses(
		tx,
		outcomes.flatMap((o) => (o.hitId !== null && o.hitStatus ? [{ hitId: o.hitId, ...o.hitStatus }] : [])),
	);
}

/** Gives up claims without sending (the gateway refused our signature, or the lead opted out meanwhile). */
export async function releaseClaims(db: Queryable, token: string, keys: readonly string[], detail: Record<string, unknown>): Promise<void> {
	if (keys.length === 0) return;
	await db.query(
		`UPDATE push_ledger SET state = 'failed', detail = (detail - 'claimToken' - 'claimedUntil') || $3::jsonb, updated_at = now()
		 WHERE idempotency_key = ANY($1::text[]) AND detail->>'claimToken' = $2`,
		[[...keys], token, JSON.stringify(detail)],
	);
}

/** Withdraws unclaimed reservations that must not be sent (the lead opted out after the gate passed it), so they stop counting. */
export async function withdrawReservations(db: Queryable, keys: readonly string[], detail: Record<string, unknown>): Promise<void> {
	if (keys.length === 0) return;
	await db.query(
		`UPDATE push_ledger SET state = 'failed', detail = detail || $2::jsonb, updated_at = now()
		 WHERE idempotency_key = ANY($1::text[]) AND state = 'reserved'
		   AND (detail->>'claimedUntil' IS NULL OR (detail->>'claimedUntil')::timestamptz < now())`,
		[[...keys], JSON.stringify(detail)],
	);
}
