import { isValidBirthDate, PROVINCE_NAMES, ymdFromEpochDays } from '../../identity/idNumber';

/**
 * GB 11643 checks for the common case, an 18-character ID number of ASCII digits (last
 * one may be X), straight on the bytes without allocating: the same rules, in the same
 * order, as parseIdNumber (lib/identity), which handles every other form.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** Check character code for sum % 11: "10X98765432". */
const CHECK_CODES = Array.from('10X98765432', (char) => char.charCodeAt(0));
const PROVINCES = new Uint8Array(100);
for (const code of Object.keys(PROVINCE_NAMES)) PROVINCES[Number(code)] = 1;

const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

export type PlainIdProblem = 'region' | 'birthDate' | 'checkDigit';

/** Today in China as YYYYMMDD (birth dates may not be later). */
export function chinaToday(nowMs = Date.now()): number {
	return ymdFromEpochDays(Math.floor((nowMs + CHINA_OFFSET_MS) / DAY_MS));
}

/**
 * bytes[start, start + 18) must already be 17 ASCII digits and a digit or X. Returns null
 * when the number is valid, else which check failed.
 */
export function checkPlainId18(bytes: Uint8Array, start: number, today: number): PlainIdProblem | null {
	if (PROVINCES[(bytes[start] - 48) * 10 + bytes[start + 1] - 48] !== 1) return 'region';
	const year = (bytes[start + 6] - 48) * 1000 + (bytes[start + 7] - 48) * 100 + (bytes[start + 8] - 48) * 10 + bytes[start + 9] - 48;
	const month = (bytes[start + 10] - 48) * 10 + bytes[start + 11] - 48;
	const day = (bytes[start + 12] - 48) * 10 + bytes[start + 13] - 48;
	if (!isValidBirthDate(year, month, day, today)) return 'birthDate';
	let sum = 0;
	for (let i = 0; i < 17; i++) sum += (bytes[start + i] - 48) * WEIGHTS[i];
	return CHECK_CODES[sum % 11] === bytes[start + 17] ? null : 'checkDigit';
}
