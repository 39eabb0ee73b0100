import type { Migration } from './Migration';

/**
 * The score ledger stored compactly (issue 15, speed). Call-event and profile entries are
 * nearly all of it (933 k and 408 k of 1.41 M entries at 100 k leads / 1 M events), and one
 * row each made the first run write, index and re-read them one by one: 4.8× the bare
 * aggregation of the events. Now:
 * - lead_score_event_entries: a lead's event entries of the days one run read, one row of
 *   parallel arrays (day, event class number, the day's count, base and forward points), with
 *   their sum and count. An entry leaving the decay horizon takes its row's other entries into
 *   a new row of the same run (lib/scoring/eventEntries); `first_day` finds the rows with one.
 * - lead_score_profile_entries: a lead's profile entries, one row (they are rewritten together
 *   when the lead changes: lib/scoring/staticEntries).
 * - lead_score_entries keeps one row per hit, outcome and negative entry.
 *
 * lead_score_ledger is the whole ledger, one row per entry, as before: the same keys
 * (`event:<day>:<class number>`, `industry` …) and columns. The drawer, the checks and the
 * tests read it. Entries written before are moved; a lead's deletion removes its rows too.
 */
export const compactScoreLedger: Migration = {
	version: 32,
	name: 'lead score ledger: event entries per lead and run, profile entries per lead, one row each',
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

CREATE TABLE lead_score_profile_entries (
	lead_id      text COLLATE "C" NOT NULL,
	day          date NOT NULL,
	entry_keys   text[] NOT NULL,
	sources      text[] NOT NULL,
	points       numeric[] NOT NULL,
	details      jsonb[] NOT NULL,
	points_sum   numeric NOT NULL,
	entries      integer NOT NULL,
	CONSTRAINT lead_score_profile_entries_pkey PRIMARY KEY (lead_id)
);

INSERT INTO lead_score_event_entries (lead_id, through, first_day, days, class_nos, events, base_points, points, points_sum, entries)
SELECT lead_id, max(day), min(day), array_agg(day ORDER BY day, entry_key), array_agg(split_part(entry_key, ':', 3)::smallint ORDER BY day, entry_key),
	array_agg(coalesce(events, (detail ->> 'events')::int) ORDER BY day, entry_key), array_agg(base_points ORDER BY day, entry_key),
	array_agg(points ORDER BY day, entry_key), sum(points), count(*)
FROM lead_score_entries WHERE source = 'event'
GROUP BY lead_id;
DELETE FROM lead_score_entries WHERE source = 'event';

INSERT INTO lead_score_profile_entries (lead_id, day, entry_keys, sources, points, details, points_sum, entries)
SELECT lead_id, max(day), array_agg(entry_key ORDER BY entry_key), array_agg(source ORDER BY entry_key), array_agg(points ORDER BY entry_key),
	array_agg(detail ORDER BY entry_key), sum(points), count(*)
FROM lead_score_entries WHERE part = 'static'
GROUP BY lead_id;
DELETE FROM lead_score_entries WHERE part = 'static';

CREATE VIEW lead_score_ledger AS
SELECT lead_id, entry_key, part, score_group, source, day, base_points::numeric AS base_points, points, detail, events
FROM lead_score_entries
UNION ALL
SELECT p.lead_id, u.entry_key COLLATE "C", 'static', 'profile', u.source, p.day, u.points, u.points, u.detail, NULL::integer
FROM lead_score_profile_entries p
CROSS JOIN LATERAL unnest(p.entry_keys, p.sources, p.points, p.details) AS u(entry_key, source, points, detail)
UNION ALL
SELECT c.lead_id, ('event:' || to_char(u.day, 'YYYY-MM-DD') || ':' || u.class_no) COLLATE "C", 'dynamic', 'events', 'event', u.day,
	u.base_points, u.points, '{}'::jsonb, u.events
FROM lead_score_event_entries c
CROSS JOIN LATERAL unnest(c.days, c.class_nos, c.events, c.base_points, c.points) AS u(day, class_no, events, base_points, points);

CREATE OR REPLACE FUNCTION lead_scores_forget_deleted_leads() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM lead_score_entries e USING deleted_leads d WHERE e.lead_id = d.lead_id;
	DELETE FROM lead_score_event_entries e USING deleted_leads d WHERE e.lead_id = d.lead_id;
	DELETE FROM lead_score_profile_entries p USING deleted_leads d WHERE p.lead_id = d.lead_id;
	DELETE FROM lead_score_totals t USING deleted_leads d WHERE t.lead_id = d.lead_id;
	RETURN NULL;
END $$;
`,
};
