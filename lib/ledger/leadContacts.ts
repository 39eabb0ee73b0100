import type { Queryable } from '../store';
import type { Channel } from './channels';
import type { LedgerState } from './ledgerStates';

/** One push to a lead as the lead's contact history shows it (no phone: the ledger holds none). */
export interface LeadContact {
	pushId: number;
	hitId: number | null;
	channel: Channel;
	state: LedgerState;
	lastEvent: string | null;
	decidedAt: string;
	sentAt: string | null;
}

/** A lead's pushes, newest first (at most `limit`). */
export async function leadContacts(db: Queryable, leadId: string, limit = 100): Promise<LeadContact[]> {
	const result = await db.query<{ push_id: string; hit_id: string | null; channel: Channel; state: LedgerState; last_event: string | null; decided_at: Date; sent_at: Date | null }>(
		`SELECT push_id, hit_id, channel, state, detail ->> 'lastEvent' AS last_event, decided_at, sent_at
		 FROM push_ledger WHERE lead_id = $1 ORDER BY decided_at DESC, push_id DESC LIMIT $2`,
		[leadId, limit],
	);
	return result.rows.map((row) => ({
		pushId: Number(row.push_id),
		hitId: row.hit_id === null ? null : Number(row.hit_id),
		channel: row.channel,
		state: row.state,
		lastEvent: row.last_event,
		decidedAt: new Date(row.decided_at).toISOString(),
		sentAt: row.sent_at ? new Date(row.sent_at).toISOString() : null,
	}));
}
