import { withLocalSettings, type Queryable } from '../store';
import { recordRowChanges } from './ledgerChanges';
import type { ScoringModel } from './ScoringModel';

/**
 * The ledger's call-event entries (lead_score_event_entries, migrations 032–033): a lead's
 * entries of the days a run reads are one row of parallel arrays — day, event class number and
 * the day's count — with their points' sum and count. Base and forward points are not stored:
 * they follow from the count and the run's event classes and day weights (score_runs), which
 * lead_score_ledger derives them from (`event:<day>:<class number>`, one entry per row). A row
 * per entry made the first run at 100 k leads / 1 M events write, index and re-read 933 k rows;
 * this writes 100 k, and without the points a third of the bytes (measured below).
 */
const TABLE = 'lead_score_event_entries';
const COLUMNS = 'lead_id, through, first_day, days, class_nos, events, points_sum, entries';

/** The days whose event entries a run adds: after `from`, up to and including `to`. */
export interface EventDays {
	from: string;
	to: string;
	/** The forward weight of each day after `from`, in order. */
	weights: string[];
	/** A rebuild: the rows go in unrecorded (its totals are summed from the ledger afterwards); else what is added is recorded (ledgerChanges). */
	rebuilding: boolean;
}

/**
 * Adds the entries of the call events after `from` up to `to`: per lead, day and event class
 * (the first class whose event types and institutions an event matches), the day's count
 * capped at the class's maxPerDay × its points, × the day's forward weight. One row per lead,
 * dated `to`: runs read disjoint days, so a source counts once. The events are grouped by ID
 * hash before they meet the roster: 100 k leads joined, not 933 k entries.
 */
export async function addEventEntries(tx: Queryable, model: ScoringModel, range: EventDays): Promise<void> {
	const classes = model.dynamic.eventClasses;
	if (classes.length === 0) return;
	const params: unknown[] = [range.from, range.to, range.weights];
	const whens = classes.map((eventClass, index) => {
		params.push(eventClass.eventTypes ?? null, eventClass.institutions ?? null);
		const types = `$${params.length - 1}::text[]`;
		const institutions = `$${params.length}::text[]`;
		return `WHEN (${types} IS NULL OR event_type = ANY(${types})) AND (${institutions} IS NULL OR institution = ANY(${institutions})) THEN ${index + 1}`;
	});
	params.push(
		classes.map((c) => c.points),
		classes.map((c) => c.maxPerDay ?? null),
	);
	const points = `$${params.length - 1}::numeric[]`;
	const maxPerDay = `$${params.length}::int[]`;
	const classNo = `(CASE ${whens.join(' ')} END)::smallint`;
	// lead_score_event_base (migration 033) in the run's terms: the ledger derives an entry's points with it, so both must agree.
	const base = `least(count(*)::int, coalesce((${maxPerDay})[${classNo}], count(*)::int)) * (${points})[${classNo}]`;
	// A class's points and a day's weight are read by position (the weights start the day after
	// `from`, as the run records them), not joined: a join would lose the order the groupings
	// below rely on. An entry's points are computed once, in its own grouping: written in a
	// subquery the planner flattens, each use in the lead's aggregates computed them again, and a
	// weight read from the array walks it from the start (at 1 M leads / 10 M events: 24.7–27.0 s,
	// 27.9–29.3 s before).
	const insert = `INSERT INTO ${TABLE} (${COLUMNS})
		 SELECT l.lead_id, $2::date, g.first_day, g.days, g.class_nos, g.events, g.points_sum, cardinality(g.days)
		 FROM (
			SELECT e.id_hash, min(e.day) AS first_day, array_agg(e.day) AS days, array_agg(e.class_no) AS class_nos, array_agg(e.events) AS events,
				sum(e.points) AS points_sum
			FROM (
				SELECT id_hash, event_date AS day, ${classNo} AS class_no, count(*)::int AS events,
					${base} * ($3::numeric[])[event_date - $1::date] AS points
				FROM call_events WHERE event_date > $1::date AND event_date <= $2::date
				GROUP BY 1, 2, 3
				HAVING ${classNo} IS NOT NULL
			) AS e
			GROUP BY e.id_hash
		 ) AS g
		 JOIN leads l ON l.id_key = g.id_hash`;
	// Sorted, not hashed: one sort by ID hash, day and class feeds both groupings (per entry, then
	// per lead) in order. Measured in rebuilds at 100 k leads / 1 M events, the behaviour step:
	// 3.4 s, against 4.5–4.7 s hashed and joined (a hash per entry, then a sort per lead).
	await withLocalSettings(tx, { enable_hashagg: 'off' }, () =>
		tx.query(range.rebuilding ? insert : recordRowChanges(`WITH added AS (${insert} RETURNING lead_id, points_sum, entries)`, 'events'), params),
	);
}

/**
 * Takes the event entries of `cutoff` and before off the ledger: each row holding one is
 * replaced by a row of its other entries (same lead and run), and what leaves is recorded.
 * The points kept are derived as lead_score_ledger derives them, from the row's run.
 */
export async function expireEventEntries(tx: Queryable, cutoff: string): Promise<void> {
	await tx.query(
		recordRowChanges(
			`WITH gone AS (
				DELETE FROM ${TABLE} c WHERE c.first_day <= $1::date RETURNING c.*
			 ), left_over AS (
				SELECT g.lead_id, g.through, u.day, u.class_no, u.events, u.place,
					lead_score_event_base(r.event_classes, u.class_no, u.events) * r.day_weights[u.day - r.weights_from] AS points
				FROM gone g
				JOIN score_runs r ON r.scored_on = g.through
				CROSS JOIN LATERAL unnest(g.days, g.class_nos, g.events) WITH ORDINALITY AS u(day, class_no, events, place)
				WHERE u.day > $1::date
			 ), kept AS (
				INSERT INTO ${TABLE} (${COLUMNS})
				SELECT lead_id, through, min(day), array_agg(day ORDER BY place), array_agg(class_no ORDER BY place), array_agg(events ORDER BY place),
					sum(points), count(*)::int
				FROM left_over
				GROUP BY lead_id, through
				RETURNING lead_id, points_sum, entries
			 ), added AS (
				SELECT lead_id, -points_sum AS points_sum, -entries AS entries FROM gone
				UNION ALL
				SELECT lead_id, points_sum, entries FROM kept
			 )`,
			'events',
		),
		[cutoff],
	);
}

/** How many event entries the ledger holds. */
export async function eventEntryCount(tx: Queryable): Promise<number> {
	const result = await tx.query<{ n: string }>(`SELECT coalesce(sum(entries), 0)::text AS n FROM ${TABLE}`);
	return Number(result.rows[0].n);
}

/** A rebuild empties the event entries and drops their indexes, built again from the finished rows (see ledgerIndexes). */
export async function dropEventEntryIndexes(tx: Queryable): Promise<void> {
	await tx.query(`TRUNCATE ${TABLE}`);
	await tx.query(`ALTER TABLE ${TABLE} DROP CONSTRAINT lead_score_event_entries_pkey`);
	await tx.query('DROP INDEX lead_score_event_entries_first_day_idx');
}

export async function buildEventEntryIndexes(tx: Queryable): Promise<void> {
	await tx.query(`ALTER TABLE ${TABLE} ADD CONSTRAINT lead_score_event_entries_pkey PRIMARY KEY (lead_id, through)`);
	await tx.query(`CREATE INDEX lead_score_event_entries_first_day_idx ON ${TABLE} (first_day)`);
}

/** Per lead, the forward points of its event entries just after a rebuild (one row per lead), as a subquery (lead_id, events). */
export const REBUILT_EVENT_SUMS = `SELECT lead_id, points_sum AS events FROM ${TABLE}`;
