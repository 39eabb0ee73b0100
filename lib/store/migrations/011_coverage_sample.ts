import type { Migration } from './Migration';

/**
 * The coverage preview's fixed sample of ID hashes (lib/monitor/coverageSample.ts): the IDs
 * whose keyed hash begins with a byte below 4, 1/64 of them (the hash is HMAC-SHA-256, so the
 * share holds for any roster). Two partial indexes keep the sample at ingest: the sampled
 * call events with every column the coverage needs (an index-only scan of 1/64 of the rows
 * instead of the whole range), and the sampled roster leads in the order the aggregate
 * joins them, with their profile facts (an index-only scan while leads is vacuumed). The first byte of id_hash is the hash's version, so the sample is decided by
 * the second; substr, not get_byte, so no value can make an insert fail. The queries repeat
 * the predicate word for word: that is how PostgreSQL knows the indexes apply. The
 * statistics on the leads' expression tell the planner the sample is 1/64, not the third
 * it assumes for an inequality, so it reads the roster's index alone.
 */
export const coverageSample: Migration = {
	version: 11,
	name: "the coverage preview's sample of ID hashes (partial indexes)",
	sql: `
CREATE INDEX call_events_coverage_sample_idx ON call_events (id_hash, event_date)
	INCLUDE (institution, event_type, hour_of_day)
	WHERE substr(id_hash, 2, 1) < '\\x04'::bytea;

CREATE INDEX leads_coverage_sample_idx ON leads (id_key, created_at, lead_id)
	INCLUDE (id_hash, source_channel, industry, status, tags, attributes)
	WHERE substr(id_key, 2, 1) < '\\x04'::bytea;
CREATE STATISTICS leads_coverage_sample_stats ON (substr(id_key, 2, 1)) FROM leads;
`,
};
