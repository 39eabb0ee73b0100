import { DateTime } from 'luxon';

import type { ContactPolicy } from '../../lib/push';

export const ZONE = 'Asia/Shanghai';

/** Epoch ms of a wall-clock time in Shanghai: at('2025-12-24 09:15'). */
export function at(local: string, zone = ZONE): number {
	return DateTime.fromFormat(local, local.length > 16 ? 'yyyy-MM-dd HH:mm:ss' : 'yyyy-MM-dd HH:mm', { zone }).toMillis();
}

/** The wall-clock time of an instant, 'yyyy-MM-dd HH:mm' (seconds when not zero). */
export function local(ms: number | null, zone = ZONE): string | null {
	if (ms === null) return null;
	const dt = DateTime.fromMillis(ms, { zone });
	return dt.toFormat(dt.second ? 'yyyy-MM-dd HH:mm:ss' : 'yyyy-MM-dd HH:mm');
}

/** A policy that is open around the clock with no caps; tests add what they exercise. */
export function openPolicy(overrides: Partial<ContactPolicy> = {}): ContactPolicy {
	return {
		id: 'test',
		title: '测试策略',
		timezone: ZONE,
		defaultIntervalMinutes: 15,
		burstGapSeconds: 0,
		...overrides,
	};
}

/** 24 hours of one level, with some hours replaced: day('h', { 12: 's' }). */
export function day(fill: 'h' | 'm' | 'l' | 's', hours: Record<number, 'h' | 'm' | 'l' | 's'> = {}): string {
	return Array.from({ length: 24 }, (_, hour) => hours[hour] ?? fill).join('');
}
