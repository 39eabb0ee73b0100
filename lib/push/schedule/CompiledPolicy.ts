import type { Channel } from '../../ledger';
import { DEFAULT_BURST_GAP_SECONDS, DEFAULT_LEVEL_INTERVALS, type ChannelCaps, type ContactPolicy } from '../policy/ContactPolicy';
import { assertValidPolicy } from '../policy/validatePolicy';
import { buildDayProfile, ClosedBy, LevelCode, MINUTES_PER_DAY, type DayProfile } from './dayProfile';
import { PolicyClock } from './policyClock';

const MINUTE_MS = 60_000;
/** How far ahead the gate looks for an open minute before it calls a policy closed for good. */
const OPEN_SEARCH_DAYS = 60;
const DAY_CACHE_LIMIT = 400;

/** The state of one moment under the policy. */
export interface MomentState {
	level: LevelCode;
	/** ClosedBy code, or a time-slot rule's index + 1. */
	closedBy: number;
	date: string;
	minute: number;
}

/** A validated policy, ready to answer "may we push at this moment, and at what interval". */
export class CompiledPolicy {
	readonly clock: PolicyClock;
	readonly burstGapMs: number;
	private readonly days = new Map<string, DayProfile>();
	private readonly intervals: Record<LevelCode, number>;

	constructor(readonly policy: ContactPolicy) {
		this.clock = new PolicyClock(policy.timezone);
		this.burstGapMs = (policy.burstGapSeconds ?? DEFAULT_BURST_GAP_SECONDS) * 1000;
		const minutes = {
			[LevelCode.Silent]: Number.POSITIVE_INFINITY,
			[LevelCode.Low]: policy.levelIntervals?.low ?? DEFAULT_LEVEL_INTERVALS.low,
			[LevelCode.Medium]: policy.levelIntervals?.medium ?? DEFAULT_LEVEL_INTERVALS.medium,
			[LevelCode.High]: policy.levelIntervals?.high ?? policy.defaultIntervalMinutes,
			[LevelCode.Default]: policy.defaultIntervalMinutes,
		};
		this.intervals = Object.fromEntries(Object.entries(minutes).map(([code, m]) => [code, m * MINUTE_MS])) as Record<
			LevelCode,
			number
		>;
	}

	get id(): string {
		return this.policy.id;
	}

	/** The minimum gap between two pushes to one lead on one channel when the later one falls at this level. */
	intervalMs(level: LevelCode): number {
		return this.intervals[level];
	}

	caps(channel: Channel): ChannelCaps {
		return this.policy.caps?.[channel] ?? {};
	}

	channelForGrade(grade: string | null | undefined): Channel {
		const byGrade = this.policy.channels?.byGrade as Record<string, Channel> | undefined;
		return (grade && byGrade?.[grade]) || this.policy.channels?.default || 'sms';
	}

	day(date: string): DayProfile {
		let profile = this.days.get(date);
		if (!profile) {
			const previousDate = this.clock.nextDate(date, -1);
			profile = buildDayProfile(this.policy, {
				date,
				weekday: this.clock.weekdayOf(date),
				previousDate,
				previousWeekday: this.clock.weekdayOf(previousDate),
			});
			if (this.days.size >= DAY_CACHE_LIMIT) this.days.clear();
			this.days.set(date, profile);
		}
		return profile;
	}

	stateAt(at: number): MomentState {
		const { date, minute } = this.clock.local(at);
		const profile = this.day(date);
		return { level: profile.level[minute] as LevelCode, closedBy: profile.closedBy[minute], date, minute };
	}

	/** The first open moment at or after `at`: `at` itself when open; null when nothing opens within 60 days. */
	nextOpen(at: number): number | null {
		const state = this.stateAt(at);
		if (state.closedBy === ClosedBy.Open) return at;
		let date = state.date;
		let from = state.minute;
		for (let day = 0; day <= OPEN_SEARCH_DAYS; day++) {
			const minute = this.day(date).nextOpen[from];
			if (minute < MINUTES_PER_DAY) return this.clock.instant(date, minute);
			date = this.clock.nextDate(date);
			from = 0;
		}
		return null;
	}

	/** The next moment the level differs from the level at `at` (at the latest, the next midnight). */
	nextLevelChange(at: number): number {
		const { date, minute } = this.clock.local(at);
		const { level } = this.day(date);
		for (let next = minute + 1; next < MINUTES_PER_DAY; next++) {
			if (level[next] !== level[minute]) return this.clock.instant(date, next);
		}
		return this.clock.instant(date, MINUTES_PER_DAY);
	}

	/** The minutes [from, to) of the day around `at` closed for the same reason, for messages. */
	closedRun(at: number): { from: number; to: number } {
		const { date, minute } = this.clock.local(at);
		const { closedBy } = this.day(date);
		const reason = closedBy[minute];
		let from = minute;
		let to = minute;
		while (from > 0 && closedBy[from - 1] === reason) from--;
		while (to < MINUTES_PER_DAY && closedBy[to] === reason) to++;
		return { from, to };
	}
}

export function compilePolicy(policy: unknown): CompiledPolicy {
	return new CompiledPolicy(assertValidPolicy(policy));
}
