import type { Queryable } from '../store';
import type { CheckedConversion } from './checkConversion';

/** A conversion the store took: its key, and whether a roster lead matched it. */
export interface StoredConversion {
	conversionKey: string;
	matched: boolean;
	amountCents: number;
}

/**
 * Stores conversions not stored before (the key decides; a second copy, in this chunk or
 * from an earlier import, is skipped), each with the roster lead it matches: the oldest lead
 * with its ID hash, else with its phone hash (an aggregate, not ORDER BY … LIMIT 1, so the
 * planner reads the hash's index rather than walking the roster in creation order), and
 * counted in roi_conversion_totals (the report's totals). One statement per chunk.
 */
export async function insertConversions(db: Queryable, conversions: readonly CheckedConversion[], sourceName: string | null): Promise<StoredConversion[]> {
	if (conversions.length === 0) return [];
	const records = conversions.map((c) => ({
		conversion_key: c.conversionKey,
		id_hash: c.idHash,
		phone_hash: c.phoneHash,
		product: c.product,
		amount_cents: c.amountCents,
		converted_on: c.convertedOn,
	}));
	const result = await db.query<{ conversion_key: string; matched: boolean; amount_cents: string | number }>(
		`WITH stored AS (
		 INSERT INTO conversions (conversion_key, id_hash, phone_hash, lead_id, product, amount_cents, converted_on, source_name)
		 SELECT n.conversion_key, n.id_hash, n.phone_hash,
		        coalesce((SELECT (array_agg(l.lead_id ORDER BY l.created_at, l.lead_id))[1] FROM leads l WHERE l.id_hash = n.id_hash),
		                 (SELECT (array_agg(l.lead_id ORDER BY l.created_at, l.lead_id))[1] FROM leads l WHERE l.phone_hash = n.phone_hash)),
		        n.product, n.amount_cents, n.converted_on, $2
		 FROM jsonb_to_recordset($1::jsonb) AS n(conversion_key text, id_hash text, phone_hash text, product text, amount_cents bigint, converted_on date)
		 ON CONFLICT (conversion_key) DO NOTHING
		 RETURNING conversion_key, lead_id IS NOT NULL AS matched, amount_cents
		 ), counted AS (
		 UPDATE roi_conversion_totals SET conversions = conversions + (SELECT count(*) FROM stored),
		        amount_cents = amount_cents + (SELECT coalesce(sum(amount_cents), 0) FROM stored)
		 )
		 SELECT conversion_key, matched, amount_cents FROM stored`,
		[JSON.stringify(records), sourceName],
	);
	return result.rows.map((row) => ({ conversionKey: row.conversion_key, matched: row.matched, amountCents: Number(row.amount_cents) }));
}

/** Conversions stored before a roster lead matched them, matched now if one does. Returns how many. */
export async function matchWaitingConversions(db: Queryable): Promise<number> {
	const result = await db.query<{ n: string }>(
		`WITH matched AS (
			UPDATE conversions c SET lead_id = coalesce(
				(SELECT (array_agg(l.lead_id ORDER BY l.created_at, l.lead_id))[1] FROM leads l WHERE l.id_hash = c.id_hash),
				(SELECT (array_agg(l.lead_id ORDER BY l.created_at, l.lead_id))[1] FROM leads l WHERE l.phone_hash = c.phone_hash))
			WHERE c.lead_id IS NULL
			  AND (EXISTS (SELECT 1 FROM leads l WHERE l.id_hash = c.id_hash) OR EXISTS (SELECT 1 FROM leads l WHERE l.phone_hash = c.phone_hash))
			RETURNING 1
		)
		SELECT count(*) AS n FROM matched`,
	);
	return Number(result.rows[0]?.n ?? 0);
}

/** The id the next stored conversion will have at least: where one import's conversions start. */
export async function nextConversionId(db: Queryable): Promise<number> {
	const result = await db.query<{ next: string }>('SELECT coalesce(max(conversion_id), 0) + 1 AS next FROM conversions');
	return Number(result.rows[0].next);
}
