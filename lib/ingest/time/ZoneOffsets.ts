import { DateTime, IANAZone } from 'luxon';

import { MS_PER_DAY, MS_PER_HOUR } from './civilDays';

/** Offsets are looked up per quarter hour: every zone in use changes offset on a quarter hour. */
const BUCKET_MS = 15 * 60_000;

/**
 * The UTC offset of one IANA time zone, asked of luxon once per local hour or UTC quarter
 * hour and then cached, so converting millions of timestamps costs a map lookup each (and
 * usually not even that: consecutive rows share the hour).
 */
export class ZoneOffsets {
	private readonly zone: IANAZone;
	private readonly byLocalHour = new Map<number, number>();
	private readonly byUtcBucket = new Map<number, number>();
	private lastLocalHour = NaN;
	private lastLocalOffset = 0;
	private lastUtcBucket = NaN;
	private lastUtcOffset = 0;

	constructor(readonly zoneName: string) {
		if (!IANAZone.isValidZone(zoneName)) throw new Error(`"${zoneName}" is not a known time zone (use an IANA name such as Asia/Shanghai)`);
		this.zone = IANAZone.create(zoneName);
	}

	/**
	 * Offset in ms for a wall-clock time in this zone, given as its local hour number
	 * (local day number × 24 + hour). A time skipped by a DST change takes the offset
	 * luxon gives it (the later one).
	 */
	offsetForLocalHour(localHour: number): number {
		if (localHour === this.lastLocalHour) return this.lastLocalOffset;
		let offset = this.byLocalHour.get(localHour);
		if (offset === undefined) {
			const localMs = localHour * MS_PER_HOUR;
			// Guess with the offset of the UTC instant at that wall time, then correct once.
			const guess = this.zone.offset(localMs) * 60_000;
			const corrected = this.zone.offset(localMs - guess) * 60_000;
			offset = corrected;
			this.byLocalHour.set(localHour, offset);
		}
		this.lastLocalHour = localHour;
		this.lastLocalOffset = offset;
		return offset;
	}

	/** Offset in ms at a UTC instant. */
	offsetAtUtc(utcMs: number): number {
		const bucket = Math.floor(utcMs / BUCKET_MS);
		if (bucket === this.lastUtcBucket) return this.lastUtcOffset;
		let offset = this.byUtcBucket.get(bucket);
		if (offset === undefined) {
			offset = this.zone.offset(bucket * BUCKET_MS) * 60_000;
			this.byUtcBucket.set(bucket, offset);
		}
		this.lastUtcBucket = bucket;
		this.lastUtcOffset = offset;
		return offset;
	}

	/** Today's day number in this zone. */
	today(nowMs = Date.now()): number {
		return Math.floor((nowMs + this.offsetAtUtc(nowMs)) / MS_PER_DAY);
	}

	/** ISO text of a UTC instant in this zone, with offset (for summaries). */
	formatUtcMicros(utcMicros: number): string {
		return DateTime.fromMillis(Math.floor(utcMicros / 1000), { zone: this.zone }).toISO({ suppressMilliseconds: true }) ?? '';
	}
}
