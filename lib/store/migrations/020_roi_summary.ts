import type { Migration } from './Migration';

/**
 * The conversion report reads pre-aggregated rows, and attribution does only what changed
 * (issue 18, speed: at 1 M hits the report scanned hits, touches and the ledger for 16 s a page).
 *
 * lib/hits (owner of hits) gains:
 * - institution: the institution the lead called most often in the days the evaluation read
 *   (ties: the first by name), recorded when the hit is made; NULL for hits made before.
 *
 * lib/roi owns:
 * - roi_day_groups: per hit day and every report dimension at once (rule and label, grade,
 *   source channel, institution, held out or not, first push channel), the hits, those
 *   pushed, converted, first / last touches, amount and messages / calls. A day's rows are
 *   rebuilt whole from hits, touches and the ledger when the day is stale (lib/roi/roiSummary.ts).
 * - roi_stale_days: days whose rows no longer hold: appended (never updated, so writers never
 *   wait on each other) by the triggers below and by attribution; the refresh consumes them.
 * - roi_stale_conversions: conversions to attribute again (their person got a hit, a hit they
 *   touch got a push, or a touch went with its hit); the triggers append, attribution consumes.
 * - roi_attribution_state: the window the touches were made with and the last conversion
 *   attributed: later ones are new. A changed window attributes everything again.
 * - roi_conversion_totals: how many conversions are stored and their amount, kept by the
 *   import as it stores them (the report would otherwise count 1 M rows a page).
 *
 * Triggers rather than calls from lib/ledger and lib/monitor: every path that writes a push
 * or a hit (the gate, outreach, callbacks, deletes cascading from the roster) marks what it
 * changed, and none of those modules learns about the report. Attribution sets
 * lead_monitor.attributing so its own deletes of touches do not queue its conversions again.
 */
export const roiSummary: Migration = {
	version: 20,
	name: 'conversion report summary, incremental attribution, hit institution',
	sql: `
ALTER TABLE hits ADD COLUMN institution text;

-- A touch goes with its hit or its conversion by the statement triggers below, not by foreign
-- keys: their checks cost a lookup in hits and one in conversions per touch written (2 × 674 k
-- at the bench's size, more than the window join itself); attribution writes touches only of
-- the hits and conversions it just read.
ALTER TABLE conversion_touches DROP CONSTRAINT conversion_touches_conversion_id_fkey;
ALTER TABLE conversion_touches DROP CONSTRAINT conversion_touches_hit_id_fkey;

CREATE TABLE roi_day_groups (
	hit_date       date    NOT NULL,
	rule_id        text    NOT NULL,
	label          text,
	grade          text    NOT NULL,
	source         text    NOT NULL,
	institution    text    NOT NULL,
	control_group  boolean NOT NULL,
	push_channel   text    NOT NULL,
	hits           integer NOT NULL,
	pushed         integer NOT NULL,
	converted      integer NOT NULL,
	first_touch    integer NOT NULL,
	last_touch     integer NOT NULL,
	amount_cents   bigint  NOT NULL,
	sms            integer NOT NULL,
	calls          integer NOT NULL
);
CREATE INDEX roi_day_groups_day_idx ON roi_day_groups (hit_date);

CREATE TABLE roi_stale_days (hit_date date NOT NULL);
CREATE TABLE roi_stale_conversions (conversion_id bigint NOT NULL);

CREATE TABLE roi_attribution_state (
	singleton                 boolean PRIMARY KEY DEFAULT true CHECK (singleton),
	window_days               integer NOT NULL,
	through_conversion_id     bigint  NOT NULL
);

CREATE TABLE roi_conversion_totals (
	singleton     boolean PRIMARY KEY DEFAULT true CHECK (singleton),
	conversions   bigint NOT NULL,
	amount_cents  bigint NOT NULL
);
INSERT INTO roi_conversion_totals (conversions, amount_cents) SELECT count(*), coalesce(sum(amount_cents), 0) FROM conversions;

-- Every day with hits is stale once: the first refresh builds the summary.
INSERT INTO roi_stale_days (hit_date) SELECT DISTINCT hit_date FROM hits;

-- Conversions are never deleted by the package; a delete by hand takes its touches along.
CREATE FUNCTION roi_conversions_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM conversion_touches t USING old_conversions o WHERE t.conversion_id = o.conversion_id;
	RETURN NULL;
END $$;
CREATE TRIGGER conversions_roi_removed AFTER DELETE ON conversions REFERENCING OLD TABLE AS old_conversions
	FOR EACH STATEMENT EXECUTE FUNCTION roi_conversions_removed();

CREATE FUNCTION roi_hits_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO roi_stale_days (hit_date) SELECT DISTINCT hit_date FROM new_hits;
	IF EXISTS (SELECT 1 FROM conversions) THEN
		INSERT INTO roi_stale_conversions (conversion_id)
		SELECT c.conversion_id FROM new_hits n JOIN conversions c ON c.id_hash = n.id_hash
		UNION
		SELECT c.conversion_id FROM new_hits n JOIN leads l ON l.lead_id = n.lead_id JOIN conversions c ON c.phone_hash = l.phone_hash AND c.id_hash IS NULL;
	END IF;
	RETURN NULL;
END $$;
CREATE TRIGGER hits_roi_added AFTER INSERT ON hits REFERENCING NEW TABLE AS new_hits
	FOR EACH STATEMENT EXECUTE FUNCTION roi_hits_added();

CREATE FUNCTION roi_hits_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO roi_stale_days (hit_date) SELECT DISTINCT hit_date FROM old_hits;
	DELETE FROM conversion_touches t USING old_hits o WHERE t.hit_id = o.hit_id;
	RETURN NULL;
END $$;
CREATE TRIGGER hits_roi_removed AFTER DELETE ON hits REFERENCING OLD TABLE AS old_hits
	FOR EACH STATEMENT EXECUTE FUNCTION roi_hits_removed();

-- A hit's grouping columns change rarely (row by row is enough); its status is not one of them.
CREATE FUNCTION roi_hit_regrouped() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO roi_stale_days (hit_date) VALUES (OLD.hit_date), (NEW.hit_date);
	RETURN NULL;
END $$;
CREATE TRIGGER hits_roi_regrouped AFTER UPDATE OF hit_date, rule_id, label, grade, source, institution, control_group ON hits
	FOR EACH ROW EXECUTE FUNCTION roi_hit_regrouped();

CREATE FUNCTION roi_pushes_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO roi_stale_days (hit_date)
	SELECT DISTINCT h.hit_date FROM (SELECT DISTINCT hit_id FROM new_pushes WHERE hit_id IS NOT NULL) p JOIN hits h ON h.hit_id = p.hit_id;
	INSERT INTO roi_stale_conversions (conversion_id)
	SELECT DISTINCT t.conversion_id FROM (SELECT DISTINCT hit_id FROM new_pushes WHERE hit_id IS NOT NULL) p
	JOIN conversion_touches t ON t.hit_id = p.hit_id;
	RETURN NULL;
END $$;
CREATE TRIGGER push_ledger_roi_added AFTER INSERT ON push_ledger REFERENCING NEW TABLE AS new_pushes
	FOR EACH STATEMENT EXECUTE FUNCTION roi_pushes_changed();
CREATE TRIGGER push_ledger_roi_changed AFTER UPDATE ON push_ledger REFERENCING NEW TABLE AS new_pushes
	FOR EACH STATEMENT EXECUTE FUNCTION roi_pushes_changed();

-- A touch gone with its hit (or its conversion) leaves the conversion's other touches to
-- re-mark and the day's counts to rebuild (attribution marks what it deletes itself).
CREATE FUNCTION roi_touches_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF coalesce(current_setting('lead_monitor.attributing', true), '') <> 'on' THEN
		INSERT INTO roi_stale_conversions (conversion_id) SELECT DISTINCT conversion_id FROM old_touches;
		INSERT INTO roi_stale_days (hit_date)
		SELECT DISTINCT h.hit_date FROM (SELECT DISTINCT hit_id FROM old_touches) t JOIN hits h ON h.hit_id = t.hit_id;
	END IF;
	RETURN NULL;
END $$;
CREATE TRIGGER conversion_touches_roi_removed AFTER DELETE ON conversion_touches REFERENCING OLD TABLE AS old_touches
	FOR EACH STATEMENT EXECUTE FUNCTION roi_touches_removed();
`,
};
