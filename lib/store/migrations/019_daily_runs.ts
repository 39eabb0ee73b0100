import type { Migration } from './Migration';

/**
 * One row per business date the daily run evaluated (lib/monitor/dailyRuns.ts): a missed
 * schedule leaves a hole between two dates, which the next run, the board and the health
 * check report instead of skipping the day silently.
 */
export const dailyRuns: Migration = {
	version: 19,
	name: 'daily runs by business date (missed runs are reported)',
	sql: `
CREATE TABLE daily_runs (
	business_date     date PRIMARY KEY,
	first_finished_at timestamptz NOT NULL,
	last_finished_at  timestamptz NOT NULL,
	runs              integer NOT NULL DEFAULT 1,
	new_hits          integer NOT NULL DEFAULT 0,
	log_gaps          jsonb NOT NULL DEFAULT '[]'
);
`,
};
