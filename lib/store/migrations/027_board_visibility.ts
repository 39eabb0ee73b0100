import type { Migration } from './Migration';

/**
 * The board's visibility, stored (issue 15, speed). Staff with a branch see the leads they own
 * and those of their branch, a lead's branch being lead_owners.branch when assigned, else its
 * roster attribute (lib/assignment/leadBranch): the board read every listed lead from `leads`
 * to find it (1 M leads, 50 000 listed: p95 298 ms for the branch holding them, 697 ms for
 * another). lead_board_scores now carries each lead's owner and that branch, indexed.
 *
 * They are kept exact at once, not at the next run:
 * - the run (lib/scoring/boardScores) writes them for the rows it adds, read in its statement;
 * - triggers here rewrite them when a lead's owner row is inserted, updated, deleted or
 *   truncated, and when a lead's roster branch changes (the WHEN clause: an import rewriting
 *   attributes without changing the branch calls nothing);
 * - a change committed while the run adds rows would be missed (its trigger cannot see rows the
 *   run has not committed): the run holds lead_monitor.boardVisibility exclusively from that
 *   statement to its commit, the triggers share it before they read, so each waits for the other.
 * The branch expression is LEAD_BRANCH_SQL's, written out: a migration does not change.
 */
export const boardVisibility: Migration = {
	version: 27,
	name: 'lead board: each lead\'s owner and branch stored with its score',
	sql: `
ALTER TABLE lead_board_scores ADD COLUMN owner text, ADD COLUMN branch text;

UPDATE lead_board_scores b SET owner = lo.owner,
	branch = CASE WHEN lo.lead_id IS NULL THEN coalesce(nullif(l.attributes ->> 'branch', ''), nullif(l.attributes ->> '所属机构', '')) ELSE lo.branch END
FROM leads l LEFT JOIN lead_owners lo ON lo.lead_id = l.lead_id
WHERE l.lead_id = b.lead_id;

-- Each run rewrites most rows (decay), so each index costs it: at 1 M leads / 50 000 rows
-- (load 3.5–4.8) its board step took 0.9–1.1 s before, 1.2 s with these two, 1.9–2.3 s with the
-- branch index in the board's order too (branch, score, lead_id). An unassigned lead has no owner entry.
CREATE INDEX lead_board_scores_branch_idx ON lead_board_scores (branch);
CREATE INDEX lead_board_scores_owner_idx ON lead_board_scores (owner, score DESC NULLS LAST, lead_id) WHERE owner IS NOT NULL;
-- The planner's statistics for the new columns now, not at autovacuum's next pass.
ANALYZE lead_board_scores;

CREATE FUNCTION lead_board_refresh_visibility(ids text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_advisory_xact_lock_shared(hashtext('lead_monitor.boardVisibility'));
	UPDATE lead_board_scores b SET owner = v.owner, branch = v.branch
	FROM (SELECT l.lead_id, lo.owner,
			CASE WHEN lo.lead_id IS NULL THEN coalesce(nullif(l.attributes ->> 'branch', ''), nullif(l.attributes ->> '所属机构', '')) ELSE lo.branch END AS branch
		FROM leads l LEFT JOIN lead_owners lo ON lo.lead_id = l.lead_id WHERE l.lead_id = ANY (ids)) AS v
	WHERE b.lead_id = v.lead_id AND (b.owner, b.branch) IS DISTINCT FROM (v.owner, v.branch);
END $$;

CREATE FUNCTION lead_board_owner_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		PERFORM lead_board_refresh_visibility(ARRAY[NEW.lead_id]);
	ELSIF TG_OP = 'UPDATE' THEN
		PERFORM lead_board_refresh_visibility(ARRAY[OLD.lead_id, NEW.lead_id]);
	ELSE
		PERFORM lead_board_refresh_visibility(ARRAY[OLD.lead_id]);
	END IF;
	RETURN NULL;
END $$;
CREATE TRIGGER lead_owners_board_visibility AFTER INSERT OR DELETE OR UPDATE OF lead_id, owner, branch ON lead_owners
	FOR EACH ROW EXECUTE FUNCTION lead_board_owner_changed();

CREATE FUNCTION lead_board_owners_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM lead_board_refresh_visibility(ARRAY(SELECT lead_id FROM lead_board_scores));
	RETURN NULL;
END $$;
CREATE TRIGGER lead_owners_truncate_board_visibility AFTER TRUNCATE ON lead_owners
	FOR EACH STATEMENT EXECUTE FUNCTION lead_board_owners_truncated();

CREATE FUNCTION lead_board_branch_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM lead_board_refresh_visibility(ARRAY[NEW.lead_id]);
	RETURN NULL;
END $$;
CREATE TRIGGER leads_board_branch AFTER UPDATE OF attributes ON leads FOR EACH ROW
	WHEN (coalesce(nullif(OLD.attributes ->> 'branch', ''), nullif(OLD.attributes ->> '所属机构', ''))
		IS DISTINCT FROM coalesce(nullif(NEW.attributes ->> 'branch', ''), nullif(NEW.attributes ->> '所属机构', '')))
	EXECUTE FUNCTION lead_board_branch_changed();
`,
};
