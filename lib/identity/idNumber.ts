/**
 * Resident identity card numbers (公民身份号码) per GB 11643-1999:
 * 6-digit address code, 8-digit birth date, 3-digit sequence, 1 check character.
 *
 * Runs on every call-log row, so it works on char codes: no regex, no Date per call,
 * and an already-normal input is returned as the same string without copying.
 */

export type IdNumberErrorCode = 'empty' | 'length' | 'characters' | 'checkDigit' | 'birthDate' | 'region';

export type IdNumberResult =
	| { ok: true; value: string; birthDate: string; upgraded: boolean }
	| { ok: false; code: IdNumberErrorCode; reason: string };

export const ID_NUMBER_REASONS: Readonly<Record<IdNumberErrorCode, string>> = {
	empty: '身份证号为空 (empty ID number)',
	length: '身份证号长度应为18位或15位 (ID number must have 18 or 15 characters)',
	characters: '身份证号含非法字符 (ID number has invalid characters)',
	checkDigit: '身份证号校验位错误 (ID number check digit mismatch)',
	birthDate: '身份证号出生日期无效 (ID number birth date is invalid)',
	region: '身份证号地区码无效 (ID number region code is invalid)',
};

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/**
 * Province-level codes of GB/T 2260, plus 83 (Taiwan residents' residence permits, which
 * since 2018 carry 18-character numbers of this same format; 81 and 82 serve Hong Kong
 * and Macao permits). 91, seen in some old lists for "abroad", was never assigned.
 */
const PROVINCES = new Uint8Array(100);
for (const code of [
	11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
	64, 65, 71, 81, 82, 83,
]) {
	PROVINCES[code] = 1;
}

export const PROVINCE_NAMES: Readonly<Record<string, string>> = {
	'11': '北京', '12': '天津', '13': '河北', '14': '山西', '15': '内蒙古',
	'21': '辽宁', '22': '吉林', '23': '黑龙江',
	'31': '上海', '32': '江苏', '33': '浙江', '34': '安徽', '35': '福建', '36': '江西', '37': '山东',
	'41': '河南', '42': '湖北', '43': '湖南', '44': '广东', '45': '广西', '46': '海南',
	'50': '重庆', '51': '四川', '52': '贵州', '53': '云南', '54': '西藏',
	'61': '陕西', '62': '甘肃', '63': '青海', '64': '宁夏', '65': '新疆',
	'71': '台湾', '81': '香港', '82': '澳门', '83': '台湾',
};

const FAIL: { readonly [K in IdNumberErrorCode]: IdNumberResult } = {
	empty: { ok: false, code: 'empty', reason: ID_NUMBER_REASONS.empty },
	length: { ok: false, code: 'length', reason: ID_NUMBER_REASONS.length },
	characters: { ok: false, code: 'characters', reason: ID_NUMBER_REASONS.characters },
	checkDigit: { ok: false, code: 'checkDigit', reason: ID_NUMBER_REASONS.checkDigit },
	birthDate: { ok: false, code: 'birthDate', reason: ID_NUMBER_REASONS.birthDate },
	region: { ok: false, code: 'region', reason: ID_NUMBER_REASONS.region },
};

const DAY_MS = 86_400_000;
// Birth dates are civil dates in China; "today" is taken in UTC+8 so the answer does not
// depend on the server's time zone.
const CHINA_OFFSET_MS = 8 * 3_600_000;

let todayYmd = 0;
let todayValidUntilMs = 0;

/** Today in China as a YYYYMMDD number, recomputed only when the day rolls over. */
export function chinaToday(): number {
	const now = Date.now();
	if (now >= todayValidUntilMs) {
		const days = Math.floor((now + CHINA_OFFSET_MS) / DAY_MS);
		todayYmd = ymdFromEpochDays(days);
		todayValidUntilMs = (days + 1) * DAY_MS - CHINA_OFFSET_MS;
	}
	return todayYmd;
}

/** Days since 1970-01-01 → YYYYMMDD (H. Hinnant's civil_from_days). */
export function ymdFromEpochDays(epochDays: number): number {
	const z = epochDays + 719468;
	const era = Math.floor(z / 146097);
	const doe = z - era * 146097;
	const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
	const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
	const mp = Math.floor((5 * doy + 2) / 153);
	const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
	const m = mp < 10 ? mp + 3 : mp - 9;
	const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
	return y * 10000 + m * 100 + d;
}

export function daysInMonth(year: number, month: number): number {
	if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
	return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export type PlainIdProblem = 'region' | 'birthDate' | 'checkDigit';

/**
 * The GB 11643 checks of parseIdNumber, in the same order, straight on the bytes of the
 * common case (the call-log ingest runs it on millions of rows without allocating):
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
	return CHECK_CHARS.charCodeAt(sum % 11) === bytes[start + 17] ? null : 'checkDigit';
}

/** True when year-month-day is a real calendar date from 1900-01-01 up to `today` (YYYYMMDD). */
export function isValidBirthDate(year: number, month: number, day: number, today: number): boolean {
	if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
	if (day > daysInMonth(year, month)) return false;
	return year * 10000 + month * 100 + day <= today;
}

/** The check character for the first 17 digits (a string of at least 17 ASCII digits). */
export function idCheckChar(first17: string): string {
	let sum = 0;
	for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
	return CHECK_CHARS[sum % 11];
}

const ZERO = 48;
const NINE = 57;
const FW_ZERO = 0xff10;
const FW_NINE = 0xff19;
const UPPER_X = 88;
const LOWER_X = 120;
const FW_UPPER_X = 0xff38;
const FW_LOWER_X = 0xff58;

/**
 * Validates and normalises an ID number: trims whitespace, accepts lowercase x and
 * full-width digits, upgrades 15-digit legacy numbers to 18 (century 19, new check
 * character). `today` (YYYYMMDD) is for tests; by default it is today in China.
 */
export function parseIdNumber(raw: string, today?: number): IdNumberResult {
	if (typeof raw !== 'string') return FAIL.empty;
	let s = raw;
	let n = s.length;
	if (n === 0) return FAIL.empty;
	if (s.charCodeAt(0) <= 32 || s.charCodeAt(n - 1) <= 32 || s.charCodeAt(0) === 0x3000 || s.charCodeAt(n - 1) === 0x3000) {
		s = s.trim();
		n = s.length;
		if (n === 0) return FAIL.empty;
	}
	if (n !== 18 && n !== 15) return FAIL.length;

	// One pass: digits, the final X, and whether anything needs rewriting.
	let rewrite = false;
	const last = n - 1;
	for (let i = 0; i < n; i++) {
		const c = s.charCodeAt(i);
		if (c >= ZERO && c <= NINE) continue;
		if (c >= FW_ZERO && c <= FW_NINE) {
			rewrite = true;
			continue;
		}
		if (i === last && n === 18) {
			if (c === UPPER_X) continue;
			if (c === LOWER_X || c === FW_UPPER_X || c === FW_LOWER_X) {
				rewrite = true;
				continue;
			}
		}
		return FAIL.characters;
	}
	if (rewrite) s = toAsciiId(s);

	if (PROVINCES[(s.charCodeAt(0) - ZERO) * 10 + s.charCodeAt(1) - ZERO] !== 1) return FAIL.region;

	const todayYmd = today ?? chinaToday();
	if (n === 15) {
		const year = 1900 + digits2(s, 6);
		if (!isValidBirthDate(year, digits2(s, 8), digits2(s, 10), todayYmd)) return FAIL.birthDate;
		const first17 = s.slice(0, 6) + '19' + s.slice(6);
		const value = first17 + idCheckChar(first17);
		return { ok: true, value, birthDate: birthDateOf(value), upgraded: true };
	}

	const year = digits2(s, 6) * 100 + digits2(s, 8);
	if (!isValidBirthDate(year, digits2(s, 10), digits2(s, 12), todayYmd)) return FAIL.birthDate;
	if (idCheckChar(s) !== s[17]) return FAIL.checkDigit;
	return { ok: true, value: s, birthDate: birthDateOf(s), upgraded: false };
}

/** Convenience: the normalised 18-character number, or null. */
export function normaliseIdNumber(raw: string): string | null {
	const result = parseIdNumber(raw);
	return result.ok ? result.value : null;
}

function digits2(s: string, at: number): number {
	return (s.charCodeAt(at) - ZERO) * 10 + s.charCodeAt(at + 1) - ZERO;
}

function birthDateOf(id18: string): string {
	return `${id18.slice(6, 10)}-${id18.slice(10, 12)}-${id18.slice(12, 14)}`;
}

function toAsciiId(s: string): string {
	let out = '';
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c >= FW_ZERO && c <= FW_NINE) out += String.fromCharCode(c - FW_ZERO + ZERO);
		else if (c === LOWER_X || c === FW_UPPER_X || c === FW_LOWER_X) out += 'X';
		else out += s[i];
	}
	return out;
}
