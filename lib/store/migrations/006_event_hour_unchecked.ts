import type { Migration } from './Migration';

/**
 * call_events.hour_of_day loses its CHECK (BETWEEN 0 AND 23). The ingest is the only
 * writer and derives the hour from the timestamp it has just parsed (tested), while the
 * check was an expression evaluated for every copied row: ~3 % of the server's CPU in a
 * 10 M-row load (perf: ExecConstraints, ExecCheck and the expression interpreter).
 */
export const eventHourUnchecked: Migration = {
	version: 6,
	name: 'call_events.hour_of_day without a per-row CHECK',
	sql: `
DO $$
DECLARE constraint_name text;
BEGIN
	FOR constraint_name IN
		SELECT conname FROM pg_constraint
		WHERE conrelid = 'call_events'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%hour_of_day%'
	LOOP
		EXECUTE format('ALTER TABLE call_events DROP CONSTRAINT %I', constraint_name);
	END LOOP;
END $$;
`,
};
