import type { Migration } from './Migration';

/**
 * A slimmer score ledger (issue 15, speed). The most entries by far are call events (a lead's
 * events of one day and class): each carried a jsonb detail ({class, events, counted,
 * pointsEach}) of about 80 of its 171 bytes, though all but the day's count follow from the
 * model. Now an event entry stores the count in `events` and no detail; the drawer builds
 * the detail on read from the class number in its key and the run's event classes, recorded
 * in score_runs.event_classes (every entry of a ledger was written under the latest run's
 * model: a new model version rebuilds it). Entries written before keep their detail.
 */
export const slimScoreLedger: Migration = {
	version: 25,
	name: 'lead score ledger: event entries without a jsonb detail',
	sql: `
ALTER TABLE lead_score_entries ADD COLUMN events integer;
ALTER TABLE score_runs ADD COLUMN event_classes jsonb;
`,
};
