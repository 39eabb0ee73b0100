/** What the in-file duplicate check says about a row. */
export const FIRST_SEEN = 0;
export const DUPLICATE = 1;
/** Cannot tell in memory: the database decides (row arrived too late, or fingerprints clash). */
export const UNCERTAIN = 2;

export type DuplicateVerdict = typeof FIRST_SEEN | typeof DUPLICATE | typeof UNCERTAIN;

const EMPTY = 0;
const MATCH = 1;
const CLASH = 2;
const ABSENT = 3;

/**
 * An open-addressing set of 96-bit fingerprints in one typed array (a, b, c side by
 * side, so a probe touches one cache line; no object per entry), which also remembers
 * the latest event time it holds.
 */
class FingerprintSet {
	size = 0;
	/** The latest instant of the events added, and of those that clashed with one. */
	latestMicros = -Infinity;
	private mask: number;
	private slots: Int32Array;

	constructor(capacity = 4096) {
		this.mask = capacity - 1;
		this.slots = new Int32Array(capacity * 3);
	}

	/** MATCH (same a, b, c), CLASH (same a and b, other c: cannot tell), or ABSENT (now added). */
	addOrFind(a: number, b: number, c: number, micros: number): number {
		c |= 1; // c = 0 marks an empty slot
		const slots = this.slots;
		const mask = this.mask;
		for (let slot = (a ^ (b >>> 7)) & mask; ; slot = (slot + 1) & mask) {
			const at = slot * 3;
			const cs = slots[at + 2];
			if (cs === EMPTY) {
				slots[at] = a;
				slots[at + 1] = b;
				slots[at + 2] = c;
				this.size++;
				if (micros > this.latestMicros) this.latestMicros = micros;
				if (this.size * 2 > mask) this.grow();
				return ABSENT;
			}
			if (slots[at] === a && slots[at + 1] === b) {
				if (cs === c) return MATCH;
				// Not stored, but its twin must still find this set: latestMicros covers it.
				if (micros > this.latestMicros) this.latestMicros = micros;
				return CLASH;
			}
		}
	}

	/** MATCH, CLASH or ABSENT, without adding. */
	find(a: number, b: number, c: number): number {
		c |= 1;
		const slots = this.slots;
		const mask = this.mask;
		for (let slot = (a ^ (b >>> 7)) & mask; ; slot = (slot + 1) & mask) {
			const at = slot * 3;
			const cs = slots[at + 2];
			if (cs === EMPTY) return ABSENT;
			if (slots[at] === a && slots[at + 1] === b) return cs === c ? MATCH : CLASH;
		}
	}

	clear(): void {
		this.slots.fill(EMPTY);
		this.size = 0;
		this.latestMicros = -Infinity;
	}

	private grow(): void {
		const old = this.slots;
		const capacity = (this.mask + 1) * 2;
		this.mask = capacity - 1;
		this.slots = new Int32Array(capacity * 3);
		this.size = 0;
		for (let at = 0; at < old.length; at += 3) {
			if (old[at + 2] === EMPTY) continue;
			for (let slot = (old[at] ^ (old[at + 1] >>> 7)) & this.mask; ; slot = (slot + 1) & this.mask) {
				if (this.slots[slot * 3 + 2] === EMPTY) {
					this.slots.set(old.subarray(at, at + 3), slot * 3);
					this.size++;
					break;
				}
			}
		}
	}
}

/**
 * In-file duplicate detection with bounded memory, for one institution. A duplicate event
 * has the same instant, so only events near the latest instant seen need remembering: logs
 * are written in time order, give or take a few minutes. Events are kept in two
 * generations; when the latest time moves a window past the current generation's start,
 * the older generation is dropped. Every event within `windowMicros` of the latest is
 * therefore remembered and checked exactly (by a 96-bit fingerprint) here. A row older
 * than that, a fingerprint clash, or a row at an instant whose events were dropped early
 * under the memory cap is UNCERTAIN, and the database checks it after the load. So a
 * time-ordered file never costs the database a duplicate search, and an unordered one is
 * still deduplicated exactly.
 */
export class RecentEvents {
	private current = new FingerprintSet();
	private previous = new FingerprintSet();
	private generationStart = -Infinity;
	private latest = -Infinity;
	/** Rows at or before this instant may have had a twin dropped under the memory cap. */
	private forgottenUpTo = -Infinity;

	constructor(private readonly windowMicros: number) {}

	get size(): number {
		return this.current.size + this.previous.size;
	}

	classify(micros: number, a: number, b: number, c: number): DuplicateVerdict {
		if (micros > this.latest) {
			this.latest = micros;
			if (micros >= this.generationStart + this.windowMicros) this.rotate(micros);
		}
		if (micros < this.latest - this.windowMicros || micros <= this.forgottenUpTo) return UNCERTAIN;
		// A twin has the same instant: none can be in the older generation when this row is later than all of it.
		const previous = this.previous;
		const before = previous.size > 0 && micros <= previous.latestMicros ? previous.find(a, b, c) : ABSENT;
		if (before === MATCH) return DUPLICATE;
		if (before === CLASH) return UNCERTAIN;
		const now = this.current.addOrFind(a, b, c, micros);
		return now === ABSENT ? FIRST_SEEN : now === MATCH ? DUPLICATE : UNCERTAIN;
	}

	/** Drops the older generation now (memory cap); later rows at its instants become UNCERTAIN. */
	dropOlder(): void {
		if (this.previous.size === 0) {
			this.rotate(this.latest);
		}
		if (this.previous.latestMicros > this.forgottenUpTo) this.forgottenUpTo = this.previous.latestMicros;
		this.previous.clear();
	}

	private rotate(micros: number): void {
		const dropped = this.previous;
		this.previous = this.current;
		dropped.clear();
		this.current = dropped;
		this.generationStart = micros;
	}
}

/**
 * One RecentEvents per institution (the institution is part of an event's identity), with
 * one memory cap across them all.
 */
export class InFileDuplicates {
	private readonly byInstitution: RecentEvents[] = [];
	private sinceCheck = 0;

	constructor(
		private readonly windowMicros: number,
		private readonly maxEvents: number,
	) {}

	classify(institutionId: number, micros: number, a: number, b: number, c: number): DuplicateVerdict {
		let recent = this.byInstitution[institutionId];
		if (recent === undefined) recent = this.byInstitution[institutionId] = new RecentEvents(this.windowMicros);
		const verdict = recent.classify(micros, a, b, c);
		if (verdict === FIRST_SEEN && ++this.sinceCheck >= 4096) {
			this.sinceCheck = 0;
			this.shrink();
		}
		return verdict;
	}

	private shrink(): void {
		let total = 0;
		let largest: RecentEvents | undefined;
		for (const recent of this.byInstitution) {
			if (!recent) continue;
			total += recent.size;
			if (!largest || recent.size > largest.size) largest = recent;
		}
		if (total > this.maxEvents) largest?.dropOlder();
	}
}
