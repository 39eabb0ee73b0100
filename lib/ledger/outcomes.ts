import { moveHitStatuses, type HitStatus } from '../hits';
import type { Queryable } from '../store';

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
