import type { Migration } from './Migration';

/**
 * The compact ledger rows (032) without what their run already knows (issue 15, speed). At
 * 1 M leads / 10 M events a first run wrote 525 MB of event rows and 481 MB of profile rows,
 * most of it values every lead shares, and 1.3 GB of WAL:
 * - An event entry's base points follow from its day's count and its class in the run's event
 *   classes (score_runs.event_classes, 025), and its forward points from those × the day's
 *   forward weight, now recorded with the run (score_runs.weights_from, day_weights: the
 *   weights of the days after weights_from). A row keeps days, class numbers and counts, and
 *   its sum; lead_score_event_base and the view derive the rest, with the same arithmetic the
 *   run summed with (numeric: exact).
 * - A profile entry's key, source, points and detail are one of the run's slots
 *   (lead_score_profile_slots: one per industry, source channel, attribute value and contact
 *   field of the model, by the day of the run that wrote them); a lead's row keeps its slot
 *   numbers and their sum.
 * lead_score_ledger reads as before. Rows written before: profile rows get the slots of their
 * day (one per distinct entry); event rows, whose run recorded no weights, go back to one row
 * per entry in lead_score_entries with their points as they are (they leave by their day, as
 * before 032).
 */
export const derivedLedgerPoints: Migration = {
	version: 33,
	name: 'lead score ledger: event and profile points derived from the run, not stored per lead',
	sql: `
DROP VIEW lead_score_ledger;

ALTER TABLE score_runs ADD COLUMN weights_from date, ADD COLUMN day_weights numeric[];

INSERT INTO lead_score_entries (lead_id, entry_key, part, score_group, source, day, base_points, points, detail, events)
SELECT c.lead_id, 'event:' || to_char(u.day, 'YYYY-MM-DD') || ':' || u.class_no, 'dynamic', 'events', 'event', u.day, u.base_points, u.points, '{}', u.events
FROM lead_score_event_entries c
CROSS JOIN LATERAL unnest(c.days, c.class_nos, c.events, c.base_points, c.points) AS u(day, class_no, events, base_points, points);
TRUNCATE lead_score_event_entries;
ALTER TABLE lead_score_event_entries DROP COLUMN base_points, DROP COLUMN points;

CREATE FUNCTION lead_score_event_base(event_classes jsonb, class_no smallint, events integer) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT least(events, coalesce((event_classes -> (class_no - 1) ->> 'maxPerDay')::int, events)) * (event_classes -> (class_no - 1) ->> 'points')::numeric
$$;

CREATE TABLE lead_score_profile_slots (
	day        date NOT NULL,
	slot       smallint NOT NULL,
	entry_key  text COLLATE "C" NOT NULL,
	source     text NOT NULL,
	points     numeric NOT NULL,
	detail     jsonb NOT NULL,
	CONSTRAINT lead_score_profile_slots_pkey PRIMARY KEY (day, slot)
);
INSERT INTO lead_score_profile_slots (day, slot, entry_key, source, points, detail)
SELECT day, row_number() OVER (PARTITION BY day ORDER BY entry_key, source, points, detail::text), entry_key, source, points, detail
FROM (
	SELECT DISTINCT p.day, u.entry_key, u.source, u.points, u.detail
	FROM lead_score_profile_entries p
	CROSS JOIN LATERAL unnest(p.entry_keys, p.sources, p.points, p.details) AS u(entry_key, source, points, detail)
) AS d;
ALTER TABLE lead_score_profile_entries ADD COLUMN slots smallint[];
UPDATE lead_score_profile_entries p SET slots = (
	SELECT array_agg(s.slot ORDER BY u.n)
	FROM unnest(p.entry_keys, p.sources, p.points, p.details) WITH ORDINALITY AS u(entry_key, source, points, detail, n)
	JOIN lead_score_profile_slots s ON s.day = p.day AND s.entry_key = u.entry_key AND s.source = u.source AND s.points = u.points AND s.detail = u.detail
);
ALTER TABLE lead_score_profile_entries ALTER COLUMN slots SET NOT NULL,
	DROP COLUMN entry_keys, DROP COLUMN sources, DROP COLUMN points, DROP COLUMN details;

CREATE VIEW lead_score_ledger AS
SELECT lead_id, entry_key, part, score_group, source, day, base_points::numeric AS base_points, points, detail, events
FROM lead_score_entries
UNION ALL
SELECT p.lead_id, s.entry_key, 'static', 'profile', s.source, p.day, s.points, s.points, s.detail, NULL::integer
FROM lead_score_profile_entries p
CROSS JOIN LATERAL unnest(p.slots) AS u(slot)
JOIN lead_score_profile_slots s ON s.day = p.day AND s.slot = u.slot
UNION ALL
SELECT c.lead_id, ('event:' || to_char(u.day, 'YYYY-MM-DD') || ':' || u.class_no) COLLATE "C", 'dynamic', 'events', 'event', u.day,
	b.base, b.base * r.day_weights[u.day - r.weights_from], '{}'::jsonb, u.events
FROM lead_score_event_entries c
JOIN score_runs r ON r.scored_on = c.through
CROSS JOIN LATERAL unnest(c.days, c.class_nos, c.events) AS u(day, class_no, events)
CROSS JOIN LATERAL (SELECT lead_score_event_base(r.event_classes, u.class_no, u.events) AS base) AS b;
`,
};
