import type { Queryable } from '../store';

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

/** Gives up claims without sending (the gateway refused our signature, or the lead opted out meanwhile). */
export async function releaseClaims(db: Queryable, token: string, keys: readonly string[], detail: Record<string, unknown>): Promise<void> {
	if (keys.length === 0) return;
	await db.query(
		`UPDATE push_ledger SET state = 'failed', detail = (detail - 'claimToken' - 'claimedUntil') || $3::jsonb, updated_at = now()
		 WHERE idempotency_key = ANY($1::text[]) AND detail->>'claimToken' = $2`,
		[[...keys], token, JSON.stringify(detail)],
	);
}
