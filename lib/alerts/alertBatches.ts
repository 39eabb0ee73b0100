import { randomUUID } from 'node:crypto';

import type { Store } from '../store';
import { ALERT_KIND_LABELS, type AlertKind, type AlertPayload } from './leadAlerts';

export interface AlertLine extends AlertPayload {
	alertId: number;
	kind: AlertKind;
	kindLabel: string;
}

/** One owner's unsent alerts, claimed for one sending execution. */
export interface AlertBatch {
	recipient: string;
	/** From owner_settings; null: the owner has no e-mail (the robot message still names them). */
	email: string | null;
	displayName: string;
	claimToken: string;
	alertIds: number[];
	subject: string;
	/** Plain text, one line per alert, masked. */
	text: string;
	/** Markdown for a 企业微信 / DingTalk group robot. */
	markdown: string;
	alerts: AlertLine[];
}

export interface ClaimAlertOptions {
	/** How long the claim holds before another execution may take the alerts (default 10 minutes). */
	leaseSeconds?: number;
	/** At most this many alerts per owner in one batch (default 50). */
	perRecipient?: number;
	now?: Date;
}

/**
 * Claims every unsent alert (not claimed by a live lease), batched per owner. The alerts
 * stay unsent until `markAlertsSent` with the same token: a failed send is retried by the
 * next run after the lease, and a sent alert is never claimed again.
 */
export async function claimAlertBatches(store: Store, options: ClaimAlertOptions = {}): Promise<AlertBatch[]> {
	const token = randomUUID();
	const now = options.now ?? new Date();
	const until = new Date(now.getTime() + (options.leaseSeconds ?? 600) * 1000);
	const result = await store.query<{
		alert_id: string;
		kind: AlertKind;
		recipient: string;
		payload: AlertPayload;
		email: string | null;
		display_name: string | null;
	}>(
		`WITH ranked AS (
			SELECT alert_id, row_number() OVER (PARTITION BY recipient ORDER BY alert_id) AS n
			FROM lead_alerts WHERE sent_at IS NULL AND (claimed_until IS NULL OR claimed_until < $2::timestamptz)
		 ), claimed AS (
			UPDATE lead_alerts a SET claimed_by = $1, claimed_until = $3::timestamptz
			FROM ranked r WHERE a.alert_id = r.alert_id AND r.n <= $4
			AND a.sent_at IS NULL AND (a.claimed_until IS NULL OR a.claimed_until < $2::timestamptz)
			RETURNING a.alert_id, a.kind, a.recipient, a.payload
		 )
		 SELECT c.alert_id, c.kind, c.recipient, c.payload, o.email, s.display_name
		 FROM claimed c LEFT JOIN owner_settings o ON o.username = c.recipient LEFT JOIN staff_accounts s ON s.username = c.recipient
		 ORDER BY c.recipient, c.alert_id`,
		[token, now.toISOString(), until.toISOString(), options.perRecipient ?? 50],
	);
	const batches = new Map<string, AlertBatch>();
	for (const row of result.rows) {
		let batch = batches.get(row.recipient);
		if (!batch) {
			batch = { recipient: row.recipient, email: row.email, displayName: row.display_name ?? row.recipient, claimToken: token, alertIds: [], subject: '', text: '', markdown: '', alerts: [] };
			batches.set(row.recipient, batch);
		}
		batch.alertIds.push(Number(row.alert_id));
		batch.alerts.push({ ...row.payload, alertId: Number(row.alert_id), kind: row.kind, kindLabel: ALERT_KIND_LABELS[row.kind].zh });
	}
	return [...batches.values()].map(withMessages);
}

function withMessages(batch: AlertBatch): AlertBatch {
	const line = (a: AlertLine) =>
		`【${a.kindLabel}】${a.leadId} ${a.name ?? ''} ${a.phone ?? ''} 等级 ${a.grade ?? '—'} 评分 ${a.score ?? '—'}：${a.reason}`.replace(/\s+/g, ' ');
	const subject = `线索提醒：${batch.alerts.length} 条 (${batch.alerts.length} lead alerts)`;
	return {
		...batch,
		subject,
		text: `${batch.displayName}，您好：\n\n${batch.alerts.map(line).join('\n')}\n`,
		markdown: `### ${subject}\n**${batch.displayName}**\n${batch.alerts.map((a) => `> ${line(a)}`).join('\n')}`,
	};
}

/** Marks the claimed alerts sent; only those this token still holds. Returns how many. */
export async function markAlertsSent(store: Store, claimToken: string, alertIds: readonly number[], now = new Date()): Promise<number> {
	const result = await store.query(
		`UPDATE lead_alerts SET sent_at = $3::timestamptz WHERE claimed_by = $1 AND alert_id = ANY($2::bigint[]) AND sent_at IS NULL`,
		[claimToken, alertIds, now.toISOString()],
	);
	return result.rowCount;
}
