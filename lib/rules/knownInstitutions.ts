import type { Queryable } from '../store';

/**
 * Institutions seen in the call logs of the last `days` days, for the editor's
 * 活跃机构选择 list. Reads only the recent day partitions.
 */
export async function knownInstitutions(db: Queryable, days = 90, now = new Date()): Promise<string[]> {
	const since = new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);
	const result = await db.query<{ institution: string }>(
		'SELECT DISTINCT institution FROM call_events WHERE event_date >= $1::date ORDER BY institution',
		[since],
	);
	return result.rows.map((row) => row.institution);
}
