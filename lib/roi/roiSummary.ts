import { type Queryable, type Store, withLocalSettings } from '../store';

/**
 * The rebuild of the days in $1. Day by day, the days' hits are materialised, and the planner,
 * which takes them for 200 hits, reads their touches and pushes by index: right for a day or
 * a few. Whole, nothing is restricted but the hits; the first push's channel is that of the
 * least push id rather than an ordered array_agg, so the pushes are summed by hashing, and
 * the channel stays a column of the ledger: the planner then expects about as many day groups
 * as there are (from the columns' statistics) and hashes them. With the array's unknown
 * number of channels it expected one group per hit and sorted 1 M rows by the eight keys.
 */
function rebuildSql(whole: boolean): string {
	const touchesOfScope = whole ? '' : 'WHERE t.hit_id IN (SELECT hit_id FROM scope)';
	const pushes = whole
		? `SELECT p.hit_id, fp.channel AS first_channel, p.sms, p.calls
			FROM (
				SELECT pl.hit_id, min(pl.push_id) AS first_push,
				       count(*) FILTER (WHERE pl.channel = 'sms') AS sms, count(*) FILTER (WHERE pl.channel = 'call') AS calls
				FROM push_ledger pl
				WHERE pl.state IN ('sent', 'delivered', 'undelivered') AND pl.hit_id IS NOT NULL
				GROUP BY pl.hit_id
			) p JOIN push_ledger fp ON fp.push_id = p.first_push`
		: `SELECT pl.hit_id, (array_agg(pl.channel ORDER BY pl.push_id))[1] AS first_channel,
			       count(*) FILTER (WHERE pl.channel = 'sms') AS sms, count(*) FILTER (WHERE pl.channel = 'call') AS calls
			FROM push_ledger pl
			WHERE pl.state IN ('sent', 'delivered', 'undelivered') AND pl.hit_id IN (SELECT hit_id FROM scope)
			GROUP BY pl.hit_id`;
	return `WITH cleared AS (
			DELETE FROM roi_day_groups g WHERE g.hit_date = ANY($1::date[])
		), scope AS (
			SELECT h.hit_id, h.hit_date, h.rule_id, h.label, h.grade, h.source, h.institution, h.control_group
			FROM hits h WHERE h.hit_date = ANY($1::date[])
		), touches AS (
			SELECT t.hit_id, bool_or(t.first_touch) AS first_touch, bool_or(t.last_touch) AS last_touch,
			       sum(c.amount_cents) FILTER (WHERE t.last_touch) AS amount_cents
			FROM conversion_touches t JOIN conversions c ON c.conversion_id = t.conversion_id
			${touchesOfScope}
			GROUP BY t.hit_id
		), pushes AS (
			${pushes}
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
		SELECT 1`;
}

/** Whole, the sums per hit are hashed: 131 MB for the touches' at 1 M hits (this statement only). */
const WHOLE_SETTINGS = { jit: 'off', work_mem: '256MB' };
const DAY_SETTINGS = { jit: 'off' };

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
 *
 * When at least half the days with hits are stale (attribution's first run, an import whose
 * conversions touch every day), touches and pushes are summed per hit over the whole tables
 * instead, each read once and hashed, the other days' hits falling out in the join: at 1 M
 * hits 6–7.5 s of backend time for all 60 days, against 14–17 s day by day (see rebuildSql).
 */
export async function refreshRoiSummary(db: Queryable | Store): Promise<number> {
	if ('transaction' in db) return db.transaction((tx) => refreshRoiSummary(tx));
	const consumed = await db.query<{ hit_date: string }>(
		`WITH consumed AS (DELETE FROM roi_stale_days RETURNING hit_date)
		 SELECT DISTINCT to_char(hit_date, 'YYYY-MM-DD') AS hit_date FROM consumed`,
	);
	const days = consumed.rows.map((row) => row.hit_date);
	if (days.length === 0) return 0;
	// Every day with hits has summary rows or is stale (the triggers mark a day as its hits come).
	const known = await db.query<{ days: string }>(
		'SELECT count(*) AS days FROM (SELECT hit_date FROM roi_day_groups UNION SELECT unnest($1::date[])) d',
		[days],
	);
	const whole = days.length * 2 >= Number(known.rows[0].days);
	await withLocalSettings(db, whole ? WHOLE_SETTINGS : DAY_SETTINGS, () => db.query(rebuildSql(whole), [days]));
	return days.length;
}
