import type { PrivacyKeys } from '../privacy';
import type { Queryable } from '../store';
import { PUBLIC_LEAD_COLUMNS, toPublicLead, type LeadInput, type LeadRow, type PublicLead } from './Lead';
import { LeadError } from './LeadError';
import { allocateLeadIds } from './leadIds';
import { withPhoneFlags } from './leadFlags';
import { protectPersonalFields } from './protectLead';

const LEAD_ID = /^[A-Za-z0-9_-]{1,64}$/;

export async function createLead(db: Queryable, keys: PrivacyKeys, input: LeadInput): Promise<PublicLead> {
	if (input.leadId !== undefined && input.leadId !== '' && !LEAD_ID.test(input.leadId)) {
		throw new LeadError(`Lead id "${input.leadId}" may hold only letters, digits, "-" and "_" (at most 64)`, 'leadId');
	}
	const personal = protectPersonalFields(keys, input);
	const leadId = input.leadId || (await allocateLeadIds(db, 1))[0];
	const result = await db.query<LeadRow>(
		`INSERT INTO leads (lead_id, name, name_masked, phone_enc, phone_hash, phone_masked, id_hash, id_masked,
			email, wechat_id, company, industry, source_channel, owner, status, tags, attributes, flags)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8,
			$9, $10, $11, $12, $13, $14, COALESCE(NULLIF($15, ''), 'new'), $16, $17, $18)
		 ON CONFLICT (lead_id) DO NOTHING
		 RETURNING ${PUBLIC_LEAD_COLUMNS}`,
		[
			leadId,
			input.name ?? null,
			personal.name_masked,
			personal.phone_enc,
			personal.phone_hash,
			personal.phone_masked,
			personal.id_hash,
			personal.id_masked,
			input.email ?? null,
			input.wechatId ?? null,
			input.company ?? null,
			input.industry ?? null,
			input.sourceChannel ?? null,
			input.owner ?? null,
			input.status ?? '',
			input.tags ?? [],
			JSON.stringify(input.attributes ?? {}),
			personal.phone_flags,
		],
	);
	const row = result.rows[0];
	if (!row) throw new LeadError(`Lead ${leadId} already exists`, 'leadId', 'exists');
	return toPublicLead(row);
}

export async function getLead(db: Queryable, leadId: string): Promise<PublicLead> {
	const result = await db.query<LeadRow>(`SELECT ${PUBLIC_LEAD_COLUMNS} FROM leads WHERE lead_id = $1`, [leadId]);
	const row = result.rows[0];
	if (!row) throw new LeadError(`Lead ${leadId} not found`, 'leadId', 'notFound');
	return toPublicLead(row);
}

export async function deleteLead(db: Queryable, leadId: string): Promise<{ leadId: string; deleted: true }> {
	const result = await db.query('DELETE FROM leads WHERE lead_id = $1', [leadId]);
	if (result.rowCount === 0) throw new LeadError(`Lead ${leadId} not found`, 'leadId', 'notFound');
	return { leadId, deleted: true };
}

export const LEAD_SORTS = {
	newest: 'created_at DESC, lead_id DESC',
	oldest: 'created_at ASC, lead_id ASC',
	leadId: 'lead_id ASC',
	leadIdDesc: 'lead_id DESC',
	name: 'name ASC NULLS LAST, lead_id ASC',
	nameDesc: 'name DESC NULLS LAST, lead_id DESC',
} as const;

export interface LeadFilters {
	status?: string;
	sourceChannel?: string;
	owner?: string;
	/** Matches lead id or name, case-insensitively. */
	search?: string;
	/** Created at or after / before these instants (ISO). */
	createdFrom?: string;
	createdTo?: string;
	/** True: leads with a valid ID number (the rules can see them); false: those without. */
	monitorable?: boolean;
	/** True: leads with at least one flag (e.g. 疑似靓号); false: those with none. */
	flagged?: boolean;
}

export interface LeadListOptions extends LeadFilters {
	sort?: keyof typeof LEAD_SORTS;
	limit: number;
	offset?: number;
}

/** The WHERE clause for lead filters, every value a parameter. */
function leadWhere(filters: LeadFilters, params: unknown[]): string {
	const where: string[] = [];
	const add = (condition: (n: string) => string, value: unknown) => {
		params.push(value);
		where.push(condition(`$${params.length}`));
	};
	if (filters.status) add((p) => `status = ${p}`, filters.status);
	if (filters.sourceChannel) add((p) => `source_channel = ${p}`, filters.sourceChannel);
	if (filters.owner) add((p) => `owner = ${p}`, filters.owner);
	if (filters.search) {
		// Plain LIKE on names unless the search has Latin letters: ILIKE folds the case of every
		// Chinese name it reads, several times slower where no trigram index answers (migration
		// 012). Lead ids are searched in lower case, the expression their trigram index holds (021).
		const operator = /[A-Za-z]/.test(filters.search) ? 'ILIKE' : 'LIKE';
		add((p) => `(lower(lead_id) LIKE lower(${p}) OR name ${operator} ${p})`, `%${filters.search.replace(/[\\%_]/g, '\\$&')}%`);
		// Two characters are too few for a trigram: the pair narrows the leads first (migration 028).
		if ([...filters.search].length === 2) add((p) => `lead_search_bigrams(lead_id, name) @> ARRAY[lower(${p}::text)]`, filters.search);
	}
	if (filters.createdFrom) add((p) => `created_at >= ${p}::timestamptz`, filters.createdFrom);
	if (filters.createdTo) add((p) => `created_at < ${p}::timestamptz`, filters.createdTo);
	if (filters.monitorable !== undefined) where.push(filters.monitorable ? 'id_hash IS NOT NULL' : 'id_hash IS NULL');
	if (filters.flagged !== undefined) where.push(filters.flagged ? "flags <> '{}'" : "flags = '{}'");
	return where.length ? `WHERE ${where.join(' AND ')}` : '';
}

/** Leads, filtered and sorted (newest first by default); the caller pages with limit/offset. */
export async function listLeads(db: Queryable, options: LeadListOptions): Promise<PublicLead[]> {
	const params: unknown[] = [];
	const where = leadWhere(options, params);
	const order = LEAD_SORTS[options.sort ?? 'newest'];
	if (!order) throw new LeadError(`Sort "${options.sort}" is not one of ${Object.keys(LEAD_SORTS).join(', ')}`, 'sort');
	params.push(Math.max(0, Math.floor(options.limit)), Math.max(0, Math.floor(options.offset ?? 0)));
	// The page's ids first, from an index alone where one covers the order and the filters
	// (migration 012), then the rows shown: a deep page skips index entries, not table rows.
	const result = await db.query<LeadRow>(
		`SELECT ${PUBLIC_LEAD_COLUMNS}
		 FROM (SELECT lead_id FROM leads ${where} ORDER BY ${order} LIMIT $${params.length - 1} OFFSET $${params.length}) shown
		 JOIN leads USING (lead_id)
		 ORDER BY ${order}`,
		params,
	);
	return result.rows.map(toPublicLead);
}

/** How many leads match the filters (for a list's pages). */
export async function countLeads(db: Queryable, filters: LeadFilters): Promise<number> {
	const params: unknown[] = [];
	const result = await db.query<{ n: string }>(`SELECT count(*) AS n FROM leads ${leadWhere(filters, params)}`, params);
	return Number(result.rows[0]?.n ?? 0);
}

export interface LeadCount {
	total: number;
	/** True when more than the exact limit match: `total` is then PostgreSQL's estimate. */
	estimated: boolean;
}

/**
 * How many leads match, exact up to `exactUpTo` (the count stops walking there), beyond it
 * the planner's estimate: counting a million rows on every page view is what made the
 * roster slow, and "about 1,000,000" pages as well as the exact figure.
 */
export async function countLeadsUpTo(db: Queryable, filters: LeadFilters, exactUpTo: number): Promise<LeadCount> {
	const params: unknown[] = [];
	const where = leadWhere(filters, params);
	const capped = await db.query<{ n: string }>(`SELECT count(*) AS n FROM (SELECT 1 FROM leads ${where} LIMIT ${Math.floor(exactUpTo) + 1}) matched`, params);
	const total = Number(capped.rows[0]?.n ?? 0);
	if (total <= exactUpTo) return { total, estimated: false };
	const plan = await db.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) SELECT 1 FROM leads ${where}`, params);
	const text = plan.rows[0]?.['QUERY PLAN'];
	const estimate = Number((typeof text === 'string' ? JSON.parse(text) : text)?.[0]?.Plan?.['Plan Rows']);
	return { total: Number.isFinite(estimate) ? Math.max(Math.round(estimate), total) : total, estimated: true };
}

/** Column for each plain field a caller may change; personal fields go through protectPersonalFields. */
const PLAIN_FIELD_COLUMNS = {
	name: 'name',
	email: 'email',
	wechatId: 'wechat_id',
	company: 'company',
	industry: 'industry',
	sourceChannel: 'source_channel',
	owner: 'owner',
	status: 'status',
	tags: 'tags',
} as const satisfies Partial<Record<keyof LeadInput, string>>;

/** Changes the given fields of one lead; fields left undefined stay as they are. */
export async function updateLead(
	db: Queryable,
	keys: PrivacyKeys,
	leadId: string,
	changes: Omit<LeadInput, 'leadId'>,
): Promise<PublicLead> {
	const sets: string[] = [];
	const params: unknown[] = [leadId];
	const set = (column: string, value: unknown) => {
		params.push(value);
		sets.push(`${column} = $${params.length}`);
	};
	for (const [field, column] of Object.entries(PLAIN_FIELD_COLUMNS)) {
		const value = changes[field as keyof typeof PLAIN_FIELD_COLUMNS];
		if (value !== undefined) set(column, value);
	}
	if (changes.name !== undefined) set('name_masked', protectPersonalFields(keys, { name: changes.name }).name_masked);
	if (changes.phone !== undefined) {
		const personal = protectPersonalFields(keys, { phone: changes.phone });
		set('phone_enc', personal.phone_enc);
		set('phone_hash', personal.phone_hash);
		set('phone_masked', personal.phone_masked);
		params.push(personal.phone_flags);
		sets.push(`flags = ${withPhoneFlags(`$${params.length}`)}`);
	}
	if (changes.idNumber !== undefined) {
		const personal = protectPersonalFields(keys, { idNumber: changes.idNumber });
		set('id_hash', personal.id_hash);
		set('id_masked', personal.id_masked);
	}
	if (changes.attributes !== undefined) {
		params.push(JSON.stringify(changes.attributes));
		sets.push(`attributes = attributes || $${params.length}::jsonb`);
	}
	if (sets.length === 0) return getLead(db, leadId);
	const result = await db.query<LeadRow>(
		`UPDATE leads SET ${sets.join(', ')}, updated_at = now() WHERE lead_id = $1 RETURNING ${PUBLIC_LEAD_COLUMNS}`,
		params,
	);
	const row = result.rows[0];
	if (!row) throw new LeadError(`Lead ${leadId} not found`, 'leadId', 'notFound');
	return toPublicLead(row);
}
