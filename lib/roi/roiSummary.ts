import type { Queryable, Store } from '../store';

/**
 * Rebuilds the report's summary (roi_day_groups, migration 20) for the days marked stale
 * since the last refresh — by attribution, and by the triggers on hits, pushes and touches —
 * from hits, touches and the ledger: per day and every dimension at once, the hits, those
 * with a push sent (its first channel is a dimension), with a conversion, first and last
 * touches, the amount of the conversions last touched there, messages and calls. One
 * transaction: the marks consumed and their days' rows replaced whole commit together, and a
 * day marked meanwhile is rebuilt by the next refresh. Returns the days rebuilt.
 *
 * The days are read first and given to the rebuild as values, so the planner sizes it by
 * them: as a CTE it planned every day (all hits, the whole ledger and conversions read) even
 * for the one day a push marked, or for none. JIT is off for the rebuild: its estimates of the
 * left joins run to millions of rows, and compiling took 0.44 s of a day's 0.8 s at 1 M hits.
 */
export async function refreshRoiSummary(db: Queryable | Store): Promise<number> {
	if ('transaction' in db) return db.transaction((tx) => refreshRoiSummary(tx));
	const consumed = await db.query<{ hit_date: string }>(
		`WITH consumed AS (DELETE FROM roi_stale_days RETURNING hit_date)
		 SELECT DISTINCT to_char(hit_date, 'YYYY-MM-DD') AS hit_date FROM consumed`,
	);
	const days = consumed.rows.map((row) => row.hit_date);
	if (days.length === 0) return 0;
	const jit = await db.query<{ jit: string }>("SELECT current_setting('jit', true) AS jit");
	await db.query("SELECT set_config('jit', 'off', true)");
	await db.query(
		`WITH cleared AS (
			DELETE FROM roi_day_groups g WHERE g.hit_date = ANY($1::date[])
		), scope AS (
			SELECT h.hit_id, h.hit_date, h.rule_id, h.label, h.grade, h.source, h.institution, h.control_group
			FROM hits h WHERE h.hit_date = ANY($1::date[])
		), touches AS (
			SELECT t.hit_id, bool_or(t.first_touch) AS first_touch, bool_or(t.last_touch) AS last_touch,
			       sum(c.amount_cents) FILTER (WHERE t.last_touch) AS amount_cents
			FROM conversion_touches t JOIN conversions c ON c.conversion_id = t.conversion_id
			WHERE t.hit_id IN (SELECT hit_id FROM scope)
			GROUP BY t.hit_id
		), pushes AS (
			SELECT pl.hit_id, (array_agg(pl.channel ORDER BY pl.push_id))[1] AS first_channel,
			       count(*) FILTER (WHERE pl.channel = 'sms') AS sms, count(*) FILTER (WHERE pl.channel = 'call') AS calls
			FROM push_ledger pl
			WHERE pl.state IN ('sent', 'delivered', 'undelivered') AND pl.hit_id IN (SELECT hit_id FROM scope)
			GROUP BY pl.hit_id
		), inserted AS (
			INSERT INTO roi_day_groups (hit_date, rule_id, label, grade, source, institution, control_group, push_channel,
			                            hits, pushed, converted, first_touch, last_touch, amount_cents, sms, calls)
			SELECT h.hit_date, h.rule_id, h.label, coalesce(h.grade, ''), coalesce(h.source, ''), coalesce(h.institution, ''),
			       h.control_group, coalesce(p.first_channel, 'none'),
			       count(*), count(p.hit_id), count(t.hit_id), count(*) FILTER (WHERE t.first_touch), count(*) FILTER (WHERE t.last_touch),
			       coalesce(sum(t.amount_cents), 0), coalesce(sum(p.sms), 0), coalesce(sum(p.calls), 0)
			FROM scope h
			LEFT JOIN touches t ON t.hit_id = h.hit_id
			LEFT JOIN pushes p ON p.hit_id = h.hit_id
			GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
		)
		SELECT 1`,
		[days],
	);
	await db.query("SELECT set_config('jit', $1, true)", [jit.rows[0]?.jit ?? 'on']);
	return days.length;
}
