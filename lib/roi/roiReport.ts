import { isIsoDate } from '../calendar';
import type { Queryable } from '../store';
import { ConversionError } from './ConversionError';
import { ROI_DIMENSIONS, type RoiDimension } from './roiDimensions';
import { uplift, type Uplift } from './uplift';


export interface RoiReportOptions {
	dimension?: RoiDimension;
	/** Inclusive YYYY-MM-DD bounds on the hit date. */
	dateFrom?: string;
	dateTo?: string;
	/** What one message and one call cost, in cents (the configuration's); 0 when left out. */
	costs?: { smsCents?: number; callCents?: number };
}

export interface RoiRow {
	/** The group's key (rule id, grade, source channel, push channel: sms / call / none). */
	key: string;
	/** What people read: the rule's label, the key otherwise. */
	label: string;
	hits: number;
	/** Held out (对照组). */
	heldOut: number;
	/** Not held out: the hits the rule may contact (the uplift's treated group). */
	treated: number;
	/** Treated hits with a push sent. */
	contacted: number;
	/** Treated hits with an attributed conversion. */
	converted: number;
	heldOutConverted: number;
	/** Conversions whose first / last touch is a hit of this group. */
	firstTouchConversions: number;
	lastTouchConversions: number;
	/** Amount of the conversions whose last touch is in this group, in cents (each conversion counted once). */
	amountCents: number;
	/** Messages and calls sent for the group's hits, and what they cost in cents. */
	smsSent: number;
	callsMade: number;
	costCents: number;
	/** costCents / converted; null without conversions. */
	costPerConversionCents: number | null;
	uplift: Uplift;
}

export interface RoiReport {
	dimension: RoiDimension;
	dateFrom: string | null;
	dateTo: string | null;
	rows: RoiRow[];
	/** Conversions stored, and those no roster lead matches (yet). */
	conversions: { total: number; unmatched: number; amountCents: number };
}

const GROUP_KEY: Record<RoiDimension, string> = {
	rule: 'h.rule_id',
	grade: "coalesce(h.grade, '')",
	sourceChannel: "coalesce(h.source, '')",
	pushChannel: "coalesce(p.first_channel, 'none')",
};

interface GroupRow {
	key: string;
	label: string | null;
	hits: string;
	held_out: string;
	contacted: string;
	converted: string;
	held_out_converted: string;
	first_touch: string;
	last_touch: string;
	amount_cents: string | null;
	sms: string | null;
	calls: string | null;
	first_day: string | null;
	last_day: string | null;
}

/**
 * The report: per rule (or grade, source channel, push channel), hits, held out, contacted,
 * converted, rates and the uplift with its interval, amount and cost per conversion.
 * One scan of the hits in the date range, joined to per-hit aggregates of the touches and
 * the ledger.
 */
export async function roiReport(db: Queryable, options: RoiReportOptions = {}): Promise<RoiReport> {
	const dimension = options.dimension ?? 'rule';
	if (!ROI_DIMENSIONS.includes(dimension)) {
		throw new ConversionError(`"${dimension}" 不是报表维度，可选：${ROI_DIMENSIONS.join(', ')} (unknown dimension)`, 'dimension');
	}
	for (const field of ['dateFrom', 'dateTo'] as const) {
		const value = options[field];
		if (value !== undefined && !isIsoDate(value)) throw new ConversionError(`${field} 应为 YYYY-MM-DD (date expected)`, field);
	}
	const smsCents = checkedCost(options.costs?.smsCents, 'costs.smsCents');
	const callCents = checkedCost(options.costs?.callCents, 'costs.callCents');
	const result = await db.query<GroupRow>(
		`WITH scope AS (
			SELECT h.hit_id, h.rule_id, h.label, h.grade, h.source, h.control_group, h.hit_date FROM hits h
			WHERE ($1::date IS NULL OR h.hit_date >= $1::date) AND ($2::date IS NULL OR h.hit_date <= $2::date)
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
		)
		SELECT ${GROUP_KEY[dimension]} AS key, max(h.label) AS label,
		       count(*) AS hits,
		       count(*) FILTER (WHERE h.control_group) AS held_out,
		       count(*) FILTER (WHERE NOT h.control_group AND p.hit_id IS NOT NULL) AS contacted,
		       count(*) FILTER (WHERE NOT h.control_group AND t.hit_id IS NOT NULL) AS converted,
		       count(*) FILTER (WHERE h.control_group AND t.hit_id IS NOT NULL) AS held_out_converted,
		       count(*) FILTER (WHERE t.first_touch) AS first_touch,
		       count(*) FILTER (WHERE t.last_touch) AS last_touch,
		       sum(t.amount_cents) AS amount_cents,
		       sum(p.sms) AS sms, sum(p.calls) AS calls,
		       to_char(min(h.hit_date), 'YYYY-MM-DD') AS first_day, to_char(max(h.hit_date), 'YYYY-MM-DD') AS last_day
		FROM scope h
		LEFT JOIN touches t ON t.hit_id = h.hit_id
		LEFT JOIN pushes p ON p.hit_id = h.hit_id
		GROUP BY 1
		ORDER BY count(*) DESC, 1`,
		[options.dateFrom ?? null, options.dateTo ?? null],
	);
	const totals = await db.query<{ total: string; unmatched: string; amount: string | null }>(
		'SELECT count(*) AS total, count(*) FILTER (WHERE lead_id IS NULL) AS unmatched, sum(amount_cents) AS amount FROM conversions',
	);
	return {
		dimension,
		dateFrom: options.dateFrom ?? null,
		dateTo: options.dateTo ?? null,
		rows: result.rows.map((row) => roiRow(row, dimension, smsCents, callCents)),
		conversions: {
			total: Number(totals.rows[0].total),
			unmatched: Number(totals.rows[0].unmatched),
			amountCents: Number(totals.rows[0].amount ?? 0),
		},
	};
}

function roiRow(row: GroupRow, dimension: RoiDimension, smsCents: number, callCents: number): RoiRow {
	const n = (value: string | null) => Number(value ?? 0);
	const hits = n(row.hits);
	const heldOut = n(row.held_out);
	const converted = n(row.converted);
	const smsSent = n(row.sms);
	const callsMade = n(row.calls);
	const costCents = smsSent * smsCents + callsMade * callCents;
	const days = row.first_day && row.last_day ? (Date.parse(row.last_day) - Date.parse(row.first_day)) / 86_400_000 + 1 : 1;
	return {
		key: row.key,
		label: dimension === 'rule' ? (row.label ?? row.key) : row.key,
		hits,
		heldOut,
		treated: hits - heldOut,
		contacted: n(row.contacted),
		converted,
		heldOutConverted: n(row.held_out_converted),
		firstTouchConversions: n(row.first_touch),
		lastTouchConversions: n(row.last_touch),
		amountCents: n(row.amount_cents),
		smsSent,
		callsMade,
		costCents,
		costPerConversionCents: converted > 0 ? Math.round(costCents / converted) : null,
		uplift: uplift({
			treated: hits - heldOut,
			treatedConverted: converted,
			control: heldOut,
			controlConverted: n(row.held_out_converted),
			controlShare: hits > 0 ? heldOut / hits : 0,
			hitsPerDay: hits / days,
		}),
	};
}

function checkedCost(value: unknown, field: string): number {
	if (value === undefined || value === null || value === '') return 0;
	const cents = Number(value);
	if (!Number.isFinite(cents) || cents < 0) throw new ConversionError(`${field} 应为不小于 0 的金额（分） (cost must be ≥ 0 cents)`, field);
	return cents;
}
