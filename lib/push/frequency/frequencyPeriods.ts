import { DateTime } from 'luxon';

import { WEEKDAYS } from '../policy/ContactPolicy';
import type { Frequency } from './PushFrequencies';

/**
 * One period of a frequency: a tier runs at most once in it, from `dueFrom` on. Hourly,
 * daily, weekly and monthly frequencies have calendar periods (the local clock hour, day,
 * ISO week, month), so "once a day" stays once a calendar day even when the time is edited
 * during the day; a custom frequency's periods run from one start to the next.
 */
export interface FrequencyPeriod {
	/** The period in words of the clock, without the tier: `2026-12-06T10`, `2026-12-06`, `2026-W49`, `2026-12`, `2026-12-06T08:00`. */
	key: string;
	start: DateTime;
	/** When the tier becomes due in this period. */
	dueFrom: DateTime;
	/** Consecutive periods have consecutive indexes (to count the periods missed between two runs). */
	index: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** `at` on the wall clock of `zone`. */
export function localMoment(at: Date | string, zone: string): DateTime {
	return (typeof at === 'string' ? DateTime.fromISO(at) : DateTime.fromJSDate(at)).setZone(zone);
}

/** The period holding `moment` (in its zone), or undefined before a custom frequency's start. */
export function periodAt(frequency: Frequency, moment: DateTime): FrequencyPeriod | undefined {
	const zone = moment.zone;
	switch (frequency.kind) {
		case 'hourly': {
			const start = moment.startOf('hour');
			return {
				key: start.toFormat("yyyy-MM-dd'T'HH"),
				start,
				dueFrom: start.set({ minute: frequency.minute ?? 0 }),
				index: Math.floor(wallClockMs(start) / HOUR_MS),
			};
		}
		case 'daily': {
			const start = moment.startOf('day');
			return { key: start.toISODate() as string, start, dueFrom: atClock(start, frequency.at), index: dayNumber(start) };
		}
		case 'every7Days': {
			const start = moment.startOf('week');
			const day = start.plus({ days: WEEKDAYS.indexOf(frequency.weekday) });
			return {
				key: start.toFormat("kkkk-'W'WW"),
				start,
				dueFrom: atClock(day, frequency.at),
				index: Math.floor(dayNumber(start) / 7),
			};
		}
		case 'every30Days': {
			const start = moment.startOf('month');
			const day = start.set({ day: Math.min(frequency.dayOfMonth, start.daysInMonth as number) });
			return {
				key: start.toFormat('yyyy-MM'),
				start,
				dueFrom: atClock(day, frequency.at),
				index: start.year * 12 + start.month - 1,
			};
		}
		case 'custom': {
			const anchor = atClock(DateTime.fromISO(frequency.startDate, { zone }), frequency.at);
			if (moment < anchor) return undefined;
			const index =
				frequency.unit === 'hours'
					? Math.floor((moment.toMillis() - anchor.toMillis()) / (frequency.interval * HOUR_MS))
					: customDayIndex(anchor, moment, frequency.interval);
			const start = anchor.plus({ [frequency.unit]: index * frequency.interval });
			const key = frequency.unit === 'hours' ? start.toFormat("yyyy-MM-dd'T'HH:mm") : (start.toISODate() as string);
			return { key, start, dueFrom: start, index };
		}
	}
}

/**
 * Which `interval`-day period since `anchor` holds `moment`: counted on the wall clock, so
 * the periods keep their time of day across daylight-saving changes. On a day whose time
 * falls in a daylight-saving gap the period starts later (luxon moves the time forward).
 */
function customDayIndex(anchor: DateTime, moment: DateTime, interval: number): number {
	const index = Math.floor((wallClockMs(moment) - wallClockMs(anchor)) / (interval * DAY_MS));
	return index > 0 && anchor.plus({ days: index * interval }) > moment ? index - 1 : index;
}

/** `HH:mm` on the day of `day`; a time skipped by a daylight-saving change moves forward. */
function atClock(day: DateTime, clock: string): DateTime {
	const [hour, minute] = clock.split(':').map(Number);
	return day.set({ hour, minute, second: 0, millisecond: 0 });
}

/** Milliseconds since the epoch as the local wall clock reads them. */
function wallClockMs(moment: DateTime): number {
	return moment.toMillis() + moment.offset * 60_000;
}

function dayNumber(startOfDay: DateTime): number {
	return Math.round(wallClockMs(startOfDay) / DAY_MS);
}
