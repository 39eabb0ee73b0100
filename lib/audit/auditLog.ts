import { DEFAULT_TIME_ZONE, isIsoDate } from '../calendar';
import { DomainError } from '../errors';
import type { Queryable } from '../store';
import type { AuditAction } from './auditActions';
import { maskAuditDetail } from './maskDetail';

/** Someone did something: who (a staff username, or `system`), what, to what, and the details. */
export interface AuditRecord {
	actor: string;
	action: AuditAction;
	/** What it was done to: a lead id, a username, `ruleSet v12`, … */
	subject?: string | null;
	/** Masked on the way in (maskAuditDetail). */
	detail?: Record<string, unknown>;
}

export interface AuditEntry {
	id: number;
	at: string;
	actor: string;
	action: string;
	subject: string | null;
	detail: Record<string, unknown>;
}

export interface AuditQuery {
	actor?: string;
	/** One action (`leads.update`), or a group ending in `.*` (`leads.*`). */
	action?: string;
	subject?: string;
	/** From and to: an instant (ISO), or a day (YYYY-MM-DD, in timeZone; `to` includes the whole day). */
	from?: string;
	to?: string;
	timeZone?: string;
	limit: number;
	offset?: number;
}

export class AuditQueryError extends DomainError {
	constructor(message: string, field: string) {
		super('invalid', message, field);
	}
}

/** Appends one entry. Call it in the transaction of the change it records, so neither is ever kept without the other. */
export async function recordAudit(db: Queryable, record: AuditRecord): Promise<void> {
	await db.query('INSERT INTO audit_log (actor, action, subject, detail) VALUES ($1, $2, $3, $4)', [
		record.actor,
		record.action,
		record.subject ?? null,
		JSON.stringify(maskAuditDetail(record.detail ?? {})),
	]);
}

/** Entries newest first, filtered, with the total for paging. */
export async function listAudit(db: Queryable, query: AuditQuery): Promise<{ total: number; rows: AuditEntry[] }> {
	const params: unknown[] = [];
	const where: string[] = [];
	const add = (condition: (p: string) => string, value: unknown) => {
		params.push(value);
		where.push(condition(`$${params.length}`));
	};
	if (query.actor) add((p) => `actor = ${p}`, query.actor);
	if (query.action?.endsWith('.*')) add((p) => `action LIKE ${p}`, `${query.action.slice(0, -1).replace(/[\\%_]/g, '\\$&')}%`);
	else if (query.action) add((p) => `action = ${p}`, query.action);
	if (query.subject) add((p) => `subject = ${p}`, query.subject);
	const bound = (field: 'from' | 'to', value: string) => {
		if (isIsoDate(value)) {
			// A day: from its start, to the start of the next, in the bank's time zone.
			params.push(value, query.timeZone ?? DEFAULT_TIME_ZONE);
			const start = `(($${params.length - 1}::date + ${field === 'to' ? 1 : 0})::timestamp AT TIME ZONE $${params.length})`;
			where.push(field === 'from' ? `at >= ${start}` : `at < ${start}`);
		} else if (Number.isNaN(Date.parse(value))) {
			throw new AuditQueryError(`“${value}”不是日期或时间 (not a date or time)`, field);
		} else {
			params.push(new Date(value));
			where.push(field === 'from' ? `at >= $${params.length}` : `at <= $${params.length}`);
		}
	};
	if (query.from) bound('from', query.from);
	if (query.to) bound('to', query.to);
	const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
	const total = await db.query<{ n: string }>(`SELECT count(*) AS n FROM audit_log ${whereSql}`, params);
	params.push(Math.max(0, Math.floor(query.limit)), Math.max(0, Math.floor(query.offset ?? 0)));
	const result = await db.query<{ id: string | number; at: Date; actor: string; action: string; subject: string | null; detail: Record<string, unknown> }>(
		`SELECT id, at, actor, action, subject, detail FROM audit_log ${whereSql}
		 ORDER BY at DESC, id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`,
		params,
	);
	return {
		total: Number(total.rows[0]?.n ?? 0),
		rows: result.rows.map((row) => ({
			id: Number(row.id),
			at: new Date(row.at).toISOString(),
			actor: row.actor,
			action: row.action,
			subject: row.subject,
			detail: row.detail ?? {},
		})),
	};
}
