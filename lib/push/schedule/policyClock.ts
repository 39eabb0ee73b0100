import { DateTime } from 'luxon';

import { WEEKDAYS, type CapPeriod, type Weekday } from '../policy/ContactPolicy';

/** A moment read on the policy's wall clock. */
export interface LocalMoment {
	/** YYYY-MM-DD in the policy's time zone. */
	date: string;
	weekday: Weekday;
	/** Minutes since local midnight, 0–1439. */
	minute: number;
}

const MINUTE_MS = 60_000;
const CACHE_LIMIT = 20_000;

/**
 * Converts between instants (epoch ms) and the policy's wall clock, time zone aware
 * (luxon). Conversions are memoised by minute, because a gate run asks about the same
 * few minutes for thousands of hits.
 */
export class PolicyClock {
	private readonly moments = new Map<number, LocalMoment>();
	private readonly periods = new Map<string, { start: number; end: number }>();

	constructor(readonly zone: string) {}

	local(at: number): LocalMoment {
		const key = Math.floor(at / MINUTE_MS);
		let moment = this.moments.get(key);
		if (!moment) {
			const dt = DateTime.fromMillis(key * MINUTE_MS, { zone: this.zone });
			moment = { date: dt.toISODate() as string, weekday: WEEKDAYS[dt.weekday - 1], minute: dt.hour * 60 + dt.minute };
			if (this.moments.size >= CACHE_LIMIT) this.moments.clear();
			this.moments.set(key, moment);
		}
		return moment;
	}

	/** The instant of a wall-clock minute; a minute skipped by a DST change moves forward. */
	instant(date: string, minute: number): number {
		const day = DateTime.fromISO(date, { zone: this.zone });
		if (minute >= 1440) return day.plus({ days: 1 }).startOf('day').toMillis();
		return day.set({ hour: Math.floor(minute / 60), minute: minute % 60 }).toMillis();
	}

	nextDate(date: string, days = 1): string {
		return DateTime.fromISO(date, { zone: this.zone }).plus({ days }).toISODate() as string;
	}

	weekdayOf(date: string): Weekday {
		return WEEKDAYS[DateTime.fromISO(date, { zone: this.zone }).weekday - 1];
	}

	/** The calendar day, ISO week (Monday first) or month holding `at`: [start, end). */
	period(at: number, period: CapPeriod): { start: number; end: number } {
		const { date } = this.local(at);
		const key = `${period}:${date}`;
		let bounds = this.periods.get(key);
		if (!bounds) {
			const start = DateTime.fromISO(date, { zone: this.zone }).startOf(period === 'week' ? 'week' : period);
			const end = start.plus(period === 'day' ? { days: 1 } : period === 'week' ? { weeks: 1 } : { months: 1 });
			bounds = { start: start.toMillis(), end: end.toMillis() };
			if (this.periods.size >= CACHE_LIMIT) this.periods.clear();
			this.periods.set(key, bounds);
		}
		return bounds;
	}

	/** "09:15" when on `referenceDate`, otherwise "12月25日 09:15". */
	format(at: number, referenceDate?: string): string {
		const dt = DateTime.fromMillis(at, { zone: this.zone });
		const time = dt.toFormat('HH:mm');
		return referenceDate && dt.toISODate() === referenceDate ? time : `${dt.toFormat('M月d日')} ${time}`;
	}

	/** ISO timestamp with the policy's offset, e.g. 2025-12-24T09:15:00.000+08:00. */
	isoLocal(at: number): string {
		return DateTime.fromMillis(at, { zone: this.zone }).toISO() as string;
	}
}

export function clockMinutes(time: string): number {
	const [hours, minutes] = time.split(':').map(Number);
	return hours * 60 + minutes;
}

export function formatClockMinutes(minutes: number): string {
	return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
