import type { Queryable } from '../../store/Store';
import { CALL_EVENT_COLUMNS, EVENT_KEY_COLUMNS } from '../load/callEventColumns';

/** The temporary table UNCERTAIN rows wait in until the database checks them. */
export const SUSPECTS_TABLE = 'ingest_suspects';

const sameEvent = (a: string, b: string) => EVENT_KEY_COLUMNS.map((column) => `${a}.${column} = ${b}.${column}`).join(' AND ');
const columns = CALL_EVENT_COLUMNS.join(', ');

export async function createSuspectsTable(db: Pick<Queryable, 'query'>): Promise<void> {
	await db.query(`CREATE TEMP TABLE ${SUSPECTS_TABLE} (LIKE call_events, line_no bigint NOT NULL) ON COMMIT DROP`);
}

/** Rows removed or inserted, counted by day, institution and event type (for the slices). */
export interface SliceCount {
	day: string;
	institution: string;
	eventType: string;
	events: number;
}

/**
 * Deletes this batch's events on `day` that another batch already stored (same key), for
 * the institutions both batches have on that day. Returns how many, by institution.
 */
export async function deleteStoredDuplicates(
	db: Pick<Queryable, 'query'>,
	batchId: string,
	day: string,
	institutions: string[],
): Promise<SliceCount[]> {
	// call_events has no per-row index and this batch's rows are not analysed yet: the
	// planner would take both sides for small and compare every pair (minutes for a day
	// loaded twice). Every key is an equality, so a hash join is always possible; with room
	// to hash a day in fewer passes it takes half the time (2 M rows: 14 s → 7 s).
	await db.query('SET LOCAL enable_nestloop = off');
	await db.query("SET LOCAL work_mem = '64MB'");
	const result = await db.query<{ institution: string; event_type: string; events: string | number }>(
		`WITH removed AS (
			DELETE FROM call_events mine USING call_events theirs
			WHERE mine.event_date = $2::date AND theirs.event_date = $2::date
				AND mine.batch_id = $1 AND theirs.batch_id <> $1
				AND mine.institution = ANY($3::text[]) AND theirs.institution = ANY($3::text[])
				AND ${sameEvent('mine', 'theirs')}
			RETURNING mine.institution, mine.event_type
		)
		SELECT institution, event_type, count(*) AS events FROM removed GROUP BY institution, event_type`,
		[batchId, day, institutions],
	);
	return result.rows.map((row) => ({ day, institution: row.institution, eventType: row.event_type, events: Number(row.events) }));
}

export interface SuspectOutcome {
	/** Suspects that repeat an event of this file (another suspect or a loaded row). */
	inFile: number;
	/** Suspects that repeat an event another batch stored. */
	stored: number;
	/** Suspects inserted, by day, institution and event type. */
	inserted: SliceCount[];
}

/**
 * Settles the UNCERTAIN rows: the first of each key among them is compared with the stored
 * events of the same days (one join, the suspects hashed); the new ones are inserted.
 */
export async function settleSuspects(
	db: Pick<Queryable, 'query'>,
	batchId: string,
	firstDay: string,
	lastDay: string,
): Promise<SuspectOutcome> {
	await db.query(
		`CREATE TEMP TABLE ingest_suspect_firsts ON COMMIT DROP AS
		SELECT DISTINCT ON (${EVENT_KEY_COLUMNS.join(', ')}) *
		FROM ${SUSPECTS_TABLE}
		ORDER BY ${EVENT_KEY_COLUMNS.join(', ')}, line_no`,
	);
	await db.query('ANALYZE ingest_suspect_firsts');
	await db.query(
		`CREATE TEMP TABLE ingest_suspect_matches ON COMMIT DROP AS
		SELECT s.line_no, bool_or(e.batch_id = $1) AS ours
		FROM call_events e JOIN ingest_suspect_firsts s ON ${sameEvent('e', 's')}
		WHERE e.event_date BETWEEN $2::date AND $3::date
		GROUP BY s.line_no`,
		[batchId, firstDay, lastDay],
	);
	const counts = await db.query<{ suspects: string | number; firsts: string | number; ours: string | number; theirs: string | number }>(
		`SELECT (SELECT count(*) FROM ${SUSPECTS_TABLE}) AS suspects,
			(SELECT count(*) FROM ingest_suspect_firsts) AS firsts,
			(SELECT count(*) FROM ingest_suspect_matches WHERE ours) AS ours,
			(SELECT count(*) FROM ingest_suspect_matches WHERE NOT ours) AS theirs`,
	);
	const inserted = await db.query<{ day: string; institution: string; event_type: string; events: string | number }>(
		`WITH added AS (
			INSERT INTO call_events (${columns})
			SELECT ${columns} FROM ingest_suspect_firsts s
			WHERE NOT EXISTS (SELECT 1 FROM ingest_suspect_matches m WHERE m.line_no = s.line_no)
			RETURNING event_date, institution, event_type
		)
		SELECT to_char(event_date, 'YYYY-MM-DD') AS day, institution, event_type, count(*) AS events FROM added GROUP BY 1, 2, 3`,
	);
	const row = counts.rows[0];
	return {
		inFile: Number(row.suspects) - Number(row.firsts) + Number(row.ours),
		stored: Number(row.theirs),
		inserted: inserted.rows.map((r) => ({ day: r.day, institution: r.institution, eventType: r.event_type, events: Number(r.events) })),
	};
}
