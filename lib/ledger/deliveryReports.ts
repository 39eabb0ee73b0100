import type { HitStatus } from '../hits';
import type { Queryable } from '../store';
import type { Channel } from './channels';
import type { LedgerState } from './ledgerStates';

/** The push a gateway report is about, with its hit's status and its lead's phone hash. */
export interface ReportedPush {
	idempotency_key: string;
	gateway_message_id: string | null;
	channel: Channel;
	state: LedgerState;
	hit_id: string | number | null;
	lead_id: string | null;
	phone_hash: string | null;
	hit_status: HitStatus | null;
}

/**
 * Finds the push a report names, by its idempotency key or else the gateway's message id,
 * and locks its row until the transaction ends, so two reports of one push apply in turn.
 */
export async function lockReportedPush(
	tx: Queryable,
	reference: { idempotencyKey?: string; messageId?: string },
): Promise<ReportedPush | undefined> {
	const found = await tx.query<ReportedPush>(
		`SELECT p.idempotency_key, p.gateway_message_id, p.channel, p.state, p.hit_id, p.lead_id, l.phone_hash, h.status AS hit_status
		 FROM push_ledger p
		 LEFT JOIN hits h ON h.hit_id = p.hit_id
		 LEFT JOIN leads l ON l.lead_id = p.lead_id
		 WHERE ($1::text IS NOT NULL AND p.idempotency_key = $1) OR ($2::text IS NOT NULL AND p.gateway_message_id = $2)
		 ORDER BY (p.idempotency_key = $1) DESC NULLS LAST LIMIT 1
		 FOR UPDATE OF p`,
		[reference.idempotencyKey ?? null, reference.messageId ?? null],
	);
	return found.rows[0];
}

/** Records a gateway report on the push: its delivery state now, and the event last reported and when. */
export async function recordDeliveryReport(
	tx: Queryable,
	report: { key: string; state: LedgerState; event: string; occurredAt: string },
): Promise<void> {
	await tx.query(
		`UPDATE push_ledger SET state = $2,
			detail = detail || jsonb_build_object('lastEvent', $3::text, 'lastEventAt', $4::text), updated_at = now()
		 WHERE idempotency_key = $1`,
		[report.key, report.state, report.event, report.occurredAt],
	);
}
