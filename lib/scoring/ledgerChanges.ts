import type { Queryable } from '../store';

/**
 * What a run adds to and takes from the ledger, per lead and group (a temporary table of the
 * run's transaction): every statement that inserts or deletes ledger entries records the sum
 * of their `points`, and the run adds the sums to lead_score_totals once (leadScores). So each
 * lead's totals stay exactly the sum of its entries, and only leads whose ledger changed are
 * written.
 */
const CHANGES = 'lead_score_changes';

export async function openLedgerChanges(tx: Queryable): Promise<void> {
	await tx.query(`CREATE TEMPORARY TABLE IF NOT EXISTS ${CHANGES} (lead_id text NOT NULL, score_group text NOT NULL, points numeric NOT NULL, entries integer NOT NULL) ON COMMIT DROP`);
}

/** An `INSERT INTO lead_score_entries …` (without RETURNING) that also records what it added. */
function recordingInsert(insert: string): string {
	return `WITH added AS (${insert} RETURNING lead_id, score_group, points)
		INSERT INTO ${CHANGES} (lead_id, score_group, points, entries) SELECT lead_id, score_group, sum(points), count(*) FROM added GROUP BY lead_id, score_group`;
}

/**
 * How a run writes an `INSERT INTO lead_score_entries … SELECT …` (without ON CONFLICT or
 * RETURNING). Adding days: an entry already there is kept (a source counts once however
 * often its day is read) and what is added is recorded. Rebuilding: the ledger was emptied
 * and its indexes dropped (ledgerIndexes), the sources yield each key once, and the totals
 * are summed from the ledger afterwards — so the rows go in as they are, with no index,
 * conflict check or RETURNING per row (measured at 100 k leads / 1 M events: the event
 * insert took 25.6 s with them, 10.8 s without, before its rows were slimmed).
 */
export function ledgerInsert(insert: string, rebuilding: boolean): string {
	return rebuilding ? insert : recordingInsert(`${insert} ON CONFLICT (lead_id, entry_key) DO NOTHING`);
}

/** A `DELETE FROM lead_score_entries e …` (aliased `e`, without RETURNING) that also records what it took away. */
export function recordingDelete(deletion: string): string {
	return `WITH gone AS (${deletion} RETURNING e.lead_id, e.score_group, e.points)
		INSERT INTO ${CHANGES} (lead_id, score_group, points, entries) SELECT lead_id, score_group, -sum(points), -count(*) FROM gone GROUP BY lead_id, score_group`;
}

/**
 * A `WITH …` whose last CTE, `added`, yields (lead_id, points_sum, entries) of the compact
 * ledger rows a statement wrote (negative: took away) for `group`, completed to record them.
 */
export function recordRowChanges(withAdded: string, group: 'events' | 'profile'): string {
	return `${withAdded}
		INSERT INTO ${CHANGES} (lead_id, score_group, points, entries) SELECT lead_id, '${group}', points_sum, entries FROM added`;
}

/** Leads to (re)score with no entry added or removed (leads new or changed since the last run). */
export function touchLeads(condition: string): string {
	return `INSERT INTO ${CHANGES} (lead_id, score_group, points, entries) SELECT l.lead_id, 'profile', 0, 0 FROM leads l WHERE ${condition}`;
}

/** Sums of `points` per group, as columns profile … negative (over ledger or change rows). */
export const GROUP_SUMS = `coalesce(sum(points) FILTER (WHERE score_group = 'profile'), 0) AS profile,
	coalesce(sum(points) FILTER (WHERE score_group = 'events'), 0) AS events,
	coalesce(sum(points) FILTER (WHERE score_group = 'hits'), 0) AS hits,
	coalesce(sum(points) FILTER (WHERE score_group = 'outcomes'), 0) AS outcomes,
	coalesce(sum(points) FILTER (WHERE score_group = 'negative'), 0) AS negative`;

/** What the run added to and took from each changed lead's sums (per group; 0 for a lead only touched), as a subquery. */
export const CHANGED_SUMS = `SELECT lead_id, ${GROUP_SUMS} FROM ${CHANGES} GROUP BY lead_id`;

/** How many entries the run added less those it took away. */
export async function ledgerEntriesAdded(tx: Queryable): Promise<number> {
	const result = await tx.query<{ entries: string }>(`SELECT coalesce(sum(entries), 0)::text AS entries FROM ${CHANGES}`);
	return Number(result.rows[0].entries);
}

/** The leads whose ledger this run changed (or that are new), as a subquery. */
export const CHANGED_LEADS = `SELECT lead_id FROM ${CHANGES}`;
