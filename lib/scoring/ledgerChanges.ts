import type { Queryable } from '../store';

/**
 * What a run adds to and takes from the ledger, per lead and group (a temporary table of the
 * run's transaction): every statement that inserts or deletes ledger entries records the sum
 * of their `points`, and the run applies the sums to lead_score_totals once. So each lead's
 * totals stay exactly the sum of its entries, and only leads whose ledger changed are written.
 */
const CHANGES = 'lead_score_changes';

export async function openLedgerChanges(tx: Queryable): Promise<void> {
	await tx.query(`CREATE TEMPORARY TABLE IF NOT EXISTS ${CHANGES} (lead_id text NOT NULL, score_group text NOT NULL, points numeric NOT NULL, entries integer NOT NULL) ON COMMIT DROP`);
}

/** An `INSERT INTO lead_score_entries …` (without RETURNING) that also records what it added. */
export function recordingInsert(insert: string): string {
	return `WITH added AS (${insert} RETURNING lead_id, score_group, points)
		INSERT INTO ${CHANGES} (lead_id, score_group, points, entries) SELECT lead_id, score_group, sum(points), count(*) FROM added GROUP BY lead_id, score_group`;
}

/** A `DELETE FROM lead_score_entries e …` (aliased `e`, without RETURNING) that also records what it took away. */
export function recordingDelete(deletion: string): string {
	return `WITH gone AS (${deletion} RETURNING e.lead_id, e.score_group, e.points)
		INSERT INTO ${CHANGES} (lead_id, score_group, points, entries) SELECT lead_id, score_group, -sum(points), -count(*) FROM gone GROUP BY lead_id, score_group`;
}

/** Leads to (re)score with no entry added or removed (leads new or changed since the last run). */
export function touchLeads(condition: string): string {
	return `INSERT INTO ${CHANGES} (lead_id, score_group, points, entries) SELECT l.lead_id, 'profile', 0, 0 FROM leads l WHERE ${condition}`;
}

const SUMS = `coalesce(sum(points) FILTER (WHERE score_group = 'profile'), 0) AS profile,
	coalesce(sum(points) FILTER (WHERE score_group = 'events'), 0) AS events,
	coalesce(sum(points) FILTER (WHERE score_group = 'hits'), 0) AS hits,
	coalesce(sum(points) FILTER (WHERE score_group = 'outcomes'), 0) AS outcomes,
	coalesce(sum(points) FILTER (WHERE score_group = 'negative'), 0) AS negative`;

/**
 * Adds the run's changes to each lead's totals (a row per lead appears with its first change;
 * a row whose sums do not move is not written). On a rebuild the ledger was emptied first, so
 * the changes are the totals: every lead's row is set to them (0 for a lead with no entries).
 */
export async function applyLedgerChanges(tx: Queryable, rebuilt: boolean): Promise<void> {
	const source = rebuilt
		? `SELECT l.lead_id, coalesce(c.profile, 0) AS profile, coalesce(c.events, 0) AS events, coalesce(c.hits, 0) AS hits,
				coalesce(c.outcomes, 0) AS outcomes, coalesce(c.negative, 0) AS negative
			FROM leads l LEFT JOIN (SELECT lead_id, ${SUMS} FROM ${CHANGES} GROUP BY lead_id) AS c ON c.lead_id = l.lead_id`
		: `SELECT lead_id, ${SUMS} FROM ${CHANGES} GROUP BY lead_id`;
	const set = rebuilt
		? `profile = EXCLUDED.profile, events = EXCLUDED.events, hits = EXCLUDED.hits, outcomes = EXCLUDED.outcomes, negative = EXCLUDED.negative`
		: `profile = t.profile + EXCLUDED.profile, events = t.events + EXCLUDED.events, hits = t.hits + EXCLUDED.hits,
			outcomes = t.outcomes + EXCLUDED.outcomes, negative = t.negative + EXCLUDED.negative`;
	const changed = rebuilt
		? `(t.profile, t.events, t.hits, t.outcomes, t.negative) IS DISTINCT FROM (EXCLUDED.profile, EXCLUDED.events, EXCLUDED.hits, EXCLUDED.outcomes, EXCLUDED.negative)`
		: `(EXCLUDED.profile, EXCLUDED.events, EXCLUDED.hits, EXCLUDED.outcomes, EXCLUDED.negative) <> (0, 0, 0, 0, 0)`;
	await tx.query(
		`INSERT INTO lead_score_totals AS t (lead_id, profile, events, hits, outcomes, negative)
		 ${source}
		 ON CONFLICT (lead_id) DO UPDATE SET ${set}, updated_at = now()
		 WHERE ${changed}`,
	);
}

/** How many entries the run added less those it took away. */
export async function ledgerEntriesAdded(tx: Queryable): Promise<number> {
	const result = await tx.query<{ entries: string }>(`SELECT coalesce(sum(entries), 0)::text AS entries FROM ${CHANGES}`);
	return Number(result.rows[0].entries);
}

/** The leads whose ledger this run changed (or that are new), as a subquery. */
export const CHANGED_LEADS = `SELECT lead_id FROM ${CHANGES}`;
