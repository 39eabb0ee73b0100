import { maskName, maskPhone } from '../../lib/privacy';
import { chineseName, mobilePhone } from '../../lib/sample/people';
import { SOURCE_CHANNELS } from '../../lib/sample/sampleRoster';
import { SeededRandom } from '../../lib/sample/SeededRandom';
import type { BenchShape } from './benchShape';

export const ROSTER_COLUMNS = [
	'lead_id',
	'id_hash',
	'name_masked',
	'phone_enc',
	'phone_masked',
	'source_channel',
	'industry',
	'status',
	'tags',
	'attributes',
	'created_at',
];

const INDUSTRIES = ['制造业', '批发零售', '信息技术', '建筑业', '餐饮住宿', '教育', '医疗健康', '交通物流'];
const STATUSES = ['new', 'new', 'new', 'new', 'contacted', 'contacted', 'converted'];
const TAGS = ['{}', '{}', '{}', '{VIP}', '{代发工资}', '{VIP,私行}', '{小微企业主}'];
const ATTRIBUTES = ['{}', '{}', '{"客户等级":"普通"}', '{"客户等级":"VIP"}', '{"客户等级":"私行","资产段":"600万+"}'];

/** Share of roster leads that appear in the call logs at all; the rest never call in the month. */
const ACTIVE_SHARE = 0.8;
/** Share of leads that repeat an earlier lead's ID (imported twice from two channels). */
const DUPLICATE_SHARE = 0.003;

/**
 * Which ID hash each roster lead has: 80 % drawn without replacement from the IDs in the
 * call logs, the rest from IDs that never call (indexes ≥ shape.ids). Returns the hash
 * indexes, and how many roster-only IDs are needed.
 */
export function rosterIds(shape: BenchShape): { ids: Uint32Array; extraIds: number } {
	const random = new SeededRandom(shape.seed ^ 0x5eed);
	const active = Math.min(shape.ids, Math.round(shape.roster * ACTIVE_SHARE));
	const pool = new Uint32Array(shape.ids);
	for (let i = 0; i < shape.ids; i++) pool[i] = i;
	for (let i = 0; i < active; i++) {
		const j = random.int(i, shape.ids - 1);
		[pool[i], pool[j]] = [pool[j], pool[i]];
	}
	const ids = new Uint32Array(shape.roster);
	let extraIds = 0;
	for (let lead = 0; lead < shape.roster; lead++) {
		if (lead > 0 && random.chance(DUPLICATE_SHARE)) ids[lead] = ids[random.int(0, lead - 1)];
		else ids[lead] = lead < active ? pool[lead] : shape.ids + extraIds++;
	}
	// Shuffle so the roster order says nothing about activity.
	for (let i = shape.roster - 1; i > 0; i--) {
		const j = random.int(0, i);
		[ids[i], ids[j]] = [ids[j], ids[i]];
	}
	return { ids, extraIds };
}

/** The roster as COPY text lines (ROSTER_COLUMNS), phones as placeholders: the bench never sends. */
export function* rosterLines(shape: BenchShape, ids: Uint32Array, hashes: readonly string[]): Generator<string> {
	const random = new SeededRandom(shape.seed ^ 0x1ead);
	const createdFrom = Date.parse('2025-01-01T00:00:00Z');
	let chunk = '';
	for (let lead = 0; lead < shape.roster; lead++) {
		const leadId = `L${1_000_001 + lead}`;
		const created = new Date(createdFrom + random.int(0, 600 * 86_400) * 1000).toISOString();
		chunk +=
			`${leadId}\t${hashes[ids[lead]]}\t${maskName(chineseName(random))}\tbench-placeholder\t${maskPhone(mobilePhone(random))}\t` +
			`${random.pick(SOURCE_CHANNELS)}\t${random.pick(INDUSTRIES)}\t${random.pick(STATUSES)}\t${random.pick(TAGS)}\t` +
			`${random.pick(ATTRIBUTES)}\t${created}\n`;
		if (chunk.length >= 1 << 20) {
			yield chunk;
			chunk = '';
		}
	}
	if (chunk) yield chunk;
}
