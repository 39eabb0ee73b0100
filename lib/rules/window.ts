import { DateTime } from 'luxon';

/**
 * Evaluation windows are whole local days of event_date. Evaluating at `asOf` looks at
 * complete days only: the window ends on the day before asOf's local date (a daily run at
 * 02:00 after the T+1 ingest sees yesterday as its last day).
 */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function windowEndFor(asOf: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
	if (!(asOf instanceof Date) || Number.isNaN(asOf.getTime())) throw new Error('asOf must be a valid date and time');
	const local = DateTime.fromJSDate(asOf, { zone: timeZone });
	if (!local.isValid) throw new Error(`Unknown time zone "${timeZone}"`);
	return local.startOf('day').minus({ days: 1 }).toISODate()!;
}

export function isIsoDate(value: string): boolean {
	if (!ISO_DATE.test(value)) return false;
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** `date` (YYYY-MM-DD) moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
	const time = Date.parse(`${date}T00:00:00Z`);
	if (Number.isNaN(time)) throw new Error(`Not a date: ${date}`);
	return new Date(time + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
