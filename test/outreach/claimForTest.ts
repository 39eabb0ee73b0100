import { pushKey, type Channel } from '../../lib/ledger';
import type { Store } from '../../lib/store';

/** What a worker that died mid-send leaves behind: reserved rows claimed under its token. */
export async function claimPushesForTest(store: Store, hits: ReadonlyArray<{ hitId: number; leadId: string }>, channel: Channel, token: string, leaseMs: number): Promise<void> {
	for (const hit of hits) {
		await store.query(
			`INSERT INTO push_ledger (idempotency_key, hit_id, lead_id, channel, state, detail)
			 VALUES ($1, $2, $3, $4, 'reserved', jsonb_build_object('claimToken', $5::text, 'claimedUntil', now() + make_interval(secs => $6::float8 / 1000)))`,
			[pushKey(store.schema, hit.hitId, channel), hit.hitId, hit.leadId, channel, token, leaseMs],
		);
	}
}
