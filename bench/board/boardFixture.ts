import { DateTime } from 'luxon';

import { maskName, maskPhone } from '../../lib/privacy/mask';
import { chineseName, mobilePhone } from '../../lib/sample/people';
import { SeededRandom } from '../../lib/sample/SeededRandom';
import type { Store } from '../../lib/store';

/** Realistic board data for the benchmark and the screenshot: masked leads and their hits. */
export interface BoardFixtureOptions {
	hits: number;
	/** The board's "now": hits arrive over the DAYS before it. */
	now: Date;
	days?: number;
	seed?: number;
	timeZone?: string;
}

export const BOARD_RULES = [
	{ id: 'active-institutions', label: '活跃机构命中', grade: 'B', reason: (r: SeededRandom) => `近7天内在${r.int(2, 5)}家机构核验${r.int(3, 9)}次` },
	{ id: 'key-behaviour', label: '关键行为触发', grade: 'A', reason: (r: SeededRandom) => `近3天发生${r.int(1, 4)}次${r.pick(['贷款面签', '信用卡申请', '人脸核身'])}` },
	{ id: 'long-term-high-frequency', label: '长期高频活跃', grade: 'A', reason: (r: SeededRandom) => `近30天中有${r.int(8, 20)}天发生核验，累计${r.int(12, 60)}次` },
	{ id: 'new-institution', label: '新增机构', grade: 'B', reason: (r: SeededRandom) => `近7天新增${r.int(1, 3)}家核验机构（此前90天内未出现）` },
	{ id: 'dormant-and-back', label: '沉睡唤醒', grade: 'C', reason: (r: SeededRandom) => `此前已${r.int(60, 200)}天未核验，近7天重新核验${r.int(1, 4)}次` },
	{ id: 'vip-expiry', label: 'VIP权益到期', grade: 'D', reason: (r: SeededRandom) => `VIP权益将于${r.int(3, 20)}天后到期，近期有核验` },
];
export const BOARD_SOURCES = ['系统X（智能推荐）', 'CRM自动导入', '系统Y（实时流量）', '历史回归', '余额预估系统', '官网预约', '网点到访'];
export const BOARD_SOURCE_WEIGHTS = [30, 24, 16, 10, 8, 7, 5];
export const BOARD_STATUSES = ['pending', 'in_progress', 'converted', 'contact_failed'] as const;

export function weighted<T>(random: SeededRandom, values: readonly T[], weights: readonly number[]): T {
	const total = weights.reduce((a, b) => a + b, 0);
	let roll = random.next() * total;
	for (let i = 0; i < values.length; i++) {
		roll -= weights[i];
		if (roll < 0) return values[i];
	}
	return values[values.length - 1];
}

export async function seedBoardFixture(store: Store, options: BoardFixtureOptions): Promise<void> {
	const random = new SeededRandom(options.seed ?? 20251223);
	const zone = options.timeZone ?? 'Asia/Shanghai';
	const days = options.days ?? 90;
	const today = DateTime.fromJSDate(options.now, { zone }).startOf('day');
	const leads: unknown[][] = [];
	const hits: unknown[][] = [];
	for (let i = 0; i < options.hits; i++) {
		const leadId = `L${String(3_000_001 + i)}`;
		leads.push([leadId, maskName(chineseName(random)), maskPhone(mobilePhone(random)), `v1:bench${i}`]);
		// More hits lately: the daily volume grows towards today.
		const ageDays = Math.min(days - 1, Math.floor(days * random.next() ** 1.6));
		const dayStart = today.minus({ days: ageDays });
		const minutesSoFar = ageDays === 0 ? Math.max(0, Math.floor((options.now.getTime() - dayStart.toMillis()) / 60_000)) : 24 * 60 - 1;
		const arrivedAt = dayStart.plus({ minutes: random.int(0, minutesSoFar) });
		const hitDate = today.minus({ days: ageDays + 1 }).toISODate()!;
		const rule = weighted(random, BOARD_RULES, [30, 18, 14, 16, 14, 8]);
		const settled = ageDays > 2 ? [40, 22, 20, 18] : [75, 18, 4, 3];
		const status = weighted(random, BOARD_STATUSES, settled);
		hits.push([
			leadId,
			`v1:bench${i}`,
			rule.id,
			1,
			hitDate,
			hitDate,
			rule.grade,
			rule.label,
			rule.reason(random),
			'{}',
			weighted(random, BOARD_SOURCES, BOARD_SOURCE_WEIGHTS),
			status,
			arrivedAt.toJSDate(),
			arrivedAt.toJSDate(),
		]);
	}
	await store.bulkLoad({ table: 'leads', columns: ['lead_id', 'name_masked', 'phone_masked', 'id_hash'] }, leads);
	await store.bulkLoad(
		{
			table: 'hits',
			columns: ['lead_id', 'id_hash', 'rule_id', 'rule_version', 'window_key', 'hit_date', 'grade', 'label', 'reason', 'facts', 'source', 'status', 'created_at', 'updated_at'],
		},
		hits,
	);
	await store.exec('ANALYZE leads; ANALYZE hits;');
}
