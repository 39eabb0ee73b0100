import { DateTime } from 'luxon';

import { AUDIT_ACTIONS } from '../../lib/audit/auditActions';
import type { PrivacyKeys } from '../../lib/privacy';
import { protectPersonalFields } from '../../lib/roster/protectLead';
import { chineseName, idNumber, mobilePhone } from '../../lib/sample/people';
import { SOURCE_CHANNELS } from '../../lib/sample/sampleRoster';
import { SeededRandom } from '../../lib/sample/SeededRandom';
import type { Store } from '../../lib/store';
import { BOARD_RULES, BOARD_SOURCES, BOARD_SOURCE_WEIGHTS, BOARD_STATUSES, weighted } from '../board/boardFixture';

/**
 * The console's data at a bank's size: leads as the roster stores them (real keyed hashes,
 * encrypted phones, masked copies and flags, through lib/roster's protectPersonalFields),
 * hits on the board spread over 90 days, and an audit log.
 */
export interface ConsoleFixtureSize {
	leads: number;
	hits: number;
	audit: number;
}

const ZONE = 'Asia/Shanghai';
const LEAD_STATUSES = ['new', 'new', 'new', 'new', 'contacted', 'contacted', 'converted', 'invalid'];
const INDUSTRIES = ['制造业', '批发零售', '信息技术', '建筑业', '餐饮住宿', '教育', '医疗健康', '交通物流'];
/** One lead in 20 has no ID number (never monitorable); hits go only to the others. */
const unmonitorable = (index: number) => index % 20 === 7;
/** Vanity numbers (疑似靓号): one lead in 500. */
const VANITY_TAILS = ['8888', '6666', '12345678', '88888888'];

const leadId = (index: number) => `L${String(1_000_001 + index)}`;

function* leadRows(keys: PrivacyKeys, count: number, now: Date, random: SeededRandom): Generator<unknown[]> {
	const newest = now.getTime();
	const twoYears = 730 * 86_400_000;
	for (let i = 0; i < count; i++) {
		const name = chineseName(random);
		let phone = mobilePhone(random);
		if (i % 500 === 3) {
			const tail = random.pick(VANITY_TAILS);
			phone = phone.slice(0, 11 - tail.length) + tail;
		}
		const personal = protectPersonalFields(keys, { name, phone, idNumber: unmonitorable(i) ? null : idNumber(random) });
		// Older leads first, as a roster grows: created_at rises with the index, with jitter.
		const createdAt = new Date(newest - twoYears + Math.floor((i / count) * twoYears) + random.int(0, 3_600_000));
		yield [
			leadId(i),
			name,
			personal.name_masked,
			personal.phone_enc,
			personal.phone_hash,
			personal.phone_masked,
			personal.id_hash,
			personal.id_masked,
			random.pick(INDUSTRIES),
			random.pick(SOURCE_CHANNELS),
			random.pick(LEAD_STATUSES),
			personal.phone_flags,
			createdAt,
			createdAt,
		];
	}
}

function* hitRows(count: number, leads: number, idHashes: Map<number, string>, now: Date, random: SeededRandom): Generator<unknown[]> {
	const today = DateTime.fromJSDate(now, { zone: ZONE }).startOf('day');
	const stride = Math.max(1, Math.floor(leads / count));
	for (let k = 0; k < count; k++) {
		let index = (k * stride + random.int(0, stride - 1)) % leads;
		if (unmonitorable(index)) index = (index + 1) % leads;
		const ageDays = Math.min(89, Math.floor(90 * random.next() ** 1.6));
		const dayStart = today.minus({ days: ageDays });
		const minutesSoFar = ageDays === 0 ? Math.max(0, Math.floor((now.getTime() - dayStart.toMillis()) / 60_000)) : 24 * 60 - 1;
		const arrivedAt = dayStart.plus({ minutes: random.int(0, minutesSoFar) }).toJSDate();
		const hitDate = today.minus({ days: ageDays + 1 }).toISODate();
		const rule = weighted(random, BOARD_RULES, [30, 18, 14, 16, 14, 8]);
		const status = weighted(random, BOARD_STATUSES, ageDays > 2 ? [40, 22, 20, 18] : [75, 18, 4, 3]);
		yield [leadId(index), idHashes.get(index), rule.id, 1, `${hitDate}#${k}`, hitDate, rule.grade, rule.label, rule.reason(random), '{}', weighted(random, BOARD_SOURCES, BOARD_SOURCE_WEIGHTS), status, arrivedAt, arrivedAt];
	}
}

function* auditRows(count: number, now: Date, random: SeededRandom): Generator<unknown[]> {
	const newest = now.getTime();
	for (let i = 0; i < count; i++) {
		const action = random.pick(AUDIT_ACTIONS);
		const at = new Date(newest - Math.floor(((count - i) / count) * 180 * 86_400_000));
		yield [at, `staff${String(random.int(1, 40)).padStart(2, '0')}`, action, action.startsWith('leads.') ? leadId(random.int(0, 999_999)) : null, '{}'];
	}
}

/** Loads the leads, hits and audit log into a migrated, empty store (COPY), dated up to `now`, then ANALYZEs. */
export async function loadConsoleFixture(store: Store, keys: PrivacyKeys, size: ConsoleFixtureSize, now: Date, seed = 20251223): Promise<void> {
	const random = new SeededRandom(seed);
	const idHashes = new Map<number, string>();
	const leads = leadRows(keys, size.leads, now, random);
	const remembered = (function* () {
		let index = 0;
		for (const row of leads) {
			// The hits need the ID hash of the leads they go to: keep those only.
			if (row[6]) idHashes.set(index, row[6] as string);
			index++;
			yield row;
		}
	})();
	await store.bulkLoad(
		{
			table: 'leads',
			columns: ['lead_id', 'name', 'name_masked', 'phone_enc', 'phone_hash', 'phone_masked', 'id_hash', 'id_masked', 'industry', 'source_channel', 'status', 'flags', 'created_at', 'updated_at'],
		},
		remembered,
	);
	await store.bulkLoad(
		{
			table: 'hits',
			columns: ['lead_id', 'id_hash', 'rule_id', 'rule_version', 'window_key', 'hit_date', 'grade', 'label', 'reason', 'facts', 'source', 'status', 'created_at', 'updated_at'],
		},
		hitRows(size.hits, size.leads, idHashes, now, random),
	);
	await store.bulkLoad({ table: 'audit_log', columns: ['at', 'actor', 'action', 'subject', 'detail'] }, auditRows(size.audit, now, random));
	await store.exec(`SELECT setval('lead_id_seq', ${1_000_001 + size.leads})`);
	// As autovacuum leaves a settled table: statistics, and the visibility map index-only scans need.
	for (const table of ['leads', 'hits', 'audit_log']) await store.exec(`VACUUM (ANALYZE) ${table}`);
}
