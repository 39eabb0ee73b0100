import type { RoiDimension } from '../../lib/roi';
import type { Queryable } from '../../lib/store';

/**
 * The report read straight from hits, touches and the ledger — what lib/roi's summary must
 * equal: per group and per ISO week, the counts a report row and a trend week hold.
 */
const KEY: Record<RoiDimension, string> = {
	rule: 'h.rule_id',
	grade: "coalesce(h.grade, '')",
	sourceChannel: "coalesce(h.source, '')",
	institution: "coalesce(h.institution, '')",
	pushChannel: "coalesce(p.first_channel, 'none')",
};

export interface DirectCounts {
	key: string;
	label: string | null;
	hits: number;
	heldOut: number;
	contacted: number;
	converted: number;
	heldOutConverted: number;
	firstTouch: number;
	lastTouch: number;
	amountCents: number;
	sms: number;
	calls: number;
}

function scopeSql(group: string): string {
	return `WITH scope AS (
			SELECT h.* FROM hits h WHERE ($1::date IS NULL OR h.hit_date >= $1::date) AND ($2::date IS NULL OR h.hit_date <= $2::date)
		), touches AS (
			SELECT t.hit_id, bool_or(t.first_touch) AS first_touch, bool_or(t.last_touch) AS last_touch,
			       sum(c.amount_cents) FILTER (WHERE t.last_touch) AS amount_cents
			FROM conversion_touches t JOIN conversions c ON c.conversion_id = t.conversion_id GROUP BY t.hit_id
		), pushes AS (
			SELECT pl.hit_id, (array_agg(pl.channel ORDER BY pl.push_id))[1] AS first_channel,
			       count(*) FILTER (WHERE pl.channel = 'sms') AS sms, count(*) FILTER (WHERE pl.channel = 'call') AS calls
			FROM push_ledger pl WHERE pl.state IN ('sent', 'delivered', 'undelivered') AND pl.hit_id IS NOT NULL GROUP BY pl.hit_id
		)
		SELECT ${group} AS key, max(h.label) AS label, count(*) AS hits,
		       count(*) FILTER (WHERE h.control_group) AS held_out,
		       count(*) FILTER (WHERE NOT h.control_group AND p.hit_id IS NOT NULL) AS contacted,
		       count(*) FILTER (WHERE NOT h.control_group AND t.hit_id IS NOT NULL) AS converted,
		       count(*) FILTER (WHERE h.control_group AND t.hit_id IS NOT NULL) AS held_out_converted,
		       count(*) FILTER (WHERE t.first_touch) AS first_touch, count(*) FILTER (WHERE t.last_touch) AS last_touch,
		       coalesce(sum(t.amount_cents), 0) AS amount_cents, coalesce(sum(p.sms), 0) AS sms, coalesce(sum(p.calls), 0) AS calls
		FROM scope h LEFT JOIN touches t ON t.hit_id = h.hit_id LEFT JOIN pushes p ON p.hit_id = h.hit_id
		GROUP BY 1 ORDER BY count(*) DESC, 1`;
}

function counts(row: Record<string, unknown>): DirectCounts {
	const n = (value: unknown) => Number(value ?? 0);
	return {
		key: String(row.key),
		label: (row.label as string | null) ?? null,
		hits: n(row.hits),
		heldOut: n(row.held_out),
		contacted: n(row.contacted),
		converted: n(row.converted),
		heldOutConverted: n(row.held_out_converted),
		firstTouch: n(row.first_touch),
		lastTouch: n(row.last_touch),
		amountCents: n(row.amount_cents),
		sms: n(row.sms),
		calls: n(row.calls),
	};
}

export async function directGroups(db: Queryable, dimension: RoiDimension, dateFrom?: string, dateTo?: string): Promise<DirectCounts[]> {
	const result = await db.query(scopeSql(KEY[dimension]), [dateFrom ?? null, dateTo ?? null]);
	return result.rows.map(counts);
}

/** Per ISO week (its Monday), only the weeks with hits. */
export async function directWeeks(db: Queryable, dateFrom?: string, dateTo?: string): Promise<DirectCounts[]> {
	const result = await db.query(scopeSql("to_char(date_trunc('week', h.hit_date), 'YYYY-MM-DD')"), [dateFrom ?? null, dateTo ?? null]);
	return result.rows.map(counts).sort((a, b) => (a.key < b.key ? -1 : 1));
}
