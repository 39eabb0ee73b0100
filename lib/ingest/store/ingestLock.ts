import type { Queryable } from '../../store/Store';

/**
 * Serialises everything that writes call_events in one schema (ingests, retention) with a
 * transaction-scoped advisory lock: the in-file and cross-file duplicate checks rely on
 * no other batch loading the same days meanwhile. Released at commit or rollback.
 */
export async function lockCallEvents(db: Pick<Queryable, 'query'>, schema: string): Promise<void> {
	await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`lead_monitor:call_events:${schema}`]);
}
