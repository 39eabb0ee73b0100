/**
 * Local calendar days, written YYYY-MM-DD: call events' event_date, rule windows, the
 * board's "today". A day is a day in the bank's time zone, Asia/Shanghai unless a node is
 * told otherwise; the arithmetic on the written dates needs no zone.
 */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

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
