import { hashToBytes } from '../../lib/privacy';
import { addDays } from '../../lib/calendar';
import { SeededRandom } from '../../lib/sample/SeededRandom';
import { EVENT_TYPE_WEIGHTS, INSTITUTIONS, type BenchShape } from './benchShape';
import type { CallColumns } from './callPopulation';

/** The call_events columns, in the order the COPY lines are written. */
export const CALL_COLUMNS = [
	'event_date',
	'occurred_at',
	'hour_of_day',
	'id_hash',
	'institution',
	'event_type',
	'request_id',
	'result_code',
	'product',
	'batch_id',
];

const PRODUCTS = ['个人贷款', '信用卡', '开户', '理财', '\\N'];
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/**
 * call_events.id_hash as a COPY text field, once per ID: the bytea (migration 5: version
 * byte, then the 32 HMAC bytes) in hex input form, `\\x01…`, its backslash doubled because
 * COPY text unescapes it first. Only IDs 0 … shape.ids − 1 call in (roster-only IDs never do).
 */
export function eventIdFields(shape: BenchShape, hashes: readonly string[]): string[] {
	const fields = new Array<string>(shape.ids);
	for (let i = 0; i < shape.ids; i++) fields[i] = `\\\\x${hashToBytes(hashes[i]).toString('hex')}`;
	return fields;
}

/** One day's call events as COPY text (CALL_COLUMNS), in chunks of about 1 MB; idFields from eventIdFields. */
export function* callLines(shape: BenchShape, calls: CallColumns, idFields: readonly string[], day: number): Generator<string> {
	const random = new SeededRandom(shape.seed + 1000 + day);
	const date = addDays(shape.firstDay, day);
	const compact = date.replace(/-/g, '');
	const batch = `bench-${compact}`;
	let chunk = '';
	for (let at = calls.dayStart[day], k = 0; at < calls.dayStart[day + 1]; at++, k++) {
		const i = calls.byDay[at];
		const hour = calls.hour[i];
		const second = calls.second[i];
		const code = random.chance(0.96) ? '0000' : random.pick(['E1002', 'E2001', 'E3005']);
		chunk +=
			`${date}\t${date} ${TWO_DIGITS[hour]}:${TWO_DIGITS[Math.floor(second / 60)]}:${TWO_DIGITS[second % 60]}+08\t${hour}\t` +
			`${idFields[calls.id[i]]}\t${INSTITUTIONS[calls.institution[i]].name}\t${EVENT_TYPE_WEIGHTS[calls.type[i]].name}\t` +
			`${compact}-${k}\t${code}\t${random.pick(PRODUCTS)}\t${batch}\n`;
		if (chunk.length >= 1 << 20) {
			yield chunk;
			chunk = '';
		}
	}
	if (chunk) yield chunk;
}
