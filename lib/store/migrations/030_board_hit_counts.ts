import type { Migration } from './Migration';

/**
 * The board's hit counts, kept (issue 14, speed). Each view of the board counted every hit four
 * times — its KPIs, the 7-day trend, the source mix, the rule filter's options — for 23 % of the
 * console's calls (bench/console): at 200 k hits the board took 124 ms at p50 in process under
 * 50 users, and its scans most of the database's CPU.
 *
 * Three tables hold the hits per quarter hour of arrival (created_at: every time zone's midnight
 * falls on one) and status, per source, and per rule; triggers on hits append what each statement
 * changed to board_hit_count_changes — only appends, so no two writers ever wait for one another
 * — and the board reads each table with the changes (lib/board/boardHitCounts), folding the
 * changes into the three from time to time, in one transaction. (One table of all five columns
 * held a group for nearly every hit at 200 k hits arriving through the day: 169 k rows.)
 * Transition tables cannot go with a column list, so the update trigger sees every update of hits
 * and appends only the groups whose count moved.
 */
export const boardHitCounts: Migration = {
	version: 30,
	name: 'board: the hit counts kept',
	sql: `
CREATE TABLE board_hits_by_slot (
	created_slot timestamptz NOT NULL,
	status       text NOT NULL,
	hits         bigint NOT NULL,
	PRIMARY KEY (created_slot, status)
);
CREATE TABLE board_hits_by_source (
	source text,
	hits   bigint NOT NULL,
	CONSTRAINT board_hits_by_source_group UNIQUE NULLS NOT DISTINCT (source)
);
CREATE TABLE board_hits_by_rule (
	rule_id      text NOT NULL,
	rule_version integer NOT NULL,
	label        text,
	hits         bigint NOT NULL,
	CONSTRAINT board_hits_by_rule_group UNIQUE NULLS NOT DISTINCT (rule_id, rule_version, label)
);
CREATE TABLE board_hit_count_changes (
	created_slot timestamptz NOT NULL,
	status       text NOT NULL,
	source       text,
	rule_id      text NOT NULL,
	rule_version integer NOT NULL,
	label        text,
	hits         bigint NOT NULL
);
-- Rows come and go with every fold: vacuumed after every 1 000 dead ones, not after a fifth of the table,
-- or each board view's look at the changes reads what earlier folds left (331 k dead rows once, unvacuumed).
ALTER TABLE board_hit_count_changes SET (autovacuum_vacuum_threshold = 1000, autovacuum_vacuum_scale_factor = 0,
	autovacuum_vacuum_insert_threshold = 1000, autovacuum_vacuum_insert_scale_factor = 0);

CREATE FUNCTION board_hit_slot(created_at timestamptz) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE
	AS $$ SELECT date_bin('15 minutes', created_at, TIMESTAMPTZ '2000-01-01 00:00:00+00') $$;

CREATE FUNCTION board_hits_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO board_hit_count_changes
	SELECT board_hit_slot(created_at), status, source, rule_id, rule_version, label, count(*) FROM new_hits GROUP BY 1, 2, 3, 4, 5, 6;
	RETURN NULL;
END $$;
CREATE TRIGGER hits_board_counts_added AFTER INSERT ON hits REFERENCING NEW TABLE AS new_hits
	FOR EACH STATEMENT EXECUTE FUNCTION board_hits_added();

CREATE FUNCTION board_hits_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO board_hit_count_changes
	SELECT board_hit_slot(created_at), status, source, rule_id, rule_version, label, -count(*) FROM old_hits GROUP BY 1, 2, 3, 4, 5, 6;
	RETURN NULL;
END $$;
CREATE TRIGGER hits_board_counts_removed AFTER DELETE ON hits REFERENCING OLD TABLE AS old_hits
	FOR EACH STATEMENT EXECUTE FUNCTION board_hits_removed();

CREATE FUNCTION board_hits_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO board_hit_count_changes
	SELECT board_hit_slot(created_at), status, source, rule_id, rule_version, label, sum(n)
	FROM (SELECT created_at, status, source, rule_id, rule_version, label, 1 AS n FROM new_hits
		UNION ALL
		SELECT created_at, status, source, rule_id, rule_version, label, -1 FROM old_hits) AS moved
	GROUP BY 1, 2, 3, 4, 5, 6
	HAVING sum(n) <> 0;
	RETURN NULL;
END $$;
CREATE TRIGGER hits_board_counts_changed AFTER UPDATE ON hits REFERENCING OLD TABLE AS old_hits NEW TABLE AS new_hits
	FOR EACH STATEMENT EXECUTE FUNCTION board_hits_changed();

CREATE FUNCTION board_hits_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM board_hits_by_slot;
	DELETE FROM board_hits_by_source;
	DELETE FROM board_hits_by_rule;
	DELETE FROM board_hit_count_changes;
	RETURN NULL;
END $$;
CREATE TRIGGER hits_board_counts_truncated AFTER TRUNCATE ON hits FOR EACH STATEMENT EXECUTE FUNCTION board_hits_truncated();

INSERT INTO board_hits_by_slot SELECT board_hit_slot(created_at), status, count(*) FROM hits GROUP BY 1, 2;
INSERT INTO board_hits_by_source SELECT source, count(*) FROM hits GROUP BY 1;
INSERT INTO board_hits_by_rule SELECT rule_id, rule_version, label, count(*) FROM hits GROUP BY 1, 2, 3;
`,
};
