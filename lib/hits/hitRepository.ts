import type { Queryable } from '../store';
import { HIT_COLUMNS, toPublicHit, type HitRow, type PublicHit } from './Hit';
import { PUSH_GRADE_SQL } from './pushGrade';
import { HIT_STATUS_LABELS, parseHitStatus, type HitStatus } from './hitStatus';
import { DomainError } from '../errors';

export interface HitFilters {
	status?: HitStatus;
	/** The grade the hit is pushed by (pushGrade.ts), as hits show it. */
	grade?: string;
	ruleId?: string;
	source?: string;
	/** Inclusive YYYY-MM-DD bounds on the hit date. */
	dateFrom?: string;
	dateTo?: string;
	/** Part of the lead id or the rule label. */
	search?: string;
	/**
	 * A push tier's selection (lib/push's tierHits): the grade is one of `grades`, the rule one
	 * of `rules` and none of `exceptRules`. An empty or missing list does not narrow. The grade
	 * is the one the hit is pushed by (pushGrade.ts).
	 */
	grades?: readonly string[];
	rules?: readonly string[];
	exceptRules?: readonly string[];
}

export interface HitPage {
	limit: number;
	offset?: number;
}

/** Builds the WHERE clause for hit filters, every value a parameter. */
export function hitWhere(filters: HitFilters, params: unknown[]): string {
	const where: string[] = [];
	const add = (condition: (placeholder: string) => string, value: unknown) => {
		params.push(value);
		where.push(condition(`$${params.length}`));
	};
	if (filters.status) add((p) => `h.status = ${p}`, filters.status);
	if (filters.grade) add((p) => `${PUSH_GRADE_SQL} = ${p}`, filters.grade);
	if (filters.ruleId) add((p) => `h.rule_id = ${p}`, filters.ruleId);
	if (filters.source) add((p) => `h.source = ${p}`, filters.source);
	if (filters.dateFrom) add((p) => `h.hit_date >= ${p}::date`, filters.dateFrom);
	if (filters.dateTo) add((p) => `h.hit_date <= ${p}::date`, filters.dateTo);
	if (filters.search) {
		add((p) => `(h.lead_id ILIKE ${p} OR h.label ILIKE ${p})`, `%${filters.search.replace(/[\\%_]/g, '\\$&')}%`);
	}
	if (filters.grades?.length) {
		add((p) => `${PUSH_GRADE_SQL} = ANY(${p}::text[])`, [...filters.grades]);
	}
	if (filters.rules?.length) add((p) => `h.rule_id = ANY(${p}::text[])`, [...filters.rules]);
	if (filters.exceptRules?.length) add((p) => `h.rule_id <> ALL(${p}::text[])`, [...filters.exceptRules]);
	return where.length ? `WHERE ${where.join(' AND ')}` : '';
}

/** Hits, newest first, with the lead's masked name and phone. */
export async function listHits(db: Queryable, filters: HitFilters, page: HitPage): Promise<PublicHit[]> {
	const params: unknown[] = [];
	const where = hitWhere(filters, params);
	params.push(Math.max(0, Math.floor(page.limit)), Math.max(0, Math.floor(page.offset ?? 0)));
	const result = await db.query<HitRow>(
		`SELECT ${HIT_COLUMNS} FROM hits h JOIN leads l ON l.lead_id = h.lead_id
		 ${where}
		 ORDER BY h.created_at DESC, h.hit_id DESC
		 LIMIT $${params.length - 1} OFFSET $${params.length}`,
		params,
	);
	return result.rows.map(toPublicHit);
}

/** One hit with the lead's masked name and phone, or notFound. */
export async function getHit(db: Queryable, hitId: number): Promise<PublicHit> {
	const result = await db.query<HitRow>(`SELECT ${HIT_COLUMNS} FROM hits h JOIN leads l ON l.lead_id = h.lead_id WHERE h.hit_id = $1`, [hitId]);
	const row = result.rows[0];
	if (!row) throw new HitError(`Hit ${hitId} not found`, 'hitId', 'notFound');
	return toPublicHit(row);
}

export async function countHits(db: Queryable, filters: HitFilters): Promise<number> {
	const params: unknown[] = [];
	const result = await db.query<{ n: string }>(
		`SELECT count(*) AS n FROM hits h ${hitWhere(filters, params)}`,
		params,
	);
	return Number(result.rows[0]?.n ?? 0);
}

export class HitError extends DomainError {
	constructor(message: string, field: string, code: 'invalid' | 'notFound' = 'invalid') {
		super(code, message, field);
	}
}

/** A status given as code or Chinese label, or a HitError naming the field. */
export function checkedHitStatus(status: string): HitStatus {
	const parsed = parseHitStatus(status);
	if (!parsed) {
		const known = Object.entries(HIT_STATUS_LABELS).map(([code, label]) => `${code} (${label.zh})`);
		throw new HitError(`Status "${status}" is not one of ${known.join(', ')}`, 'status');
	}
	return parsed;
}

/**
 * A person's status change records who converted a hit: a move to converted keeps an
 * imported source and is otherwise staff's; a move away from converted clears it.
 */
const STAFF_CONVERTED_SOURCE = (status: string, current: string) =>
	`CASE WHEN ${status} = 'converted' THEN coalesce(${current}, 'staff') END`;

/** Moves one hit to a new status (code or Chinese label). */
export async function updateHitStatus(db: Queryable, hitId: number, status: string): Promise<PublicHit> {
	const parsed = checkedHitStatus(status);
	const result = await db.query<HitRow>(
		`WITH updated AS (
			UPDATE hits SET status = $2, updated_at = now(), converted_source = ${STAFF_CONVERTED_SOURCE('$2', 'converted_source')}
			WHERE hit_id = $1 RETURNING *
		)
		SELECT ${HIT_COLUMNS} FROM updated h JOIN leads l ON l.lead_id = h.lead_id`,
		[hitId, parsed],
	);
	const row = result.rows[0];
	if (!row) throw new HitError(`Hit ${hitId} not found`, 'hitId', 'notFound');
	return toPublicHit(row);
}

/**
 * Moves many hits at once (one statement): the push workflows' last step and the board's
 * batch actions. Returns each updated hit by id; ids that do not exist are missing from it.
 */
export async function updateHitStatuses(
	db: Queryable,
	changes: ReadonlyArray<{ hitId: number; status: HitStatus }>,
): Promise<Map<number, PublicHit>> {
	if (changes.length === 0) return new Map();
	const result = await db.query<HitRow>(
		`WITH changes AS (
			SELECT * FROM unnest($1::bigint[], $2::text[]) AS c(hit_id, status)
		), updated AS (
			UPDATE hits h SET status = c.status, updated_at = now(), converted_source = ${STAFF_CONVERTED_SOURCE('c.status', 'h.converted_source')}
			FROM changes c WHERE h.hit_id = c.hit_id RETURNING h.*
		)
		SELECT ${HIT_COLUMNS} FROM updated h JOIN leads l ON l.lead_id = h.lead_id`,
		[changes.map((c) => c.hitId), changes.map((c) => c.status)],
	);
	return new Map(result.rows.map((row) => [Number(row.hit_id), toPublicHit(row)]));
}

/** A hit to move to `to`, only if it is in one of `from` now. */
export interface HitStatusMove {
	hitId: number;
	to: HitStatus;
	from: readonly HitStatus[];
}

/** Moves the hits whose status is still one of `from` (one statement); the others keep theirs. */
export async function moveHitStatuses(db: Queryable, moves: readonly HitStatusMove[]): Promise<void> {
	if (moves.length === 0) return;
	await db.query(
		`UPDATE hits h SET status = m.status_to, updated_at = now()
		 FROM unnest($1::bigint[], $2::text[], $3::text[]) AS m(hit_id, status_to, status_from)
		 WHERE h.hit_id = m.hit_id AND h.status = ANY(string_to_array(m.status_from, ','))`,
		[moves.map((m) => m.hitId), moves.map((m) => m.to), moves.map((m) => m.from.join(','))],
	);
}

/** The status of each of these hits; ids that do not exist are missing from it. */
export async function hitStatuses(db: Queryable, hitIds: readonly number[]): Promise<Map<number, HitStatus>> {
	if (hitIds.length === 0) return new Map();
	const result = await db.query<{ hit_id: string | number; status: HitStatus }>('SELECT hit_id, status FROM hits WHERE hit_id = ANY($1::bigint[])', [
		[...new Set(hitIds)],
	]);
	return new Map(result.rows.map((row) => [Number(row.hit_id), row.status]));
}
