import { protectPersonalFields } from '../../lib/roster';
import type { PrivacyKeys } from '../../lib/privacy';
import type { Queryable } from '../../lib/store';

export interface SeededHit {
	hitId: number;
	leadId: string;
	phone: string;
	grade: string;
}

export interface SeedOptions {
	leads: number;
	hitsPerLead?: number;
	/** Grade per hit (by lead index and hit number); default B. */
	grade?: (leadIndex: number, hitNumber: number) => string;
	/** Prefix for lead ids, so several seeds can share a schema. */
	prefix?: string;
	/** The first phone's number; others count up from it. */
	firstPhone?: number;
}

/**
 * Leads with phones (hashed, encrypted, masked as the product stores them) and pending
 * hits, bulk loaded: enough for tests and the 10 k bench.
 */
export async function seedHits(db: Queryable, keys: PrivacyKeys, options: SeedOptions): Promise<SeededHit[]> {
	const prefix = options.prefix ?? 'P';
	const hitsPerLead = options.hitsPerLead ?? 1;
	const first = options.firstPhone ?? 13800000000;
	const leads = Array.from({ length: options.leads }, (_, index) => {
		const phone = String(first + index);
		return { leadId: `${prefix}${String(index + 1).padStart(6, '0')}`, phone, name: `客户${index + 1}` };
	});
	await db.bulkLoad(
		{ table: 'leads', columns: ['lead_id', 'name', 'name_masked', 'phone_enc', 'phone_hash', 'phone_masked'] },
		leads.map((lead) => {
			const personal = protectPersonalFields(keys, { name: lead.name, phone: lead.phone });
			return [lead.leadId, lead.name, personal.name_masked, personal.phone_enc, personal.phone_hash, personal.phone_masked];
		}),
	);
	const rows = leads.flatMap((lead, leadIndex) =>
		Array.from({ length: hitsPerLead }, (_, hitNumber) => ({ lead, grade: options.grade?.(leadIndex, hitNumber) ?? 'B', rule: `rule-${hitNumber + 1}` })),
	);
	const inserted = await db.query<{ hit_id: string; lead_id: string; rule_id: string }>(
		`INSERT INTO hits (lead_id, id_hash, rule_id, rule_version, window_key, hit_date, grade, label, reason, source)
		 SELECT l, 'id:' || l, r, 1, '2025-12-24', DATE '2025-12-24', g, '活跃机构命中', '近7天内在3家机构核验5次', '系统X'
		 FROM unnest($1::text[], $2::text[], $3::text[]) AS n(l, r, g)
		 RETURNING hit_id, lead_id, rule_id`,
		[rows.map((row) => row.lead.leadId), rows.map((row) => row.rule), rows.map((row) => row.grade)],
	);
	const idOf = new Map(inserted.rows.map((row) => [`${row.lead_id}/${row.rule_id}`, Number(row.hit_id)]));
	return rows.map((row) => ({
		hitId: idOf.get(`${row.lead.leadId}/${row.rule}`) as number,
		leadId: row.lead.leadId,
		phone: row.lead.phone,
		grade: row.grade,
	}));
}

export interface LedgerRow {
	idempotency_key: string;
	hit_id: number;
	lead_id: string;
	channel: string;
	state: string;
	attempts: number;
	gateway_message_id: string | null;
	detail: Record<string, unknown>;
}

/** The ledger rows of these hits (all when left out), oldest first. */
export async function ledgerRows(db: Queryable, hits?: ReadonlyArray<{ hitId: number }>): Promise<LedgerRow[]> {
	const result = await db.query<LedgerRow>(
		`SELECT idempotency_key, hit_id::int AS hit_id, lead_id, channel, state, attempts, gateway_message_id, detail
		 FROM push_ledger WHERE $1::bigint[] IS NULL OR hit_id = ANY($1::bigint[]) ORDER BY push_id`,
		[hits ? hits.map((hit) => hit.hitId) : null],
	);
	return result.rows;
}

let seedCounter = 0;

/** Lead-id prefix and first phone for one test, so tests can share a schema. */
export function uniqueSeed(): Pick<SeedOptions, 'prefix' | 'firstPhone'> {
	seedCounter++;
	return { prefix: `S${seedCounter}x`, firstPhone: 13000000000 + seedCounter * 100_000 };
}
