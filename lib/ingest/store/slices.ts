import type { Queryable } from '../../store/Store';

/** Events of one batch on one day at one institution. */
export interface Slice {
	day: string;
	institution: string;
	events: number;
}

export async function insertSlices(db: Pick<Queryable, 'query'>, batchId: string, slices: Slice[]): Promise<void> {
	const kept = slices.filter((slice) => slice.events > 0);
	if (kept.length === 0) return;
	await db.query(
		`INSERT INTO call_event_slices (event_date, institution, batch_id, events)
		SELECT day, institution, $1, events FROM unnest($2::date[], $3::text[], $4::bigint[]) AS s (day, institution, events)`,
		[batchId, kept.map((slice) => slice.day), kept.map((slice) => slice.institution), kept.map((slice) => slice.events)],
	);
}

/** For each of these days, the institutions other batches already stored events for. */
export async function storedInstitutionsByDay(
	db: Pick<Queryable, 'query'>,
	batchId: string,
	days: string[],
): Promise<Map<string, Set<string>>> {
	const byDay = new Map<string, Set<string>>();
	if (days.length === 0) return byDay;
	const result = await db.query<{ day: string; institution: string }>(
		`SELECT DISTINCT to_char(event_date, 'YYYY-MM-DD') AS day, institution
		FROM call_event_slices WHERE event_date = ANY($1::date[]) AND batch_id <> $2`,
		[days, batchId],
	);
	for (const row of result.rows) {
		let institutions = byDay.get(row.day);
		if (!institutions) byDay.set(row.day, (institutions = new Set()));
		institutions.add(row.institution);
	}
	return byDay;
}
