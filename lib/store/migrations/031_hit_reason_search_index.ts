import type { Migration } from './Migration';

/**
 * The board's search through indexes (issue 14, speed). It matches a hit by its lead (id,
 * masked name or phone: the leads' trigram indexes, then the hits by lead), its rule or source
 * (the few that match, from the board's kept counts, then the hits by rule or source) or its
 * reason — free text, so a trigram index here, where the server has pg_trgm. Without them the
 * search read every hit: a masked phone (4 digits) 173 ms at p50 in process at 200 k hits,
 * the slowest call of the console (bench/console). The index costs a hit written about 6 µs
 * (100 000 hits copied: 0.17–0.22 s without, 0.81–0.83 s with it).
 */
export const hitReasonSearchIndex: Migration = {
	version: 31,
	name: 'hits: a trigram index on the reason for the board search',
	sql: `
DO $$
DECLARE trgm_schema text;
BEGIN
	SELECT n.nspname INTO trgm_schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm';
	IF trgm_schema IS NOT NULL THEN
		EXECUTE format('CREATE INDEX hits_reason_trgm_idx ON hits USING gin (reason %I.gin_trgm_ops)', trgm_schema);
	END IF;
END $$;
`,
};
