import type { Queryable } from '../store';

/**
 * New lead ids like L1000001 from the sequence, skipping any a person already gave
 * a lead by hand, so a generated id never collides with a given one.
 */
export async function allocateLeadIds(db: Queryable, count: number): Promise<string[]> {
	const ids: string[] = [];
	while (ids.length < count) {
		const result = await db.query<{ id: string }>(
			`SELECT candidate.id FROM (
				SELECT 'L' || nextval('lead_id_seq') AS id FROM generate_series(1, $1::int)
			) AS candidate
			WHERE NOT EXISTS (SELECT 1 FROM leads WHERE lead_id = candidate.id)`,
			[count - ids.length],
		);
		ids.push(...result.rows.map((row) => row.id));
	}
	return ids;
}
