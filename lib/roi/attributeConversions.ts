import { DEFAULT_TIME_ZONE } from '../calendar';
import { convertAttributedHits } from '../hits';
import { type Queryable, type Store, withLocalSettings } from '../store';
import type { AttributionSummary } from './ConversionImportReport';
import { ConversionError } from './ConversionError';
import { matchWaitingConversions } from './conversionStore';
import { refreshRoiSummary } from './roiSummary';

export const DEFAULT_ATTRIBUTION_WINDOW_DAYS = 30;

export interface AttributionOptions {
	/** A conversion counts for a hit when it falls on the hit day or up to this many days after. Default 30. */
	windowDays?: number;
	/** Attribute at least the conversions with this id or a later one, besides those new or stale. */
	fromConversionId?: number;
	/** The day pushes are counted in (a push counts when sent on or before the conversion day). */
	timeZone?: string;
}

/**
 * For the touches statement only. At 1 M conversions the default 4 MB hashed the hits in 16
 * batches and sorted the touches (twice, for first and last) and the ledger on disk, and JIT
 * spent 1.2 s compiling: 15.1–15.6 s of backend time against 12.0–14.4 s so (alone, rolled back).
 */
const TOUCHES_SETTINGS = { jit: 'off', work_mem: '256MB' };

export function checkedWindowDays(value: unknown): number {
	const days = value === undefined || value === null || value === '' ? DEFAULT_ATTRIBUTION_WINDOW_DAYS : Number(value);
	if (!Number.isInteger(days) || days < 0 || days > 365) {
		throw new ConversionError('归因窗口应为 0 到 365 之间的整数天 (window must be 0–365 days)', 'windowDays');
	}
	return days;
}

/**
 * Attributes conversions to hits, set-based: each conversion to every hit of the same person
 * (by ID hash — hits carry it — or, for a conversion known only by phone, through the roster
 * leads with that phone hash) whose hit day is at most `windowDays` before the conversion
 * day, marking the first and the last touch and the last push of the hit sent by then. Then
 * the report's summary of the days whose touches changed is rebuilt, and the attributed hits
 * move to 营销已转化 (source: imported).
 *
 * Incremental: only conversions not attributed yet (after roi_attribution_state's last one)
 * and those the triggers of migration 20 queued (their person got a hit, a hit they touch got
 * a push, a touch went with its hit) are attributed again; a changed window attributes all.
 * A re-run with the same data reads the empty queue and writes nothing.
 */
export async function attributeConversions(db: Queryable | Store, options: AttributionOptions = {}): Promise<AttributionSummary> {
	const windowDays = checkedWindowDays(options.windowDays);
	// One transaction: the flag below must hold for every statement, and the queue is consumed only if all is written.
	if ('transaction' in db) return db.transaction((tx) => attributeConversions(tx, options));
	// Serialised with imports (which hold it already) and other runs.
	await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['lead_monitor:conversion-import']);
	await matchWaitingConversions(db);
	await db.query("SELECT set_config('lead_monitor.attributing', 'on', true)");
	const state = await db.query<{ window_days: number; through: string }>(
		'SELECT window_days, through_conversion_id AS through FROM roi_attribution_state',
	);
	const all = state.rows.length === 0 || state.rows[0].window_days !== windowDays;
	// Conversions after this one are attributed whole; of the others only those queued.
	const after = all ? 0 : Math.min(Number(state.rows[0].through), (options.fromConversionId ?? Number.MAX_SAFE_INTEGER) - 1);
	const queued = await db.query<{ conversion_id: string }>('WITH q AS (DELETE FROM roi_stale_conversions RETURNING conversion_id) SELECT DISTINCT conversion_id FROM q');
	const stale = all ? [] : queued.rows.map((row) => row.conversion_id);
	// Each hit's last push, from the whole ledger when every conversion is attributed, else of the hits touched.
	const pushScope = all ? '' : 'AND pl.hit_id IN (SELECT hit_id FROM person_hits)';
	const written = await withLocalSettings(db, TOUCHES_SETTINGS, () =>
		db.query<{ touches: string; conversions: string; first_conversion: string | null }>(
			`WITH scope AS NOT MATERIALIZED (
			SELECT c.conversion_id, c.id_hash, c.phone_hash, c.converted_on FROM conversions c
			WHERE c.conversion_id > $3 OR c.conversion_id = ANY($4::bigint[])
		), person_hits AS (
			SELECT c.conversion_id, c.converted_on, h.hit_id, h.rule_id, h.hit_date
			FROM scope c JOIN hits h ON h.id_hash = c.id_hash
			WHERE h.hit_date <= c.converted_on AND h.hit_date >= c.converted_on - $1::int
			-- The two paths never meet: the second takes only conversions without an ID hash.
			UNION ALL
			SELECT c.conversion_id, c.converted_on, h.hit_id, h.rule_id, h.hit_date
			FROM scope c JOIN leads l ON l.phone_hash = c.phone_hash JOIN hits h ON h.lead_id = l.lead_id
			WHERE c.id_hash IS NULL AND h.hit_date <= c.converted_on AND h.hit_date >= c.converted_on - $1::int
		), latest_push AS (
			-- Each hit's last push sent, joined by hash: a hit's pushes go out around its day, before
			-- the conversion, so this is nearly always the touch's push. An index probe per touch
			-- cost more than the window join.
			SELECT DISTINCT ON (pl.hit_id) pl.hit_id, pl.push_id, pl.channel, (coalesce(pl.sent_at, pl.decided_at) AT TIME ZONE $2)::date AS sent_on
			FROM push_ledger pl
			WHERE pl.state IN ('sent', 'delivered', 'undelivered') AND pl.hit_id IS NOT NULL ${pushScope}
			ORDER BY pl.hit_id, coalesce(pl.sent_at, pl.decided_at) DESC, pl.push_id DESC
		), pushed AS (
			-- The push a touch counts: the hit's last, unless it came after the conversion; then the
			-- last one sent by then, looked up for those touches alone (a lateral join ran for every
			-- touch: 1.6 s of nothing for 674 k).
			SELECT p.*, lp.push_id AS latest_push_id, lp.channel AS latest_channel,
			       CASE WHEN lp.sent_on <= p.converted_on THEN lp.push_id
			            WHEN lp.sent_on > p.converted_on THEN (
			              SELECT pl.push_id FROM push_ledger pl
			              WHERE pl.hit_id = p.hit_id AND pl.state IN ('sent', 'delivered', 'undelivered')
			                AND (coalesce(pl.sent_at, pl.decided_at) AT TIME ZONE $2)::date <= p.converted_on
			              ORDER BY coalesce(pl.sent_at, pl.decided_at) DESC, pl.push_id DESC LIMIT 1)
			       END AS push_id
			FROM person_hits p
			LEFT JOIN latest_push lp ON lp.hit_id = p.hit_id
		), fresh AS (
			SELECT p.conversion_id, p.hit_id, p.rule_id, p.converted_on - p.hit_date AS days_after_hit, p.hit_date,
			       row_number() OVER (PARTITION BY p.conversion_id ORDER BY p.hit_date, p.hit_id) = 1 AS first_touch,
			       row_number() OVER (PARTITION BY p.conversion_id ORDER BY p.hit_date DESC, p.hit_id DESC) = 1 AS last_touch,
			       p.push_id,
			       CASE WHEN p.push_id = p.latest_push_id THEN p.latest_channel
			            WHEN p.push_id IS NOT NULL THEN (SELECT pl.channel FROM push_ledger pl WHERE pl.push_id = p.push_id)
			       END AS channel
			FROM pushed p
		), removed AS (
			-- Touches of the attributed conversions the window no longer holds.
			DELETE FROM conversion_touches t USING scope s
			WHERE t.conversion_id = s.conversion_id
			  AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.conversion_id = t.conversion_id AND f.hit_id = t.hit_id)
			RETURNING t.hit_id
		), upserted AS (
			-- ON CONFLICT, not NOT EXISTS: planned against a still empty table, the anti-join scanned it
			-- whole per touch while the statement filled it (minutes at 674 k touches).
			INSERT INTO conversion_touches (conversion_id, hit_id, rule_id, days_after_hit, first_touch, last_touch, push_id, channel)
			SELECT f.conversion_id, f.hit_id, f.rule_id, f.days_after_hit, f.first_touch, f.last_touch, f.push_id, f.channel
			FROM fresh f WHERE f.conversion_id <= (SELECT coalesce(max(t.conversion_id), 0) FROM conversion_touches t)
			ON CONFLICT (conversion_id, hit_id) DO UPDATE SET
				rule_id = EXCLUDED.rule_id, days_after_hit = EXCLUDED.days_after_hit, first_touch = EXCLUDED.first_touch,
				last_touch = EXCLUDED.last_touch, push_id = EXCLUDED.push_id, channel = EXCLUDED.channel
			WHERE (conversion_touches.first_touch, conversion_touches.last_touch, conversion_touches.push_id, conversion_touches.channel,
			       conversion_touches.days_after_hit)
			      IS DISTINCT FROM (EXCLUDED.first_touch, EXCLUDED.last_touch, EXCLUDED.push_id, EXCLUDED.channel, EXCLUDED.days_after_hit)
			RETURNING conversion_id
		), inserted AS (
			-- A conversion after the last one with touches has none yet: its touches go in without
			-- ON CONFLICT's probe and speculative insertion (all of them on a first run).
			INSERT INTO conversion_touches (conversion_id, hit_id, rule_id, days_after_hit, first_touch, last_touch, push_id, channel)
			SELECT f.conversion_id, f.hit_id, f.rule_id, f.days_after_hit, f.first_touch, f.last_touch, f.push_id, f.channel
			FROM fresh f WHERE f.conversion_id > (SELECT coalesce(max(t.conversion_id), 0) FROM conversion_touches t)
			RETURNING conversion_id
		), written AS (
			SELECT conversion_id FROM upserted UNION ALL SELECT conversion_id FROM inserted
		), stale_days AS (
			-- The days of every touch attributed, not only of those written: the scope is new or queued
			-- conversions, whose touches are mostly new (and a queued push marked its day already).
			INSERT INTO roi_stale_days (hit_date)
			SELECT DISTINCT f.hit_date FROM fresh f
			UNION
			SELECT h.hit_date FROM hits h WHERE h.hit_id IN (SELECT hit_id FROM removed)
		)
		SELECT (SELECT count(*) FROM written) + (SELECT count(*) FROM removed) AS touches,
		       (SELECT count(*) FILTER (WHERE first_touch) FROM fresh) AS conversions,
		       (SELECT min(conversion_id) FROM written) AS first_conversion`,
			[windowDays, options.timeZone ?? DEFAULT_TIME_ZONE, after, stale],
		),
	);
	await db.query(
		`INSERT INTO roi_attribution_state (window_days, through_conversion_id)
		 SELECT $1, coalesce(max(conversion_id), 0) FROM conversions
		 ON CONFLICT (singleton) DO UPDATE SET window_days = EXCLUDED.window_days,
		   through_conversion_id = CASE WHEN roi_attribution_state.window_days = EXCLUDED.window_days
		     THEN greatest(roi_attribution_state.through_conversion_id, EXCLUDED.through_conversion_id) ELSE EXCLUDED.through_conversion_id END`,
		[windowDays],
	);
	await db.query("SELECT set_config('lead_monitor.attributing', 'off', true)");
	// After a large write the statistics still describe the table before it: the summary's rebuild
	// then planned a nested loop over 674 k touches believed absent (minutes, not seconds, at 1 M).
	if (Number(written.rows[0]?.touches ?? 0) > 10_000) await db.query('ANALYZE conversion_touches');
	// The summary first: it reads no status, and before the move the hits have no second row
	// version to step over (16.3 s after the move at 1 M, against 9.9 s for the same rebuild then vacuumed).
	await refreshRoiSummary(db);
	const firstConversion = written.rows[0]?.first_conversion;
	// Only new or changed touches can move a hit (a re-run writes none, so reads no hit).
	const hitsConverted = firstConversion === null || firstConversion === undefined ? 0 : await convertAttributedHits(db, Number(firstConversion));
	return {
		windowDays,
		attributedConversions: Number(written.rows[0]?.conversions ?? 0),
		touchesWritten: Number(written.rows[0]?.touches ?? 0),
		hitsConverted,
	};
}
