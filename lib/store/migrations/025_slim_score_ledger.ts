import type { Migration } from './Migration';

/**
 * A slimmer score ledger (issue 15, speed). The most entries by far are call events (a lead's
 * events of one day and class): each carried a jsonb detail ({class, events, counted,
 * pointsEach}) of about 80 of its 171 bytes, though all but the day's count follow from the
 * model. Now an event entry stores the count in `events` and no detail; the drawer builds
 * the detail on read from the class number in its key and the run's event classes, recorded
 * in score_runs.event_classes (every entry of a ledger was written under the latest run's
 * model: a new model version rebuilds it). Entries written before keep their detail.
 *
 * The (part, day) index only serves dropping the behaviour entries that leave the decay
 * horizon: it becomes a partial index on day of the behaviour entries, which a rebuild
 * builds again from its rows (lib/scoring/ledgerIndexes) at a fraction of the cost
 * (measured at 1.4 M entries: 9.2 s for (part, day), 2.2 s for this one).
 *
 * The ledger's lead_id and entry_key sort as "C": a rebuild builds its primary key by
 * sorting every entry, and under the database's libc collation each comparison is a
 * strcoll() (measured at 1.4 M entries on C.UTF-8: 8.0 s, 2.2 s as "C"). Equality with the
 * other tables' lead_id is unchanged; only the drawer's order of a day's entries could differ
 * from a locale's (C.UTF-8 orders by code point too).
 */
export const slimScoreLedger: Migration = {
	version: 25,
	name: 'lead score ledger: event entries without a jsonb detail',
	sql: `
ALTER TABLE lead_score_entries ADD COLUMN events integer,
	ALTER COLUMN lead_id TYPE text COLLATE "C",
	ALTER COLUMN entry_key TYPE text COLLATE "C";
ALTER TABLE score_runs ADD COLUMN event_classes jsonb;
DROP INDEX lead_score_entries_part_idx;
CREATE INDEX lead_score_entries_dynamic_day_idx ON lead_score_entries (day) WHERE part = 'dynamic';
`,
};
