import type { Queryable } from '../store';

export interface MaskedContact {
	name: string | null;
	phone: string | null;
}

/** The masked name and phone of these leads, in one query. */
export async function maskedContacts(db: Queryable, leadIds: readonly string[]): Promise<Map<string, MaskedContact>> {
	if (leadIds.length === 0) return new Map();
	const result = await db.query<{ lead_id: string; name_masked: string | null; phone_masked: string | null }>(
		'SELECT lead_id, name_masked, phone_masked FROM leads WHERE lead_id = ANY($1::text[])',
		[[...new Set(leadIds)]],
	);
	return new Map(result.rows.map((row) => [row.lead_id, { name: row.name_masked, phone: row.phone_masked }]));
}
