import { addDays, isIsoDate } from '../calendar';
import type { Queryable } from '../store';
import { ConversionError } from './ConversionError';
import { ROI_DIMENSIONS, type RoiDimension } from './roiDimensions';
import { refreshRoiSummary } from './roiSummary';
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
	/** The group's key (rule id, grade, source channel, institution, push channel: sms / call / none; '' when a hit has none). */
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

/** One ISO week of hit dates in the report's range: the selection's counts, as a row has them. */
export interface RoiTrendWeek {
	/** YYYY-MM-DD, the Monday. */
	weekStart: string;
	hits: number;
	treated: number;
	heldOut: number;
	contacted: number;
	converted: number;
	heldOutConverted: number;
	amountCents: number;
}

export interface RoiReport {
	dimension: RoiDimension;
	dateFrom: string | null;
	dateTo: string | null;
	rows: RoiRow[];
	/** The whole selection (not per row) week by week, oldest first. */
	trend: RoiTrendWeek[];
	/** Conversions stored, and those no roster lead matches (yet). */
	conversions: { total: number; unmatched: number; amountCents: number };
}

/** What a row of roi_day_groups is grouped by for each dimension. */
const GROUP_KEY: Record<RoiDimension, string> = {
	rule: 'rule_id',
	grade: 'grade',
	sourceChannel: 'source',
	institution: 'institution',
	pushChannel: 'push_channel',
};

interface GroupRow {
	key: string;
	label: string | null;
	hits: string;
	held_out: string | null;
	contacted: string | null;
	converted: string | null;
	held_out_converted: string | null;
	first_touch: string;
	last_touch: string;
	amount_cents: string | null;
	sms: string | null;
	calls: string | null;
	first_day: string | null;
	last_day: string | null;
}

interface WeekRow {
	week_start: string;
	hits: string;
	held_out: string | null;
	contacted: string | null;
	converted: string | null;
	held_out_converted: string | null;
	amount_cents: string;
}

const RANGE = '($1::date IS NULL OR hit_date >= $1::date) AND ($2::date IS NULL OR hit_date <= $2::date)';

/**
 * The report: per rule (or grade, source channel, institution, push channel), hits, held
 * out, contacted, converted, rates and the uplift with its interval, amount and cost per
 * conversion; and the whole selection week by week. Read from the summary attribution and
 * the triggers keep (roi_day_groups, lib/roi/roiSummary.ts: a few rows per day and group,
 * not the hits), after rebuilding the days changed since (pushes sent meanwhile).
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
	await refreshRoiSummary(db);
	const range = [options.dateFrom ?? null, options.dateTo ?? null];
	const result = await db.query<GroupRow>(
		`SELECT ${GROUP_KEY[dimension]} AS key, max(label) AS label,
		        sum(hits) AS hits,
		        sum(hits) FILTER (WHERE control_group) AS held_out,
		        sum(pushed) FILTER (WHERE NOT control_group) AS contacted,
		        sum(converted) FILTER (WHERE NOT control_group) AS converted,
		        sum(converted) FILTER (WHERE control_group) AS held_out_converted,
		        sum(first_touch) AS first_touch, sum(last_touch) AS last_touch,
		        sum(amount_cents) AS amount_cents, sum(sms) AS sms, sum(calls) AS calls,
		        to_char(min(hit_date), 'YYYY-MM-DD') AS first_day, to_char(max(hit_date), 'YYYY-MM-DD') AS last_day
		 FROM roi_day_groups WHERE ${RANGE}
		 GROUP BY 1
		 ORDER BY sum(hits) DESC, 1`,
		range,
	);
	const weeks = await db.query<WeekRow>(
		`SELECT to_char(date_trunc('week', hit_date), 'YYYY-MM-DD') AS week_start, sum(hits) AS hits,
		        sum(hits) FILTER (WHERE control_group) AS held_out,
		        sum(pushed) FILTER (WHERE NOT control_group) AS contacted,
		        sum(converted) FILTER (WHERE NOT control_group) AS converted,
		        sum(converted) FILTER (WHERE control_group) AS held_out_converted,
		        sum(amount_cents) AS amount_cents
		 FROM roi_day_groups WHERE ${RANGE}
		 GROUP BY 1 ORDER BY 1`,
		range,
	);
	const totals = await db.query<{ total: string; unmatched: string; amount: string }>(
		`SELECT t.conversions AS total, t.amount_cents AS amount,
		        (SELECT count(*) FROM conversions WHERE lead_id IS NULL) AS unmatched
		 FROM roi_conversion_totals t`,
	);
	return {
		dimension,
		dateFrom: options.dateFrom ?? null,
		dateTo: options.dateTo ?? null,
		rows: result.rows.map((row) => roiRow(row, dimension, smsCents, callCents)),
		trend: trendWeeks(weeks.rows, options.dateFrom, options.dateTo),
		conversions: {
			total: Number(totals.rows[0]?.total ?? 0),
			unmatched: Number(totals.rows[0]?.unmatched ?? 0),
			amountCents: Number(totals.rows[0]?.amount ?? 0),
		},
	};
}

/** Every ISO week from the range's first to its last (the data's, where a bound is left out), weeks without hits as zeros. */
function trendWeeks(rows: readonly WeekRow[], dateFrom: string | undefined, dateTo: string | undefined): RoiTrendWeek[] {
	const n = (value: string | null) => Number(value ?? 0);
	const byWeek = new Map(rows.map((row) => [row.week_start, row]));
	const first = dateFrom !== undefined ? mondayOf(dateFrom) : rows[0]?.week_start;
	const last = dateTo !== undefined ? mondayOf(dateTo) : rows.at(-1)?.week_start;
	if (first === undefined || last === undefined) return [];
	const trend: RoiTrendWeek[] = [];
	for (let week = first; week <= last; week = addDays(week, 7)) {
		const row = byWeek.get(week);
		const hits = n(row?.hits ?? null);
		const heldOut = n(row?.held_out ?? null);
		trend.push({
			weekStart: week,
			hits,
			treated: hits - heldOut,
			heldOut,
			contacted: n(row?.contacted ?? null),
			converted: n(row?.converted ?? null),
			heldOutConverted: n(row?.held_out_converted ?? null),
			amountCents: n(row?.amount_cents ?? null),
		});
	}
	return trend;
}

/** The Monday of a YYYY-MM-DD day's ISO week. */
function mondayOf(day: string): string {
	const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
	return addDays(day, -weekday);
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
