import { DateTime } from 'luxon';

import { addDays, DEFAULT_TIME_ZONE } from '../calendar';
import type { Queryable } from '../store';
import type { LogGap } from './logFreshness';

/**
 * The daily run's own record, one row per business date it evaluated (the window's last day,
 * yesterday for the 02:00 run). A schedule that never fired leaves a hole between two dates:
 * the next run, the board and the health check name the missing dates instead of skipping them.
 */
export interface DailyRunRecord {
	businessDate: string;
	newHits: number;
	logGaps: readonly LogGap[];
}

export interface DailyRunHealth {
	/** `ok`; `missed`: dates without a run; `never`: no daily run recorded yet (a fresh install). */
	status: 'ok' | 'missed' | 'never';
	/** The business date a run should have covered by now. */
	expectedDate: string;
	/** The latest business date evaluated, and when. */
	lastDate: string | null;
	lastFinishedAt: string | null;
	/** Business dates with no run, oldest first (within the lookback). */
	missedDates: string[];
	/** The call logs that were missing or short on the latest run. */
	lastLogGaps: LogGap[];
	/** One sentence, Chinese first, for a notice or an alert. */
	message: string;
}

export interface DailyRunHealthOptions {
	now?: Date;
	timeZone?: string;
	/** Local hour by which yesterday's run should have finished (default 4: the schedule is 02:00). */
	dueHour?: number;
	/** How far back a missed date is still reported (default 30 days). */
	lookbackDays?: number;
}

/** Records a finished run; running the same date again counts the run and keeps the first finish. */
export async function recordDailyRun(db: Queryable, run: DailyRunRecord, finishedAt: Date = new Date()): Promise<void> {
	await db.query(
		`INSERT INTO daily_runs (business_date, first_finished_at, last_finished_at, new_hits, log_gaps)
		 VALUES ($1::date, $2, $2, $3, $4::jsonb)
		 ON CONFLICT (business_date) DO UPDATE SET
		   last_finished_at = EXCLUDED.last_finished_at, runs = daily_runs.runs + 1,
		   new_hits = daily_runs.new_hits + EXCLUDED.new_hits, log_gaps = EXCLUDED.log_gaps`,
		[run.businessDate, finishedAt, run.newHits, JSON.stringify(run.logGaps)],
	);
}

/**
 * Business dates up to `through` (inclusive) that have no run, after the first run recorded
 * and within `lookbackDays`: a fresh install (no run yet) has missed nothing.
 */
export async function missedBusinessDates(db: Queryable, through: string, lookbackDays = 30): Promise<string[]> {
	const result = await db.query<{ day: string }>(
		`SELECT to_char(day, 'YYYY-MM-DD') AS day
		 FROM (SELECT min(business_date) AS first_date FROM daily_runs) AS history,
		      generate_series(greatest(history.first_date, $1::date - $2::integer), $1::date, interval '1 day') AS day
		 WHERE history.first_date IS NOT NULL
		   AND NOT EXISTS (SELECT 1 FROM daily_runs WHERE business_date = day::date)
		 ORDER BY day`,
		[through, lookbackDays],
	);
	return result.rows.map((row) => row.day);
}

/** Whether the daily run has covered every business date it should have by `now`. */
export async function dailyRunHealth(db: Queryable, options: DailyRunHealthOptions = {}): Promise<DailyRunHealth> {
	const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
	const local = DateTime.fromJSDate(options.now ?? new Date(), { zone: timeZone });
	if (!local.isValid) throw new Error(`Unknown time zone "${timeZone}"`);
	const today = local.toISODate()!;
	const expectedDate = addDays(today, local.hour >= (options.dueHour ?? 4) ? -1 : -2);
	const last = await db.query<{ day: string; finished: Date; log_gaps: LogGap[] }>(
		`SELECT to_char(business_date, 'YYYY-MM-DD') AS day, last_finished_at AS finished, log_gaps
		 FROM daily_runs ORDER BY business_date DESC LIMIT 1`,
	);
	const lastRun = last.rows[0];
	const missedDates = lastRun ? await missedBusinessDates(db, expectedDate, options.lookbackDays ?? 30) : [];
	const status = !lastRun ? 'never' : missedDates.length > 0 ? 'missed' : 'ok';
	return {
		status,
		expectedDate,
		lastDate: lastRun?.day ?? null,
		lastFinishedAt: lastRun ? new Date(lastRun.finished).toISOString() : null,
		missedDates,
		lastLogGaps: lastRun?.log_gaps ?? [],
		message: describeHealth(status, missedDates, lastRun?.day ?? null),
	};
}

/** The sentence for missed dates, Chinese first. */
export function describeMissedDates(dates: readonly string[]): string {
	return `每日监控未运行：${dates.join('、')}，这些日期的线索尚未评估，请补跑 (daily run missed for ${dates.join(', ')}: run it for these dates)`;
}

function describeHealth(status: DailyRunHealth['status'], missedDates: readonly string[], lastDate: string | null): string {
	if (status === 'never') return '尚无每日监控运行记录 (no daily run recorded yet)';
	if (status === 'missed') return describeMissedDates(missedDates);
	return `每日监控正常，最近评估日期 ${lastDate} (daily run up to date: ${lastDate})`;
}
