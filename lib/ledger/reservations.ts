import type { Queryable } from '../store';
import type { Channel } from './channels';

/** A push to reserve before anything is sent; a key reserved already is left as it is. */
export interface Reservation {
	key: string;
	hitId: number | null;
	leadId: string | null;
	channel: Channel;
	/** What to keep with it: the gate's policy and level, a dry run's template. */
	detail?: Record<string, unknown>;
}

export interface ReservationOptions {
	/** 'dry_run': audited only, never counted nor sent. Default: 'reserved'. */
	state?: 'reserved' | 'dry_run';
	/** When the push was decided (epoch ms); default: the database's now(). */
	decidedAt?: number;
}

/**
 * Reserves pushes in one statement, ON CONFLICT DO NOTHING: the gate reserves what it lets
 * go, a send reserves again (a no-op where the gate did), a dry run records itself under
 * keys of its own.
 */
export async function reservePushes(db: Queryable, reservations: readonly Reservation[], options: ReservationOptions = {}): Promise<void> {
	if (reservations.length === 0) return;
	await db.query(
		`INSERT INTO push_ledger (idempotency_key, hit_id, lead_id, channel, state, decided_at, detail)
		 SELECT k, h, l, c, $5::text, coalesce($6::timestamptz, now()), coalesce(d, '{}'::jsonb)
		 FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $7::jsonb[]) AS n(k, h, l, c, d)
		 ON CONFLICT (idempotency_key) DO NOTHING`,
		[
			reservations.map((r) => r.key),
			reservations.map((r) => r.hitId),
			reservations.map((r) => r.leadId),
			reservations.map((r) => r.channel),
			options.state ?? 'reserved',
			options.decidedAt === undefined ? null : new Date(options.decidedAt).toISOString(),
			reservations.map((r) => (r.detail ? JSON.stringify(r.detail) : null)),
		],
	);
}

/** Reserves again, decided now, pushes reserved by an earlier run (not sent, or failed and retryable). */
export async function reofferPushes(db: Queryable, keys: readonly string[], decidedAt: number, detail: Record<string, unknown>): Promise<void> {
	if (keys.length === 0) return;
	await db.query(
		`UPDATE push_ledger SET state = 'reserved', decided_at = $2::timestamptz, updated_at = now(),
			detail = detail || $3::jsonb || jsonb_build_object('reofferedAt', $2::text)
		 WHERE idempotency_key = ANY($1::text[]) AND state IN ('reserved', 'failed')`,
		[[...keys], new Date(decidedAt).toISOString(), JSON.stringify(detail)],
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
