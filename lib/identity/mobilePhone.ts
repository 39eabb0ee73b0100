/**
 * Mainland China mobile numbers: normalisation, numbering-plan ranges, fake patterns.
 *
 * Ranges follow MIIT's 电信网编号计划 (2017年版) and the 3-digit network codes MIIT has
 * allocated since (199/198/166 in 2017, 190/192/196/197 in 2019; 162/165/167 and 170/171
 * for resold "virtual operator" service). Unallocated as of 2024: 142, 143, 154, 160,
 * 161, 163, 164, 168, 169, 179, 194. Rejected as not reachable by a person:
 * - 140, 141, 144: Internet-of-Things codes (their numbers are 13 digits, never 11);
 * - 146, 148, 172: IoT / data-only allocations of Unicom and Mobile;
 * - 174: satellite and emergency communications (1740x Tiantong, 1749 maritime).
 * 145, 147 and 149 began as data-card ranges but carry ordinary voice SIMs today, so they
 * are accepted. The carrier is the one the range was allocated to: number portability
 * (携号转网) means the current carrier may differ.
 */

export type Carrier = 'chinaMobile' | 'chinaUnicom' | 'chinaTelecom' | 'chinaBroadnet';

export type MobilePhoneErrorCode = 'empty' | 'format' | 'range' | 'iot' | 'virtual' | 'fake';

export type MobilePhoneResult =
	| { ok: true; value: string; carrier: Carrier; virtual: boolean }
	| { ok: false; code: MobilePhoneErrorCode; reason: string };

export type MobilePhoneOptions = {
	/** Reject 162/165/167/170/171 resold numbers (often used for throwaway sign-ups). Default false. */
	rejectVirtual?: boolean;
	/** Reject obviously fake numbers (runs, sequences, placeholders). Default true. */
	rejectFake?: boolean;
};

export const MOBILE_PHONE_REASONS: Readonly<Record<MobilePhoneErrorCode, string>> = {
	empty: '手机号为空 (empty phone number)',
	format: '手机号格式错误，应为11位大陆手机号 (not an 11-digit mainland mobile number)',
	range: '手机号号段未分配或不是手机号段 (number range is not an allocated mobile range)',
	iot: '手机号属于物联网/数据卡/卫星号段，无法联系本人 (IoT, data-only or satellite range)',
	virtual: '手机号属于虚拟运营商号段 (virtual operator range)',
	fake: '手机号疑似虚假号码（重复或连续数字） (obviously fake number pattern)',
};

const enum Kind {
	Unallocated = 0,
	Mobile = 1,
	Virtual = 2,
	Iot = 3,
}

const CM = 'chinaMobile' as const;
const CU = 'chinaUnicom' as const;
const CT = 'chinaTelecom' as const;
const CBN = 'chinaBroadnet' as const;

/** Indexed by the 3-digit network code minus 100. */
const KIND = new Uint8Array(100);
const CARRIER: (Carrier | undefined)[] = new Array(100);

function allocate(kind: Kind, carrier: Carrier | undefined, ...codes: number[]): void {
	for (const code of codes) {
		KIND[code - 100] = kind;
		CARRIER[code - 100] = carrier;
	}
}

allocate(Kind.Mobile, CU, 130, 131, 132, 145, 155, 156, 166, 175, 176, 185, 186, 196);
allocate(Kind.Mobile, CM, 134, 135, 136, 137, 138, 139, 147, 150, 151, 152, 157, 158, 159, 178, 182, 183, 184, 187, 188, 195, 197, 198);
allocate(Kind.Mobile, CT, 133, 149, 153, 173, 177, 180, 181, 189, 190, 191, 193, 199);
allocate(Kind.Mobile, CBN, 192);
allocate(Kind.Virtual, CT, 162);
allocate(Kind.Virtual, CM, 165);
allocate(Kind.Virtual, CU, 167, 171);
allocate(Kind.Virtual, undefined, 170); // the fourth digit names the host network
allocate(Kind.Iot, undefined, 140, 141, 144, 146, 148, 172, 174);

/** 170x: 0–2 Telecom, 3/5/6 Mobile, 4/7/8/9 Unicom. */
const CARRIER_170: readonly Carrier[] = [CT, CT, CT, CM, CU, CM, CM, CU, CU, CU];

/** Placeholders people type when a form insists, that the run and sequence tests miss. */
const PLACEHOLDERS = new Set(['13800138000', '13800138001', '13900139000', '18600186000', '18000180000']);

const FAIL: { readonly [K in MobilePhoneErrorCode]: MobilePhoneResult } = {
	empty: { ok: false, code: 'empty', reason: MOBILE_PHONE_REASONS.empty },
	format: { ok: false, code: 'format', reason: MOBILE_PHONE_REASONS.format },
	range: { ok: false, code: 'range', reason: MOBILE_PHONE_REASONS.range },
	iot: { ok: false, code: 'iot', reason: MOBILE_PHONE_REASONS.iot },
	virtual: { ok: false, code: 'virtual', reason: MOBILE_PHONE_REASONS.virtual },
	fake: { ok: false, code: 'fake', reason: MOBILE_PHONE_REASONS.fake },
};

/**
 * Digits only, country prefix removed: "+86 138-1234-8899", "0086 13812348899",
 * "(86)13812348899", full-width digits and a trunk "0" before the number all give
 * "13812348899". Returns '' for no digits, and whatever digits remain when the shape is
 * not recognised (so the validator can say "format").
 */
export function normaliseMobilePhone(raw: string): string {
	if (typeof raw !== 'string') return '';
	let digits = '';
	let plus = false;
	for (let i = 0; i < raw.length; i++) {
		let c = raw.charCodeAt(i);
		if (c >= 0xff10 && c <= 0xff19) c -= 0xff10 - 48;
		if (c >= 48 && c <= 57) {
			digits += String.fromCharCode(c);
		} else if (c === 43 || c === 0xff0b) {
			if (digits.length === 0) plus = true;
		} else if (!isSeparator(c)) {
			return raw.trim();
		}
	}
	if (digits.length === 11) return digits;
	if (digits.length === 13 && digits.startsWith('86') && (plus || digits.charCodeAt(2) === 49)) return digits.slice(2);
	if (digits.length === 15 && digits.startsWith('0086')) return digits.slice(4);
	if (digits.length === 12 && digits.startsWith('01')) return digits.slice(1);
	return digits;
}

function isSeparator(c: number): boolean {
	// space, tab, -, ., (, ), /, full-width space, full-width -, (, ), and the NBSP
	return c === 32 || c === 9 || c === 45 || c === 46 || c === 40 || c === 41 || c === 47 || c === 0x3000 ||
		c === 0xff0d || c === 0xff08 || c === 0xff09 || c === 0xa0 || c === 0x2014 || c === 0x2013;
}

/** Normalises and validates a mainland mobile number. */
export function parseMobilePhone(raw: string | number, options: MobilePhoneOptions = {}): MobilePhoneResult {
	// spreadsheets hand phone columns over as numbers
	const input = typeof raw === 'number' && Number.isSafeInteger(raw) ? String(raw) : raw;
	if (typeof input !== 'string' || input.trim() === '') return FAIL.empty;
	const value = normaliseMobilePhone(input);
	if (value.length !== 11 || value.charCodeAt(0) !== 49 || !isAllDigits(value)) return FAIL.format;
	if (options.rejectFake !== false && isFakePattern(value)) return FAIL.fake;

	const code = (value.charCodeAt(1) - 48) * 10 + value.charCodeAt(2) - 48;
	const kind = KIND[code];
	if (kind === Kind.Unallocated) return FAIL.range;
	if (kind === Kind.Iot) return FAIL.iot;
	const virtual = kind === Kind.Virtual;
	if (virtual && options.rejectVirtual) return FAIL.virtual;
	const carrier = CARRIER[code] ?? CARRIER_170[value.charCodeAt(3) - 48];
	return { ok: true, value, carrier, virtual };
}

function isAllDigits(s: string): boolean {
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c < 48 || c > 57) return false;
	}
	return true;
}

/**
 * Obviously fake: a known placeholder; the whole number one digit; 6 or more equal digits
 * in a row in the 8-digit subscriber part; an ascending or descending run (9→0 wraps) of
 * 7 or more in the subscriber part or 8 or more anywhere (12345678901); a subscriber part
 * that repeats one pair (13812121212). A random real number trips one of these about
 * once in 30 000.
 */
export function isFakePattern(digits11: string): boolean {
	if (PLACEHOLDERS.has(digits11)) return true;
	let same = 1;
	let up = 1;
	let down = 1;
	for (let i = 1; i < 11; i++) {
		const prev = digits11.charCodeAt(i - 1) - 48;
		const cur = digits11.charCodeAt(i) - 48;
		same = cur === prev ? same + 1 : 1;
		up = cur === (prev + 1) % 10 ? up + 1 : 1;
		down = cur === (prev + 9) % 10 ? down + 1 : 1;
		if (up >= 8 || down >= 8 || same === 11) return true;
		// the subscriber part is digits 3..10; count only the part of a run inside it
		const span = i - 2;
		if (Math.min(same, span) >= 6 || Math.min(up, span) >= 7 || Math.min(down, span) >= 7) return true;
	}
	const a = digits11.charCodeAt(3);
	const b = digits11.charCodeAt(4);
	if (a === b) return false;
	for (let i = 5; i < 11; i++) if (digits11.charCodeAt(i) !== (i % 2 === 1 ? a : b)) return false;
	return true;
}

/** A placeholder people type when a form insists on a number (13800138000, …): never a customer's. */
export function isPlaceholder(digits11: string): boolean {
	return PLACEHOLDERS.has(digits11);
}

/**
 * 疑似靓号: the runs and repeats isFakePattern rejects on an unchecked form (13888888888,
 * …12345678, 13812121212), and a tail of four equal or consecutive digits (…8888, …5678,
 * …4321). Carriers sell such numbers and customers choose them, so on a KYC-checked roster
 * they are real: flagged for a look, not rejected. Placeholders are not vanity numbers.
 */
export function isVanityPattern(digits11: string): boolean {
	if (digits11.length !== 11 || isPlaceholder(digits11)) return false;
	if (isFakePattern(digits11)) return true;
	const tail = [7, 8, 9, 10].map((i) => digits11.charCodeAt(i) - 48);
	const steps = [tail[1] - tail[0], tail[2] - tail[1], tail[3] - tail[2]];
	return steps.every((step) => step === steps[0] && (step === 0 || step === 1 || step === -1));
}
