import { randomUUID } from 'node:crypto';

import type { Store } from '../store';
import { AlertError } from './AlertError';
import { ALERT_KIND_LABELS, type AlertKind, type AlertPayload } from './leadAlerts';

export interface AlertLine extends AlertPayload {
	alertId: number;
	kind: AlertKind;
	kindLabel: string;
}

/** Where an alert goes: the owner's e-mail, or a 企业微信 / DingTalk group robot. */
export const ALERT_CHANNELS = ['email', 'robot'] as const;
export type AlertChannel = (typeof ALERT_CHANNELS)[number];

/** One owner's unsent alerts, claimed for one sending execution (for one channel, when claimed by channel). */
export interface AlertBatch {
	recipient: string;
	/** Claimed by channel: the batch is for this channel only, its alerts those not yet delivered there. */
	channel?: AlertChannel;
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
	/**
	 * One batch per owner and channel, each with the alerts not yet delivered on it (an owner
	 * without e-mail gets no e-mail batch); mark each with its channel. Without: one batch per
	 * owner, marked sent as a whole.
	 */
	channels?: readonly AlertChannel[];
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
	const channels = options.channels?.length ? ALERT_CHANNELS.filter((channel) => options.channels?.includes(channel)) : null;
	if (options.channels?.some((channel) => !ALERT_CHANNELS.includes(channel))) {
		throw new AlertError('channels', `未知的提醒渠道 ${JSON.stringify(options.channels)} (channels are ${ALERT_CHANNELS.join(', ')})`);
	}
	// By channel, each alert goes to the claim's channels the owner can be reached on (no
	// e-mail address: no e-mail) and is claimed only while one of them has not had it.
	const result = await store.query<{
		alert_id: string;
		kind: AlertKind;
		recipient: string;
		payload: AlertPayload;
		channels: AlertChannel[] | null;
		delivered_channels: AlertChannel[];
		email: string | null;
		display_name: string | null;
	}>(
		`WITH candidates AS (
			SELECT a.alert_id, a.recipient,
				CASE WHEN $5::text[] IS NULL THEN a.channels WHEN o.email IS NULL THEN array_remove($5::text[], 'email') ELSE $5::text[] END AS channels,
				a.delivered_channels
			FROM lead_alerts a LEFT JOIN owner_settings o ON o.username = a.recipient
			WHERE a.sent_at IS NULL AND (a.claimed_until IS NULL OR a.claimed_until < $2::timestamptz)
		 ), ranked AS (
			SELECT alert_id, channels, row_number() OVER (PARTITION BY recipient ORDER BY alert_id) AS n
			FROM candidates
			WHERE $5::text[] IS NULL OR EXISTS (SELECT 1 FROM unnest(channels) AS c (channel) WHERE c.channel <> ALL (delivered_channels))
		 ), claimed AS (
			UPDATE lead_alerts a SET claimed_by = $1, claimed_until = $3::timestamptz, channels = r.channels
			FROM ranked r WHERE a.alert_id = r.alert_id AND r.n <= $4
			AND a.sent_at IS NULL AND (a.claimed_until IS NULL OR a.claimed_until < $2::timestamptz)
			RETURNING a.alert_id, a.kind, a.recipient, a.payload, a.channels, a.delivered_channels
		 )
		 SELECT c.alert_id, c.kind, c.recipient, c.payload, c.channels, c.delivered_channels, o.email, s.display_name
		 FROM claimed c LEFT JOIN owner_settings o ON o.username = c.recipient LEFT JOIN staff_accounts s ON s.username = c.recipient
		 ORDER BY c.recipient, c.alert_id`,
		[token, now.toISOString(), until.toISOString(), options.perRecipient ?? 50, channels],
	);
	const batches = new Map<string, AlertBatch>();
	for (const row of result.rows) {
		const line: AlertLine = { ...row.payload, alertId: Number(row.alert_id), kind: row.kind, kindLabel: ALERT_KIND_LABELS[row.kind].zh };
		const pending = channels ? channels.filter((channel) => row.channels?.includes(channel) && !row.delivered_channels.includes(channel)) : [undefined];
		for (const channel of pending) {
			const key = `${row.recipient}\u0000${channel ?? ''}`;
			let batch = batches.get(key);
			if (!batch) {
				batch = { recipient: row.recipient, ...(channel ? { channel } : {}), email: row.email, displayName: row.display_name ?? row.recipient, claimToken: token, alertIds: [], subject: '', text: '', markdown: '', alerts: [] };
				batches.set(key, batch);
			}
			batch.alertIds.push(line.alertId);
			batch.alerts.push(line);
		}
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

export interface MarkAlertsOptions {
	/** The batch's channel (claimed by channel): the alerts are sent once every channel of theirs has had them. */
	channel?: AlertChannel;
	now?: Date;
}

/**
 * Marks the claimed alerts sent (or, with a channel, delivered there); only those this token
 * still holds and that were not marked already. Returns how many.
 */
export async function markAlertsSent(store: Store, claimToken: string, alertIds: readonly number[], options: MarkAlertsOptions = {}): Promise<number> {
	const now = (options.now ?? new Date()).toISOString();
	if (!options.channel) {
		const result = await store.query(
			`UPDATE lead_alerts SET sent_at = $3::timestamptz WHERE claimed_by = $1 AND alert_id = ANY($2::bigint[]) AND sent_at IS NULL`,
			[claimToken, alertIds, now],
		);
		return result.rowCount;
	}
	if (!ALERT_CHANNELS.includes(options.channel)) throw new AlertError('channel', `未知的提醒渠道 "${options.channel}" (channels are ${ALERT_CHANNELS.join(', ')})`);
	const result = await store.query(
		`UPDATE lead_alerts SET delivered_channels = array_append(delivered_channels, $4::text),
			sent_at = CASE WHEN channels <@ array_append(delivered_channels, $4::text) THEN $3::timestamptz END
		 WHERE claimed_by = $1 AND alert_id = ANY($2::bigint[]) AND sent_at IS NULL AND $4::text = ANY (channels) AND NOT ($4::text = ANY (delivered_channels))`,
		[claimToken, alertIds, now, options.channel],
	);
	return result.rowCount;
}
