import type { Migration } from './Migration';

/**
 * The push grade stored on each hit (issue 14, speed). A hit is pushed by its lead's fit
 * letter once the lead is scored, else by its rule's grade (lib/hits' PUSH_GRADE_SQL). Read
 * from lead_score_totals per hit, no index could hold it: the board's grade sort sorted every
 * hit (817 ms a deep page through n8n at 200 k hits), a grade filter probed the totals once per
 * hit (190 ms to count one status and grade).
 *
 * `push_grade` is taken when the hit is written or its grade changes (the trigger below), and
 * set again by each scoring run for the leads whose letter changed, in the run's own
 * transaction (lib/hits' copyLeadFitsToHits). A plain column, not an expression over the fit
 * and the grade: an index on an expression is read row by row from the table (a deep page by
 * grade 200–380 ms), one on columns from the index alone.
 */
export const hitPushGrade: Migration = {
	version: 29,
	name: 'hits: the push grade stored',
	sql: `
ALTER TABLE hits ADD COLUMN push_grade text;
UPDATE hits h SET push_grade = coalesce((SELECT t.fit FROM lead_score_totals t WHERE t.lead_id = h.lead_id), h.grade);

CREATE FUNCTION hits_take_push_grade() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	NEW.push_grade := coalesce((SELECT t.fit FROM lead_score_totals t WHERE t.lead_id = NEW.lead_id), NEW.grade);
	RETURN NEW;
END $$;
CREATE TRIGGER hits_take_push_grade BEFORE INSERT OR UPDATE OF lead_id, grade ON hits
	FOR EACH ROW EXECUTE FUNCTION hits_take_push_grade();

-- The grade sort's default order (A first, newest first within a grade); a grade filter in the board's default order.
CREATE INDEX hits_push_grade_idx ON hits (push_grade, hit_date DESC, hit_id DESC);
`,
};
