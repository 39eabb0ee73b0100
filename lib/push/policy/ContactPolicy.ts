import type { Channel } from '../../ledger';

/**
 * A contact policy as written in JSON (rules/schema/policy.schema.json). Every constraint
 * is per lead; see the schema's description for what each field means.
 */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const LEVELS = ['high', 'medium', 'low', 'silent'] as const;
export type Level = (typeof LEVELS)[number];

export const CAP_PERIODS = ['day', 'week', 'month'] as const;
export type CapPeriod = (typeof CAP_PERIODS)[number];

export type ChannelCaps = Partial<Record<CapPeriod, number>>;

export interface TimeSlotRule {
	label?: string;
	days?: Weekday[];
	dates?: string[];
	from: string;
	to: string;
	level: Level;
}

export interface ContactPolicy {
	id: string;
	title: string;
	description?: string;
	timezone: string;
	defaultIntervalMinutes: number;
	burstGapSeconds?: number;
	levelIntervals?: Partial<Record<Exclude<Level, 'silent'>, number>>;
	grid?: Partial<Record<Weekday, string>>;
	timeSlots?: TimeSlotRule[];
	quietHours?: { from: string; to: string };
	weekend?: { days?: Weekday[]; silentStretchPercent: number };
	caps?: Partial<Record<Channel, ChannelCaps>>;
	channels?: { default?: Channel; byGrade?: Partial<Record<'A' | 'B' | 'C' | 'D', Channel>> };
	/** What one message / one call costs, in 元: the 转化分析 report's cost per conversion. */
	costs?: Partial<Record<Channel, number>>;
}

/** Labels the staff see (the seed's 高频/中频/低频/静默). */
export const LEVEL_LABELS: Readonly<Record<Level | 'default', string>> = {
	high: '高频',
	medium: '中频',
	low: '低频',
	silent: '静默',
	default: '默认',
};

export const WEEKDAY_LABELS: Readonly<Record<Weekday, string>> = {
	mon: '周一',
	tue: '周二',
	wed: '周三',
	thu: '周四',
	fri: '周五',
	sat: '周六',
	sun: '周日',
};

export const DEFAULT_BURST_GAP_SECONDS = 30;
export const DEFAULT_LEVEL_INTERVALS = { medium: 60, low: 240 } as const;
export const DEFAULT_WEEKEND_DAYS: Weekday[] = ['sat', 'sun'];
