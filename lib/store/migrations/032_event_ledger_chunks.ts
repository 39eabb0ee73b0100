import type { Migration } from './Migration';

/**
 * The score ledger's call-event entries, stored compactly (issue 15, speed). They are most of
 * the ledger (933 k of 1.41 M entries at 100 k leads / 1 M events), and one row each made the
 * first run write, index and re-read them one by one: 4.8× the bare aggregation of the events.
 * Now a run stores a lead's event entries of the days it read as one row of parallel arrays
 * (a day, its event class number, the day's count, base and forward points per entry), with
 * their sum and count; the rest of the ledger (profile, hits, outcomes, negative) keeps one row
 * per entry in lead_score_entries.
 *
 * lead_score_ledger is the whole ledger, one row per entry, as before: event entries unnested,
 * with the same keys (`event:<day>:<class number>`) and columns. The drawer, the checks and
 * the tests read it.
 *
 * An entry leaving the decay horizon takes its row's other entries into a new row of the same
 * run (lib/scoring/eventEntries); `first_day` finds the rows with one. Event entries written
 * before are moved here, one row per lead; a lead's deletion removes its rows too.
 */
export const eventLedgerChunks: Migration = {
	version: 32,
	name: 'lead score ledger: the event entries of a lead and run in one row',
	sql: `
CREATE TABLE lead_score_event_entries (
	lead_id      text COLLATE "C" NOT NULL,
	through      date NOT NULL,
	first_day    date NOT NULL,
	days         date[] NOT NULL,
	class_nos    smallint[] NOT NULL,
	events       integer[] NOT NULL,
	base_points  numeric[] NOT NULL,
	points       numeric[] NOT NULL,
	points_sum   numeric NOT NULL,
	entries      integer NOT NULL,
	CONSTRAINT lead_score_event_entries_pkey PRIMARY KEY (lead_id, through)
);
CREATE INDEX lead_score_event_entries_first_day_idx ON lead_score_event_entries (first_day);

INSERT INTO lead_score_event_entries (lead_id, through, first_day, days, class_nos, events, base_points, points, points_sum, entries)
SELECT lead_id, max(day), min(day), array_agg(day ORDER BY day, entry_key), array_agg(split_part(entry_key, ':', 3)::smallint ORDER BY day, entry_key),
	array_agg(coalesce(events, (detail ->> 'events')::int) ORDER BY day, entry_key), array_agg(base_points ORDER BY day, entry_key),
	array_agg(points ORDER BY day, entry_key), sum(points), count(*)
FROM lead_score_entries WHERE source = 'event'
GROUP BY lead_id;
DELETE FROM lead_score_entries WHERE source = 'event';

CREATE VIEW lead_score_ledger AS
SELECT lead_id, entry_key, part, score_group, source, day, base_points::numeric AS base_points, points, detail, events
FROM lead_score_entries
UNION ALL
SELECT c.lead_id, ('event:' || to_char(u.day, 'YYYY-MM-DD') || ':' || u.class_no) COLLATE "C", 'dynamic', 'events', 'event', u.day,
	u.base_points, u.points, '{}'::jsonb, u.events
FROM lead_score_event_entries c
CROSS JOIN LATERAL unnest(c.days, c.class_nos, c.events, c.base_points, c.points) AS u(day, class_no, events, base_points, points);

CREATE OR REPLACE FUNCTION lead_scores_forget_deleted_leads() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM lead_score_entries e USING deleted_leads d WHERE e.lead_id = d.lead_id;
	DELETE FROM lead_score_event_entries e USING deleted_leads d WHERE e.lead_id = d.lead_id;
	DELETE FROM lead_score_totals t USING deleted_leads d WHERE t.lead_id = d.lead_id;
	RETURN NULL;
END $$;
`,
};
