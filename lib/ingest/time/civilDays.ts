/** Calendar arithmetic on day numbers (days since 1970-01-01), without Date objects. */
import { daysInMonth, ymdFromEpochDays } from '../../identity/idNumber';

export { daysInMonth };

export const MS_PER_DAY = 86_400_000;
export const MS_PER_HOUR = 3_600_000;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
	const y = month <= 2 ? year - 1 : year;
	const era = Math.floor(y / 400);
	const yoe = y - era * 400;
	const mp = month > 2 ? month - 3 : month + 9;
	const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
	const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
	return era * 146097 + doe - 719468;
}

/** Day number → 'YYYY-MM-DD'. */
export function isoDate(days: number): string {
	const ymd = ymdFromEpochDays(days);
	const y = Math.floor(ymd / 10000);
	const md = ymd % 10000;
	return `${String(y).padStart(4, '0')}-${md < 1000 ? '0' : ''}${Math.floor(md / 100)}-${md % 100 < 10 ? '0' : ''}${md % 100}`;
}

/** 'YYYY-MM-DD' → day number, or NaN when it is not a real date. */
export function daysFromIsoDate(value: string): number {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!match) return NaN;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
	return daysFromCivil(year, month, day);
}
