import { readIntArray, readTextArray } from './arrayText';
import { DAY_BITS, EXTRA_FILTER_BITS, FIRST_FILTER_BITS, type CoverageQuery } from './coverageQuery';

/**
 * One lead's call events from the coverage scan (coverageQuery.ts) and the activity facts
 * they give on any day, exactly as that day's aggregate computes them (aggregateSql.ts):
 * for a spec with window w, offset o (and baseline b) on the day d, the events of days
 * [d − o − w + 1, d − o] that pass its filters give activityCount (how many),
 * distinctInstitutions, activeDays (distinct days), daysSinceLastActivity (d − o − the
 * last day, null without one) and newInstitutionCount (institutions in the window not in
 * the b days before it). Days are days since the query's origin. One instance is reused
 * lead after lead; nothing is allocated per lead once the buffers have grown.
 */
export interface CoverageRow {
	lead_id: string;
	id_hash: string;
	/** Array text (coverageQuery.ts), null for a lead without events. */
	ev?: string | null;
	inst?: string | null;
	[column: string]: unknown;
}

const DAY_MASK = (1 << DAY_BITS) - 1;

export class LeadActivity {
	private size = 0;
	private days = new Int32Array(64);
	private institutions = new Int32Array(64);
	private packed = new Int32Array(64);
	private extra: Int32Array[];
	private readonly names: string[] = [];
	/** Per spec, the events passing its filters: picked[pickedStart[s] … pickedStart[s + 1]). */
	private picked = new Int32Array(64);
	private readonly pickedStart: Int32Array;
	private readonly institutionIds = new Map<string, number>();
	private readonly institutionNames: string[] = [];
	/** Per spec with an institution filter, whether each institution id passes it. */
	private readonly allowed: Array<number[] | null>;
	private institutionStamp = new Int32Array(64);
	private institutionTally = new Int32Array(64);
	private readonly dayStamp = new Int32Array(1 << DAY_BITS);
	private stamp = 0;

	constructor(private readonly query: CoverageQuery) {
		this.extra = Array.from({ length: query.extraFilterColumns }, () => new Int32Array(64));
		this.pickedStart = new Int32Array(query.specs.length + 1);
		this.allowed = query.specs.map((s) => (s.institutions ? [] : null));
	}

	load(row: CoverageRow): void {
		const ev = row.ev ?? '{}';
		if (ev.length / 2 + 1 > this.days.length) this.grow(ev.length / 2 + 1);
		const n = readIntArray(ev, this.packed);
		readTextArray(row.inst ?? '{}', this.names);
		for (let k = 0; k < n; k++) {
			this.days[k] = this.packed[k] & DAY_MASK;
			this.institutions[k] = this.institutionId(this.names[k]);
		}
		for (let c = 0; c < this.extra.length; c++) readIntArray((row[`c${c + 1}`] as string | null) ?? '{}', this.extra[c]);
		this.size = n;
		this.pick();
	}

	/** Whether the lead has any event (whatever its filters) from one day to another. */
	hasEventBetween(from: number, to: number): boolean {
		for (let k = 0; k < this.size; k++) if (this.days[k] >= from && this.days[k] <= to) return true;
		return false;
	}

	/** The value of the spec's fact on the day d. */
	value(specIndex: number, d: number): number | null {
		const { spec } = this.query.specs[specIndex];
		const to = d - spec.offsetDays;
		const recentFrom = to - spec.windowDays + 1;
		const from = recentFrom - (spec.baselineDays ?? 0);
		const start = this.pickedStart[specIndex];
		const end = this.pickedStart[specIndex + 1];
		switch (spec.fact) {
			case 'activityCount': {
				let count = 0;
				for (let i = start; i < end; i++) {
					const day = this.days[this.picked[i]];
					if (day >= recentFrom && day <= to) count++;
				}
				return count;
			}
			case 'distinctInstitutions':
				return this.distinctInstitutions(start, end, recentFrom, to);
			case 'activeDays': {
				const stamp = this.nextStamp();
				let count = 0;
				for (let i = start; i < end; i++) {
					const day = this.days[this.picked[i]];
					if (day < recentFrom || day > to || this.dayStamp[day] === stamp) continue;
					this.dayStamp[day] = stamp;
					count++;
				}
				return count;
			}
			case 'daysSinceLastActivity': {
				let last = -1;
				for (let i = start; i < end; i++) {
					const day = this.days[this.picked[i]];
					if (day >= recentFrom && day <= to && day > last) last = day;
				}
				return last < 0 ? null : to - last;
			}
			case 'newInstitutionCount':
				return this.distinctInstitutions(start, end, from, to) - this.distinctInstitutions(start, end, from, recentFrom - 1);
		}
	}

	/**
	 * Where the lead called most often from one day to another (every event counts); ties go
	 * to the name first in code-point order; null without a call.
	 */
	mostFrequentInstitution(from: number, to: number): string | null {
		const stamp = this.nextStamp();
		let best = -1;
		for (let k = 0; k < this.size; k++) {
			if (this.days[k] < from || this.days[k] > to) continue;
			const id = this.institutions[k];
			if (this.institutionStamp[id] !== stamp) {
				this.institutionStamp[id] = stamp;
				this.institutionTally[id] = 0;
			}
			const tally = ++this.institutionTally[id];
			if (
				best < 0 ||
				tally > this.institutionTally[best] ||
				(tally === this.institutionTally[best] && this.institutionNames[id] < this.institutionNames[best])
			) {
				best = id;
			}
		}
		return best < 0 ? null : this.institutionNames[best];
	}

	private distinctInstitutions(start: number, end: number, from: number, to: number): number {
		const stamp = this.nextStamp();
		let count = 0;
		for (let i = start; i < end; i++) {
			const k = this.picked[i];
			const day = this.days[k];
			const id = this.institutions[k];
			if (day < from || day > to || this.institutionStamp[id] === stamp) continue;
			this.institutionStamp[id] = stamp;
			count++;
		}
		return count;
	}

	/** A mark no slot of the stamp arrays holds yet; they are cleared before the counter could wrap. */
	private nextStamp(): number {
		if (this.stamp === 0x3fffffff) {
			this.stamp = 0;
			this.dayStamp.fill(0);
			this.institutionStamp.fill(0);
		}
		return ++this.stamp;
	}

	/** Sorts each spec's events out once per lead. */
	private pick(): void {
		const specs = this.query.specs;
		if (this.picked.length < this.size * specs.length) this.picked = new Int32Array(this.size * specs.length * 2);
		let at = 0;
		for (let s = 0; s < specs.length; s++) {
			this.pickedStart[s] = at;
			const { filter } = specs[s];
			const allowed = this.allowed[s];
			for (let k = 0; k < this.size; k++) {
				if (filter >= 0 && !this.passesFilter(k, filter)) continue;
				if (allowed && !allowed[this.institutions[k]]) continue;
				this.picked[at++] = k;
			}
		}
		this.pickedStart[specs.length] = at;
	}

	private passesFilter(k: number, filter: number): boolean {
		if (filter < FIRST_FILTER_BITS) return ((this.packed[k] >>> (DAY_BITS + filter)) & 1) === 1;
		const rest = filter - FIRST_FILTER_BITS;
		return ((this.extra[Math.floor(rest / EXTRA_FILTER_BITS)][k] >>> (rest % EXTRA_FILTER_BITS)) & 1) === 1;
	}

	private institutionId(name: string): number {
		let id = this.institutionIds.get(name);
		if (id !== undefined) return id;
		id = this.institutionNames.push(name) - 1;
		this.institutionIds.set(name, id);
		this.query.specs.forEach((s, i) => this.allowed[i]?.push(s.institutions!.has(name) ? 1 : 0));
		if (id >= this.institutionStamp.length) {
			this.institutionStamp = grown(this.institutionStamp, id * 2);
			this.institutionTally = grown(this.institutionTally, id * 2);
		}
		return id;
	}

	private grow(n: number): void {
		const size = Math.max(Math.ceil(n), this.days.length * 2);
		this.days = new Int32Array(size);
		this.institutions = new Int32Array(size);
		this.packed = new Int32Array(size);
		this.extra = this.extra.map(() => new Int32Array(size));
	}
}

function grown(array: Int32Array, size: number): Int32Array<ArrayBuffer> {
	const next = new Int32Array(size);
	next.set(array);
	return next;
}
