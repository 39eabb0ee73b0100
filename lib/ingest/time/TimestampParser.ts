import { DateTime } from 'luxon';

import type { RejectCode } from '../rejectReasons';
import { daysFromCivil, daysInMonth, MS_PER_DAY, MS_PER_HOUR } from './civilDays';
import type { ZoneOffsets } from './ZoneOffsets';

/** 'auto' recognises the usual log formats; anything else is a luxon format string. */
export const AUTO_TIMESTAMP_FORMAT = 'auto';

const ZERO = 48;
const NINE = 57;
const utf8 = new TextDecoder('utf-8');

/**
 * Turns a row's timestamp bytes into the instant (UTC µs) and the local calendar day and
 * hour in the configured zone. 'auto' reads, by hand and without allocating:
 * `yyyy-MM-dd HH:mm:ss` (also `/` or `.` between date parts, `T` before the time, 1-digit
 * month/day/hour, optional seconds and fraction, optional `Z`/`±HH:mm` offset), compact
 * `yyyyMMddHHmmss`, and epoch seconds (10 digits) or milliseconds (13 digits). Times
 * without an offset are wall-clock times in the zone.
 */
export class TimestampParser {
	utcMicros = 0;
	localDay = 0;
	hour = 0;

	private readonly format: string | undefined;
	/**
	 * The last `yyyy-MM-dd HH` (13 bytes) read in a 19-byte `yyyy-MM-dd HH:mm:ss`, and the
	 * instant of its minute 0: rows come in time order, so most share it with the row before
	 * and only their minutes and seconds need reading.
	 */
	private readonly lastHourText = new Uint8Array(13);
	private lastHourKnown = false;
	private lastHourUtcMicros = 0;
	private lastHourDay = 0;
	private lastHour = 0;

	constructor(
		private readonly zone: ZoneOffsets,
		format: string = AUTO_TIMESTAMP_FORMAT,
	) {
		this.format = format.trim() === '' || format === AUTO_TIMESTAMP_FORMAT ? undefined : format;
	}

	parse(bytes: Uint8Array, start: number, end: number): RejectCode | null {
		if (start >= end) return 'timestampEmpty';
		if (this.format !== undefined) return this.parseWithFormat(utf8.decode(bytes.subarray(start, end)));
		const nineteen = end - start === 19;
		// The hour's 13 bytes equal ones already read as plain: only minutes and seconds are left to check.
		if (nineteen && this.lastHourKnown && this.sameHourAsLast(bytes, start) && isPlainMinuteSecond(bytes, start)) {
			const minute = num(bytes, start + 14, 2);
			const second = num(bytes, start + 17, 2);
			if (minute > 59 || second > 59) return 'timestampInvalid';
			this.utcMicros = this.lastHourUtcMicros + (minute * 60 + second) * 1_000_000;
			this.localDay = this.lastHourDay;
			this.hour = this.lastHour;
			return null;
		}
		const problem = this.parseAny(bytes, start, end);
		if (problem === null && nineteen && isPlainDateTime(bytes, start)) this.rememberHour(bytes, start);
		return problem;
	}

	private sameHourAsLast(bytes: Uint8Array, start: number): boolean {
		const last = this.lastHourText;
		for (let i = 12; i >= 0; i--) if (bytes[start + i] !== last[i]) return false;
		return true;
	}

	private rememberHour(bytes: Uint8Array, start: number): void {
		for (let i = 0; i < 13; i++) this.lastHourText[i] = bytes[start + i];
		this.lastHourUtcMicros = this.utcMicros - (num(bytes, start + 14, 2) * 60 + num(bytes, start + 17, 2)) * 1_000_000;
		this.lastHourDay = this.localDay;
		this.lastHour = this.hour;
		this.lastHourKnown = true;
	}

	private parseAny(bytes: Uint8Array, start: number, end: number): RejectCode | null {
		let digits = 0;
		while (start + digits < end && bytes[start + digits] >= ZERO && bytes[start + digits] <= NINE) digits++;
		if (start + digits === end) return this.parseAllDigits(bytes, start, digits);
		return digits === 4 ? this.parseDateTime(bytes, start, end) : 'timestampInvalid';
	}

	private parseAllDigits(bytes: Uint8Array, start: number, digits: number): RejectCode | null {
		if (digits === 10 || digits === 13) {
			let value = 0;
			for (let i = 0; i < digits; i++) value = value * 10 + bytes[start + i] - ZERO;
			return this.setInstant(digits === 10 ? value * 1_000_000 : value * 1000);
		}
		if (digits !== 14) return 'timestampInvalid';
		return this.setWallClock(
			num(bytes, start, 4),
			num(bytes, start + 4, 2),
			num(bytes, start + 6, 2),
			num(bytes, start + 8, 2),
			num(bytes, start + 10, 2),
			num(bytes, start + 12, 2),
			0,
		);
	}

	private parseDateTime(bytes: Uint8Array, start: number, end: number): RejectCode | null {
		let p = start;
		const year = num(bytes, p, 4);
		p += 4;
		const separator = bytes[p];
		if (p >= end || (separator !== 45 && separator !== 47 && separator !== 46)) return 'timestampInvalid'; // - / .
		p++;
		let n = digitRun(bytes, p, end);
		if (n < 1 || n > 2 || p + n >= end || bytes[p + n] !== separator) return 'timestampInvalid';
		const month = num(bytes, p, n);
		p += n + 1;
		n = digitRun(bytes, p, end);
		if (n < 1 || n > 2) return 'timestampInvalid';
		const day = num(bytes, p, n);
		p += n;
		if (p >= end || (bytes[p] !== 32 && bytes[p] !== 84 && bytes[p] !== 116)) return 'timestampInvalid'; // ' ' T t
		while (p < end && bytes[p] === 32) p++;
		if (p < end && (bytes[p] === 84 || bytes[p] === 116)) p++;
		n = digitRun(bytes, p, end);
		if (n < 1 || n > 2 || p + n >= end || bytes[p + n] !== 58) return 'timestampInvalid'; // :
		const hour = num(bytes, p, n);
		p += n + 1;
		if (digitRun(bytes, p, end) !== 2) return 'timestampInvalid';
		const minute = num(bytes, p, 2);
		p += 2;
		let second = 0;
		let micros = 0;
		if (p < end && bytes[p] === 58) {
			p++;
			if (digitRun(bytes, p, end) !== 2) return 'timestampInvalid';
			second = num(bytes, p, 2);
			p += 2;
			if (p < end && (bytes[p] === 46 || bytes[p] === 44)) {
				p++;
				n = digitRun(bytes, p, end);
				if (n < 1 || n > 9) return 'timestampInvalid';
				for (let i = 0; i < 6; i++) micros = micros * 10 + (i < n ? bytes[p + i] - ZERO : 0);
				p += n;
			}
		}
		while (p < end && bytes[p] === 32) p++;
		if (p === end) return this.setWallClock(year, month, day, hour, minute, second, micros);

		let offsetMinutes: number;
		if ((bytes[p] === 90 || bytes[p] === 122) && p + 1 === end) {
			offsetMinutes = 0; // Z
		} else if (bytes[p] === 43 || bytes[p] === 45) {
			const sign = bytes[p] === 45 ? -1 : 1;
			p++;
			if (digitRun(bytes, p, end) < 2) return 'timestampInvalid';
			const hours = num(bytes, p, 2);
			p += 2;
			if (p < end && bytes[p] === 58) p++;
			let minutes = 0;
			if (p < end) {
				if (digitRun(bytes, p, end) !== 2 || p + 2 !== end) return 'timestampInvalid';
				minutes = num(bytes, p, 2);
			}
			if (hours > 14 || minutes > 59) return 'timestampInvalid';
			offsetMinutes = sign * (hours * 60 + minutes);
		} else {
			return 'timestampInvalid';
		}
		if (!validWallClock(year, month, day, hour, minute, second)) return 'timestampInvalid';
		const wallMs = daysFromCivil(year, month, day) * MS_PER_DAY + hour * MS_PER_HOUR + minute * 60_000 + second * 1000;
		return this.setInstant((wallMs - offsetMinutes * 60_000) * 1000 + micros);
	}

	private setWallClock(
		year: number,
		month: number,
		day: number,
		hour: number,
		minute: number,
		second: number,
		micros: number,
	): RejectCode | null {
		if (!validWallClock(year, month, day, hour, minute, second)) return 'timestampInvalid';
		const localDay = daysFromCivil(year, month, day);
		const offset = this.zone.offsetForLocalHour(localDay * 24 + hour);
		const wallMs = localDay * MS_PER_DAY + hour * MS_PER_HOUR + minute * 60_000 + second * 1000;
		this.utcMicros = (wallMs - offset) * 1000 + micros;
		this.localDay = localDay;
		this.hour = hour;
		return null;
	}

	private setInstant(utcMicros: number): RejectCode | null {
		const utcMs = Math.floor(utcMicros / 1000);
		const localMs = utcMs + this.zone.offsetAtUtc(utcMs);
		this.utcMicros = utcMicros;
		this.localDay = Math.floor(localMs / MS_PER_DAY);
		this.hour = Math.floor((localMs - this.localDay * MS_PER_DAY) / MS_PER_HOUR);
		return null;
	}

	private parseWithFormat(text: string): RejectCode | null {
		const parsed = DateTime.fromFormat(text.trim(), this.format!, { zone: this.zone.zoneName, setZone: false });
		if (!parsed.isValid) return 'timestampInvalid';
		return this.setInstant(parsed.toMillis() * 1000);
	}
}

function validWallClock(year: number, month: number, day: number, hour: number, minute: number, second: number): boolean {
	return (
		year >= 1900 &&
		month >= 1 &&
		month <= 12 &&
		day >= 1 &&
		day <= daysInMonth(year, month) &&
		hour <= 23 &&
		minute <= 59 &&
		second <= 59
	);
}

/** `dddd-dd-dd dd:dd:dd` (also `/` or `.` between date parts, `T` before the time), no zone: a wall-clock time. */
function isPlainDateTime(bytes: Uint8Array, p: number): boolean {
	const separator = bytes[p + 4];
	if ((separator !== 45 && separator !== 47 && separator !== 46) || bytes[p + 7] !== separator) return false;
	if (bytes[p + 10] !== 32 && bytes[p + 10] !== 84) return false;
	for (const at of DATE_HOUR_DIGITS) if (!isDigit(bytes[p + at])) return false;
	return isPlainMinuteSecond(bytes, p);
}

/** `:dd:dd` at p + 13. */
function isPlainMinuteSecond(bytes: Uint8Array, p: number): boolean {
	return bytes[p + 13] === 58 && bytes[p + 16] === 58 && isDigit(bytes[p + 14]) && isDigit(bytes[p + 15]) && isDigit(bytes[p + 17]) && isDigit(bytes[p + 18]);
}

const DATE_HOUR_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12];

function isDigit(byte: number): boolean {
	return byte >= ZERO && byte <= NINE;
}

function digitRun(bytes: Uint8Array, p: number, end: number): number {
	let n = 0;
	while (p + n < end && bytes[p + n] >= ZERO && bytes[p + n] <= NINE) n++;
	return n;
}

function num(bytes: Uint8Array, p: number, digits: number): number {
	let value = 0;
	for (let i = 0; i < digits; i++) value = value * 10 + bytes[p + i] - ZERO;
	return value;
}
