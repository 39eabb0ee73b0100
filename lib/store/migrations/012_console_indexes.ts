import type { Migration } from './Migration';

/**
 * For the console at a bank's size (1 M leads, 200 k hits; bench/console):
 *
 * - The roster's pages read their lead ids from an index alone (lib/roster's listLeads), so
 *   each sort has one that holds the order and the columns its filters and search read
 *   (status, source, name, lead id): a deep page skips index entries, not table rows.
 *   The newest-first index replaces the one on created_at alone.
 * - Partial indexes for the two rare filters (no ID number; flagged).
 * - The board's sorts (hit date, arrival, grade and status, both ways), and what its
 *   aggregates read (KPIs and trend: arrival and status; the source mix; the rule filter's
 *   options), so that each reads an index instead of the whole table.
 * - Trigram indexes for the searches, where PostgreSQL has pg_trgm.
 */
export const consoleIndexes: Migration = {
	version: 12,
	name: 'indexes for the console roster and board',
	sql: `
DROP INDEX IF EXISTS leads_created_at_idx;
CREATE INDEX leads_newest_idx ON leads (created_at, lead_id) INCLUDE (status, source_channel, name);
CREATE INDEX leads_name_idx ON leads (name, lead_id) INCLUDE (status, source_channel);
CREATE INDEX leads_name_desc_idx ON leads (name DESC NULLS LAST, lead_id DESC) INCLUDE (status, source_channel);
CREATE INDEX leads_unmonitorable_idx ON leads (created_at, lead_id) WHERE id_hash IS NULL;
CREATE INDEX leads_flagged_idx ON leads (created_at, lead_id) WHERE flags <> '{}';

DROP INDEX IF EXISTS hits_hit_date_idx;
CREATE INDEX hits_hit_date_idx ON hits (hit_date, hit_id);
CREATE INDEX hits_created_at_idx ON hits (created_at, hit_id) INCLUDE (status);
CREATE INDEX hits_grade_idx ON hits (grade, hit_date DESC, hit_id DESC);
CREATE INDEX hits_grade_desc_idx ON hits (grade DESC NULLS LAST, hit_date DESC, hit_id DESC);
CREATE INDEX hits_source_idx ON hits (source);
CREATE INDEX hits_rule_idx ON hits (rule_id, rule_version, label);
CREATE INDEX hits_status_order_idx ON hits (array_position(ARRAY['pending', 'in_progress', 'converted', 'contact_failed'], status), hit_date DESC, hit_id DESC);

-- Searches for part of a lead id, a name or a masked phone: trigram indexes where PostgreSQL
-- has pg_trgm (a trusted extension; PGlite and servers without it keep scanning).
DO $$
DECLARE trgm_schema text;
BEGIN
	BEGIN
		CREATE EXTENSION IF NOT EXISTS pg_trgm;
	EXCEPTION WHEN OTHERS THEN
		RETURN;
	END;
	SELECT n.nspname INTO trgm_schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm';
	EXECUTE format('CREATE INDEX leads_lead_id_trgm_idx ON leads USING gin (lead_id %I.gin_trgm_ops)', trgm_schema);
	EXECUTE format('CREATE INDEX leads_name_trgm_idx ON leads USING gin (name %I.gin_trgm_ops)', trgm_schema);
	EXECUTE format('CREATE INDEX leads_masked_trgm_idx ON leads USING gin (name_masked %1$I.gin_trgm_ops, phone_masked %1$I.gin_trgm_ops)', trgm_schema);
END $$;
`,
};
