import type { Queryable } from '../store';

/**
 * The hits counted (migration 030), as FROM items: each kept table with the changes appended
 * since it was last folded in. A group may add up to 0: read sums, and drop the groups whose
 * sum is 0.
 * - by slot: (created_slot, status, hits), a quarter hour of arrival. A day or month starting at
 *   local midnight starts on a slot in every time zone, so counts between such instants are exact.
 * - by source: (source, hits).
 * - by rule: (rule_id, rule_version, label, hits).
 */
export const BOARD_HITS_BY_SLOT_SQL = `(SELECT created_slot, status, hits FROM board_hits_by_slot
	UNION ALL SELECT created_slot, status, hits FROM board_hit_count_changes)`;
export const BOARD_HITS_BY_SOURCE_SQL = `(SELECT source, hits FROM board_hits_by_source
	UNION ALL SELECT source, hits FROM board_hit_count_changes)`;
export const BOARD_HITS_BY_RULE_SQL = `(SELECT rule_id, rule_version, label, hits FROM board_hits_by_rule
	UNION ALL SELECT rule_id, rule_version, label, hits FROM board_hit_count_changes)`;

/** Changes read beside the counts before they are folded in: a board view reads them all. */
const FOLD_AFTER = 1_000;

/**
 * Folds the appended changes into the three tables once there are more than `after`, in one
 * statement (so in one transaction: a reader sees the changes or the counts they went into,
 * never both or neither); one board view at a time does it, the others skip it.
 */
export async function foldBoardHitCounts(db: Queryable, after = FOLD_AFTER): Promise<void> {
	await db.query(
		`WITH due AS (
			SELECT (SELECT count(*) FROM (SELECT 1 FROM board_hit_count_changes LIMIT $1) AS c) > $2
				AND pg_try_advisory_xact_lock(hashtext('lead_monitor.boardHitCounts')) AS yes
		 ), folded AS (
			DELETE FROM board_hit_count_changes WHERE (SELECT yes FROM due) RETURNING *
		 ), by_slot AS (
			INSERT INTO board_hits_by_slot AS k (created_slot, status, hits)
			SELECT created_slot, status, sum(hits) FROM folded GROUP BY 1, 2 ORDER BY 1, 2
			ON CONFLICT (created_slot, status) DO UPDATE SET hits = k.hits + EXCLUDED.hits
		 ), by_source AS (
			INSERT INTO board_hits_by_source AS k (source, hits)
			SELECT source, sum(hits) FROM folded GROUP BY 1 ORDER BY 1
			ON CONFLICT ON CONSTRAINT board_hits_by_source_group DO UPDATE SET hits = k.hits + EXCLUDED.hits
		 )
		 INSERT INTO board_hits_by_rule AS k (rule_id, rule_version, label, hits)
		 SELECT rule_id, rule_version, label, sum(hits) FROM folded GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
		 ON CONFLICT ON CONSTRAINT board_hits_by_rule_group DO UPDATE SET hits = k.hits + EXCLUDED.hits`,
		[after + 1, after],
	);
}
