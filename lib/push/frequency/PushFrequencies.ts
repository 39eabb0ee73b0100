import type { Weekday } from '../policy/ContactPolicy';

/**
 * Push frequencies as written in JSON (rules/schema/frequencies.schema.json): per tier of
 * pending hits, how often the push workflows send them on to Push Gate.
 */
export interface PushFrequencies {
	title?: string;
	description?: string;
	/** IANA time zone; DEFAULT_TIME_ZONE (Asia/Shanghai) when left out. */
	timezone?: string;
	tiers: PushTier[];
}

export type TierGrade = 'A' | 'B' | 'C' | 'D';

/** A tier selects hits by grade or by rule (indicator), never both. */
export interface PushTier {
	id: string;
	title?: string;
	grades?: TierGrade[];
	rules?: string[];
	frequency: Frequency;
}

export type Frequency = HourlyFrequency | DailyFrequency | WeeklyFrequency | MonthlyFrequency | CustomFrequency;

/** 每小时: every clock hour, from `minute` (default 0) on. */
export interface HourlyFrequency {
	kind: 'hourly';
	minute?: number;
}

/** 每日: every calendar day, from `at` (HH:mm) on. */
export interface DailyFrequency {
	kind: 'daily';
	at: string;
}

/** 每7日: every ISO week (Monday first), from `weekday` at `at` on. */
export interface WeeklyFrequency {
	kind: 'every7Days';
	weekday: Weekday;
	at: string;
}

/** 每30日: every calendar month, from `dayOfMonth` (29–31: the last day of shorter months) at `at` on. */
export interface MonthlyFrequency {
	kind: 'every30Days';
	dayOfMonth: number;
	at: string;
}

/** 自定义: every `interval` hours or days, counted from `startDate` at `at`. */
export interface CustomFrequency {
	kind: 'custom';
	unit: 'hours' | 'days';
	interval: number;
	startDate: string;
	at: string;
}

export const FREQUENCY_KINDS = ['hourly', 'daily', 'every7Days', 'every30Days', 'custom'] as const;
export type FrequencyKind = (typeof FREQUENCY_KINDS)[number];

/** Labels the staff see (the seed's 每小时推送、每日推送、每7日推送、每30日推送、自定义). */
export const FREQUENCY_KIND_LABELS: Readonly<Record<FrequencyKind, { zh: string; en: string }>> = {
	hourly: { zh: '每小时', en: 'Hourly' },
	daily: { zh: '每日', en: 'Daily' },
	every7Days: { zh: '每7日', en: 'Every 7 days' },
	every30Days: { zh: '每30日', en: 'Every 30 days' },
	custom: { zh: '自定义', en: 'Custom' },
};

export const MAX_CUSTOM_DAYS = 366;
