import { DEFAULT_TIME_ZONE } from '../calendar';
import { convertAttributedHits } from '../hits';
import type { Queryable } from '../store';
import type { AttributionSummary } from './ConversionImportReport';
import { ConversionError } from './ConversionError';
import { matchWaitingConversions } from './conversionStore';

export const DEFAULT_ATTRIBUTION_WINDOW_DAYS = 30;

export interface AttributionOptions {
	/** A conversion counts for a hit when it falls on the hit day or up to this many days after. Default 30. */
	windowDays?: number;
	/** Attribute only conversions with this id or a later one (one import's); all when left out. */
	fromConversionId?: number;
	/** The day pushes are counted in (a push counts when sent on or before the conversion day). */
	timeZone?: string;
}

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
 * the attributed hits move to 营销已转化 (source: imported). Idempotent: a re-run with the
 * same data writes nothing; a later hit or a changed window updates the touches.
 */
export async function attributeConversions(db: Queryable, options: AttributionOptions = {}): Promise<AttributionSummary> {
	const windowDays = checkedWindowDays(options.windowDays);
	const from = options.fromConversionId ?? 0;
	await matchWaitingConversions(db);
	const written = await db.query<{ touches: string; conversions: string }>(
		`WITH scope AS (
			SELECT conversion_id, id_hash, phone_hash, converted_on FROM conversions WHERE conversion_id >= $1
		), person_hits AS (
			SELECT c.conversion_id, c.converted_on, h.hit_id, h.rule_id, h.hit_date
			FROM scope c JOIN hits h ON h.id_hash = c.id_hash
			WHERE h.hit_date <= c.converted_on AND h.hit_date >= c.converted_on - $2::int
			-- The two paths never meet: the second takes only conversions without an ID hash.
			UNION ALL
			SELECT c.conversion_id, c.converted_on, h.hit_id, h.rule_id, h.hit_date
			FROM scope c JOIN leads l ON l.phone_hash = c.phone_hash JOIN hits h ON h.lead_id = l.lead_id
			WHERE c.id_hash IS NULL AND h.hit_date <= c.converted_on AND h.hit_date >= c.converted_on - $2::int
		), ranked AS (
			SELECT p.*,
			       row_number() OVER (PARTITION BY p.conversion_id ORDER BY p.hit_date, p.hit_id) = 1 AS first_touch,
			       row_number() OVER (PARTITION BY p.conversion_id ORDER BY p.hit_date DESC, p.hit_id DESC) = 1 AS last_touch
			FROM person_hits p
		), upserted AS (
			INSERT INTO conversion_touches (conversion_id, hit_id, rule_id, days_after_hit, first_touch, last_touch, push_id, channel)
			SELECT r.conversion_id, r.hit_id, r.rule_id, r.converted_on - r.hit_date, r.first_touch, r.last_touch, lp.push_id, lp.channel
			FROM ranked r
			LEFT JOIN LATERAL (
				SELECT pl.push_id, pl.channel FROM push_ledger pl
				WHERE pl.hit_id = r.hit_id AND pl.state IN ('sent', 'delivered', 'undelivered')
				  AND (coalesce(pl.sent_at, pl.decided_at) AT TIME ZONE $3)::date <= r.converted_on
				ORDER BY coalesce(pl.sent_at, pl.decided_at) DESC, pl.push_id DESC LIMIT 1
			) lp ON true
			ON CONFLICT (conversion_id, hit_id) DO UPDATE SET
				rule_id = EXCLUDED.rule_id, days_after_hit = EXCLUDED.days_after_hit, first_touch = EXCLUDED.first_touch,
				last_touch = EXCLUDED.last_touch, push_id = EXCLUDED.push_id, channel = EXCLUDED.channel
			WHERE (conversion_touches.first_touch, conversion_touches.last_touch, conversion_touches.push_id, conversion_touches.channel,
			       conversion_touches.days_after_hit)
			      IS DISTINCT FROM (EXCLUDED.first_touch, EXCLUDED.last_touch, EXCLUDED.push_id, EXCLUDED.channel, EXCLUDED.days_after_hit)
			RETURNING 1
		)
		SELECT (SELECT count(*) FROM upserted) AS touches, (SELECT count(DISTINCT conversion_id) FROM ranked) AS conversions`,
		[from, windowDays, options.timeZone ?? DEFAULT_TIME_ZONE],
	);
	// Touches the window no longer holds (it was made shorter) go.
	await db.query(
		`DELETE FROM conversion_touches t USING conversions c, hits h
		 WHERE t.conversion_id = c.conversion_id AND h.hit_id = t.hit_id AND c.conversion_id >= $1
		   AND (h.hit_date > c.converted_on OR h.hit_date < c.converted_on - $2::int)`,
		[from, windowDays],
	);
	const hitsConverted = await convertAttributedHits(db, from);
	return {
		windowDays,
		attributedConversions: Number(written.rows[0]?.conversions ?? 0),
		touchesWritten: Number(written.rows[0]?.touches ?? 0),
		hitsConverted,
	};
}
