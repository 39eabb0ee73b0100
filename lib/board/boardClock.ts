import { DateTime } from 'luxon';

import { DEFAULT_TIME_ZONE } from '../calendar';
import { DomainError } from '../errors';

export const TREND_DAYS = 7;

/**
 * The calendar the board counts in: the bank's local days, as instants to compare
 * `created_at` with (so the database's own time zone never matters).
 */
export interface BoardClock {
	timeZone: string;
	now: Date;
	/** YYYY-MM-DD in the bank's time zone. */
	today: string;
	startOfYesterday: Date;
	startOfToday: Date;
	startOfTomorrow: Date;
	startOfMonth: Date;
	/** The last TREND_DAYS local days, oldest first, ending today. */
	trendDays: string[];
	/** TREND_DAYS + 1 day starts: trendDays[i] runs from trendBounds[i] to trendBounds[i + 1]. */
	trendBounds: Date[];
}

export class BoardClockError extends DomainError {
	constructor(message: string) {
		super('invalid', message, 'timeZone');
	}
}

export function boardClock(now: Date = new Date(), timeZone: string = DEFAULT_TIME_ZONE): BoardClock {
	if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new Error('now must be a valid date and time');
	const local = DateTime.fromJSDate(now, { zone: timeZone });
	if (!local.isValid) throw new BoardClockError(`Unknown time zone "${timeZone}"`);
	const today = local.startOf('day');
	const firstTrendDay = today.minus({ days: TREND_DAYS - 1 });
	const trendStarts = Array.from({ length: TREND_DAYS + 1 }, (_, i) => firstTrendDay.plus({ days: i }));
	return {
		timeZone,
		now,
		today: today.toISODate()!,
		startOfYesterday: today.minus({ days: 1 }).toJSDate(),
		startOfToday: today.toJSDate(),
		startOfTomorrow: today.plus({ days: 1 }).toJSDate(),
		startOfMonth: today.startOf('month').toJSDate(),
		trendDays: trendStarts.slice(0, TREND_DAYS).map((day) => day.toISODate()!),
		trendBounds: trendStarts.map((day) => day.toJSDate()),
	};
}

/** An instant as local wall-clock time in the board's zone, e.g. "2025-12-23 09:12". */
export function localDateTime(value: Date | string, timeZone: string): string {
	const instant = typeof value === 'string' ? DateTime.fromISO(value) : DateTime.fromJSDate(value);
	return instant.setZone(timeZone).toFormat('yyyy-MM-dd HH:mm');
}
