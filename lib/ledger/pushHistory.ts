import type { Queryable } from '../store';
import type { Channel } from './channels';
import { COUNTED_STATES } from './ledgerStates';

/** How far back the ledger matters: the longest cap period (a month) and interval (a week) fit. */
const HISTORY_DAYS = 32;

/** One counted push to a lead: its channel, when it was sent (or decided, if not sent yet, epoch ms) and its key. */
export interface KeyedPush {
	channel: Channel;
	at: number;
	key: string;
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
