import type { Queryable } from '../store';

/**
 * Institutions seen in the call logs of the last `days` days, for the editor's
 * 活跃机构选择 list. Read from the ingest's day × institution slices, not from the events
 * (call_events has no index that would spare a scan of every recent partition).
 */
export async function knownInstitutions(db: Queryable, days = 90, now = new Date()): Promise<string[]> {
	const since = new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);
	const result = await db.query<{ institution: string }>(
		'SELECT DISTINCT institution FROM call_event_slices WHERE event_date >= $1::date ORDER BY institution',
		[since],
	);
	return result.rows.map((row) => row.institution);
}
