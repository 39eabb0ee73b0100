import type { Queryable } from '../store';

/**
 * Takes a transaction-scoped advisory lock per lead, in one sorted pass so two gates
 * locking overlapping sets never deadlock. Held until the transaction ends; every gate
 * that decides for the same lead waits here, so caps hold across workers.
 */
export async function lockLeads(tx: Queryable, schema: string, leadIds: readonly string[]): Promise<void> {
	if (leadIds.length === 0) return;
	await tx.query(
		`SELECT count(*) FROM (
			SELECT pg_advisory_xact_lock(lock_key) FROM (
				SELECT DISTINCT hashtextextended($2 || lead_id, 0) AS lock_key FROM unnest($1::text[]) AS lead_id ORDER BY lock_key
			) AS ordered
		) AS locked`,
		[leadIds, `lead_monitor:push:${schema}:`],
	);
}
