import type { Queryable } from '../store';

export const ALERT_KINDS = ['gradeA', 'assigned', 'ownerChanged'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const ALERT_KIND_LABELS: Readonly<Record<AlertKind, { zh: string; en: string }>> = {
	gradeA: { zh: '新增 A 级线索', en: 'New grade-A lead' },
	assigned: { zh: '新分配线索', en: 'Lead assigned to you' },
	ownerChanged: { zh: '线索已转交他人', en: 'Lead moved to another owner' },
};

/** What an alert says, masked: it leaves the bank by e-mail or a group robot. */
export interface AlertPayload {
	leadId: string;
	/** Masked (张*). */
	name: string | null;
	/** Masked (138****8899). */
	phone: string | null;
	grade: string | null;
	score: number | null;
	reason: string;
}

export interface NewAlert {
	/** One alert per key, ever: `gradeA:<lead>:<day>`, `assigned:<change id>` … */
	key: string;
	kind: AlertKind;
	recipient: string;
	leadId: string;
	payload: AlertPayload;
}

/** Adds alerts; one whose key exists already is not added again. Returns how many were new. */
export async function addAlerts(db: Queryable, alerts: readonly NewAlert[]): Promise<number> {
	if (alerts.length === 0) return 0;
	const result = await db.query(
		`INSERT INTO lead_alerts (alert_key, kind, recipient, lead_id, payload)
		 SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[])
		 ON CONFLICT (alert_key) DO NOTHING`,
		[alerts.map((a) => a.key), alerts.map((a) => a.kind), alerts.map((a) => a.recipient), alerts.map((a) => a.leadId), alerts.map((a) => JSON.stringify(a.payload))],
	);
	return result.rowCount;
}
