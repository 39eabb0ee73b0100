import { SeededRandom } from '../../lib/sample/SeededRandom';
import { addDays } from '../../lib/calendar';
import { EVENT_TYPE_WEIGHTS, HOUR_WEIGHTS, INSTITUTIONS, type BenchShape } from './benchShape';

/**
 * The call events of the bench as compact columns (10 bytes an event), grouped by day:
 * events of day d are byDay[dayStart[d] .. dayStart[d + 1]). ID i is the i-th ID hash.
 *
 * Calls per ID: 80 % call 1–3 times in the month, 14 % 4–9, 4.5 % 10–29 and a
 * Pareto tail (1.5 %, 30–600, mean ≈ 120: agents, intermediaries) — mean 5. Three in ten
 * multi-call IDs call in a burst of 1–4 days (a loan or card application), the rest over
 * part or all of the month; weekends and the National Day holiday are quieter. Each ID has
 * a main institution (82 % of its calls) and a second one (14 %).
 */
export interface CallColumns {
	count: number;
	id: Uint32Array;
	day: Uint8Array;
	hour: Uint8Array;
	institution: Uint8Array;
	type: Uint8Array;
	/** Seconds into the hour. */
	second: Uint16Array;
	byDay: Uint32Array;
	dayStart: Uint32Array;
}

export function generateCalls(shape: BenchShape): CallColumns {
	const random = new SeededRandom(shape.seed);
	const perId = callsPerId(shape, random);
	const columns: CallColumns = {
		count: shape.events,
		id: new Uint32Array(shape.events),
		day: new Uint8Array(shape.events),
		hour: new Uint8Array(shape.events),
		institution: new Uint8Array(shape.events),
		type: new Uint8Array(shape.events),
		second: new Uint16Array(shape.events),
		byDay: new Uint32Array(0),
		dayStart: new Uint32Array(0),
	};
	const dayWeight = dayWeights(shape);
	const institution = new WeightedPick(INSTITUTIONS.map((i) => i.weight));
	const type = new WeightedPick(EVENT_TYPE_WEIGHTS.map((t) => t.weight));
	const hour = new WeightedPick(HOUR_WEIGHTS);
	let at = 0;
	for (let id = 0; id < shape.ids; id++) {
		const calls = perId[id];
		const main = institution.pick(random);
		const second = institution.pick(random);
		const span = activeSpan(calls, shape.days, random);
		for (let k = 0; k < calls; k++, at++) {
			columns.id[at] = id;
			columns.day[at] = span.burst ? span.from + random.int(0, span.to - span.from) : weightedDay(span, dayWeight, random);
			const which = random.next();
			columns.institution[at] = which < 0.82 ? main : which < 0.96 ? second : institution.pick(random);
			columns.type[at] = type.pick(random);
			columns.hour[at] = hour.pick(random);
			columns.second[at] = random.int(0, 3599);
		}
	}
	groupByDay(columns, shape.days);
	return columns;
}

function callsPerId(shape: BenchShape, random: SeededRandom): Uint16Array {
	const perId = new Uint16Array(shape.ids);
	let total = 0;
	for (let id = 0; id < shape.ids; id++) {
		perId[id] = callsOfOneId(random);
		total += perId[id];
	}
	// Meet the event count exactly: trim or top up random IDs that already call more than once.
	while (total !== shape.events) {
		const id = random.int(0, shape.ids - 1);
		if (perId[id] < 2) continue;
		if (total > shape.events) {
			perId[id]--;
			total--;
		} else if (perId[id] < 600) {
			perId[id]++;
			total++;
		}
	}
	return perId;
}

function callsOfOneId(random: SeededRandom): number {
	const u = random.next();
	if (u < 0.46) return 1;
	if (u < 0.67) return 2;
	if (u < 0.8) return 3;
	if (u < 0.94) return random.int(4, 9);
	if (u < 0.985) return random.int(10, 29);
	return Math.min(600, Math.floor(30 / (1 - random.next())));
}

interface Span {
	burst: boolean;
	from: number;
	to: number;
}

function activeSpan(calls: number, days: number, random: SeededRandom): Span {
	if (calls >= 2 && random.chance(0.3)) {
		const from = random.int(0, days - 1);
		return { burst: true, from, to: Math.min(days - 1, from + random.int(0, 3)) };
	}
	if (calls < 4 || random.chance(0.5)) return { burst: false, from: 0, to: days - 1 };
	const length = random.int(7, days);
	const from = random.int(0, days - length);
	return { burst: false, from, to: from + length - 1 };
}

/** Weekends at 55 %, the National Day holiday (1–7 October) at 35 %. */
function dayWeights(shape: BenchShape): Float64Array {
	const weights = new Float64Array(shape.days);
	for (let d = 0; d < shape.days; d++) {
		const date = addDays(shape.firstDay, d);
		const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
		const holiday = date.slice(5, 7) === '10' && Number(date.slice(8)) <= 7;
		weights[d] = holiday ? 0.35 : weekday === 0 || weekday === 6 ? 0.55 : 1;
	}
	return weights;
}

function weightedDay(span: Span, weights: Float64Array, random: SeededRandom): number {
	for (;;) {
		const day = random.int(span.from, span.to);
		if (random.next() < weights[day]) return day;
	}
}

function groupByDay(columns: CallColumns, days: number): void {
	const dayStart = new Uint32Array(days + 1);
	for (let i = 0; i < columns.count; i++) dayStart[columns.day[i] + 1]++;
	for (let d = 0; d < days; d++) dayStart[d + 1] += dayStart[d];
	const next = dayStart.slice(0, days);
	const byDay = new Uint32Array(columns.count);
	for (let i = 0; i < columns.count; i++) byDay[next[columns.day[i]]++] = i;
	columns.byDay = byDay;
	columns.dayStart = dayStart;
}

class WeightedPick {
	private readonly cumulative: Float64Array;

	constructor(weights: readonly number[]) {
		this.cumulative = new Float64Array(weights.length);
		let sum = 0;
		weights.forEach((w, i) => (this.cumulative[i] = sum += w));
		this.cumulative.forEach((c, i) => (this.cumulative[i] = c / sum));
	}

	pick(random: SeededRandom): number {
		const u = random.next();
		let i = 0;
		while (i < this.cumulative.length - 1 && u >= this.cumulative[i]) i++;
		return i;
	}
}
