import {
	DEFAULT_WEEKEND_DAYS,
	type ContactPolicy,
	type Level,
	type TimeSlotRule,
	type Weekday,
} from '../policy/ContactPolicy';
import { clockMinutes } from './policyClock';

export const MINUTES_PER_DAY = 1440;

/** The level of a minute; Default is an hour the grid does not cover. */
export const LevelCode = { Silent: 0, Low: 1, Medium: 2, High: 3, Default: 4 } as const;
export type LevelCode = (typeof LevelCode)[keyof typeof LevelCode];

/**
 * Why a minute is closed. Positive values are time-slot rules (index + 1) that set the
 * minute silent.
 */
export const ClosedBy = { Open: 0, QuietHours: -1, GridSilent: -2, WeekendStretch: -3 } as const;

/** One local day of a policy, minute by minute. */
export interface DayProfile {
	level: Uint8Array;
	closedBy: Int16Array;
	/** The first open minute at or after each minute; MINUTES_PER_DAY when the rest of the day is closed. */
	nextOpen: Int16Array;
}

const LEVEL_CODES: Record<string, LevelCode> = { h: LevelCode.High, m: LevelCode.Medium, l: LevelCode.Low, s: LevelCode.Silent };
const LEVEL_BY_NAME: Record<Level, LevelCode> = {
	high: LevelCode.High,
	medium: LevelCode.Medium,
	low: LevelCode.Low,
	silent: LevelCode.Silent,
};

export interface DayContext {
	date: string;
	weekday: Weekday;
	previousDate: string;
	previousWeekday: Weekday;
}

/**
 * Builds one day in the order the policy's parts apply: the weekly grid, then time-slot
 * rules (later ones win), then the weekend stretch of silent periods, then quiet hours,
 * which close whatever they cover.
 */
export function buildDayProfile(policy: ContactPolicy, day: DayContext): DayProfile {
	const level = new Uint8Array(MINUTES_PER_DAY);
	const closedBy = new Int16Array(MINUTES_PER_DAY);
	const grid = policy.grid?.[day.weekday];
	for (let minute = 0; minute < MINUTES_PER_DAY; minute++) {
		const code = grid ? LEVEL_CODES[grid[Math.floor(minute / 60)]] : LevelCode.Default;
		level[minute] = code;
		closedBy[minute] = code === LevelCode.Silent ? ClosedBy.GridSilent : ClosedBy.Open;
	}

	(policy.timeSlots ?? []).forEach((slot, index) => {
		const code = LEVEL_BY_NAME[slot.level];
		const closed: number = code === LevelCode.Silent ? index + 1 : ClosedBy.Open;
		for (const [from, to] of slotRangesOn(slot, day)) {
			level.fill(code, from, to);
			closedBy.fill(closed, from, to);
		}
	});

	const weekend = policy.weekend;
	if (weekend && weekend.silentStretchPercent > 0 && (weekend.days ?? DEFAULT_WEEKEND_DAYS).includes(day.weekday)) {
		for (const [start, end] of silentRuns(level)) {
			const stretchedEnd = Math.min(MINUTES_PER_DAY, end + Math.round(((end - start) * weekend.silentStretchPercent) / 100));
			for (let minute = end; minute < stretchedEnd; minute++) {
				if (level[minute] === LevelCode.Silent) continue;
				level[minute] = LevelCode.Silent;
				closedBy[minute] = ClosedBy.WeekendStretch;
			}
		}
	}

	if (policy.quietHours) {
		const from = clockMinutes(policy.quietHours.from);
		const to = clockMinutes(policy.quietHours.to);
		if (from < to) closedBy.fill(ClosedBy.QuietHours, from, to);
		else {
			closedBy.fill(ClosedBy.QuietHours, from, MINUTES_PER_DAY);
			closedBy.fill(ClosedBy.QuietHours, 0, to);
		}
	}

	const nextOpen = new Int16Array(MINUTES_PER_DAY + 1);
	nextOpen[MINUTES_PER_DAY] = MINUTES_PER_DAY;
	for (let minute = MINUTES_PER_DAY - 1; minute >= 0; minute--) {
		nextOpen[minute] = closedBy[minute] === ClosedBy.Open ? minute : nextOpen[minute + 1];
	}
	return { level, closedBy, nextOpen };
}

/** The minute ranges a slot covers on this day: its own start, or the tail of yesterday's that crossed midnight. */
function slotRangesOn(slot: TimeSlotRule, day: DayContext): Array<[number, number]> {
	const from = clockMinutes(slot.from);
	const to = clockMinutes(slot.to);
	const ranges: Array<[number, number]> = [];
	if (from < to) {
		if (slotStartsOn(slot, day.date, day.weekday)) ranges.push([from, to]);
		return ranges;
	}
	if (slotStartsOn(slot, day.date, day.weekday)) ranges.push([from, MINUTES_PER_DAY]);
	if (to > 0 && slotStartsOn(slot, day.previousDate, day.previousWeekday)) ranges.push([0, to]);
	return ranges;
}

function slotStartsOn(slot: TimeSlotRule, date: string, weekday: Weekday): boolean {
	if (!slot.days && !slot.dates) return true;
	return Boolean(slot.days?.includes(weekday) || slot.dates?.includes(date));
}

function silentRuns(level: Uint8Array): Array<[number, number]> {
	const runs: Array<[number, number]> = [];
	let start = -1;
	for (let minute = 0; minute <= MINUTES_PER_DAY; minute++) {
		const silent = minute < MINUTES_PER_DAY && level[minute] === LevelCode.Silent;
		if (silent && start < 0) start = minute;
		if (!silent && start >= 0) {
			runs.push([start, minute]);
			start = -1;
		}
	}
	return runs;
}
