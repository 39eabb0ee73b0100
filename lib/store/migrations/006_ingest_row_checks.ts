import type { Migration } from './Migration';

/**
 * Two checks PostgreSQL made for every row the ingest copies, though the ingest alone
 * writes these rows and already guarantees what they checked:
 *
 * - call_events.hour_of_day loses its CHECK (BETWEEN 0 AND 23): the ingest derives the
 *   hour from the timestamp it has just parsed (tested), while the check was an
 *   expression evaluated per row, ~3 % of the server's CPU in a 10 M-row load.
 * - ingest_rejects loses its foreign key to ingest_batches: rejects are written inside
 *   their batch's transaction, after the batch row. The key's trigger looked the batch up
 *   once per reject: writing 100 000 rejects took the server 1.1 s, during which the
 *   load stood still. The batch's rejects are deleted with it explicitly
 *   (discardIncompleteBatch, retention), as the cascade did.
 */
export const ingestRowChecks: Migration = {
	version: 6,
	name: 'no per-row checks the ingest already guarantees (hour CHECK, rejects foreign key)',
	sql: `
DO $$
DECLARE found record;
BEGIN
	FOR found IN
		SELECT conrelid::regclass AS table_name, conname FROM pg_constraint
		WHERE (conrelid = 'call_events'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%hour_of_day%')
		   OR (conrelid = 'ingest_rejects'::regclass AND contype = 'f')
	LOOP
		EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', found.table_name, found.conname);
	END LOOP;
END $$;
`,
};
