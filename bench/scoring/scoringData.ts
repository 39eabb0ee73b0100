import type { Store } from '../../lib/store';
import { addDays } from '../../lib/calendar';

const INDUSTRIES = ['制造业', '批发零售', '信息技术', '建筑业', '餐饮住宿', '教育', '医疗健康', '交通物流'];
const CHANNELS = ['官网预约', '抖音推广', '线下活动', '熟人转介绍', '搜索引擎', '微信公众号', '网点到访'];

/** The ID hash of bench lead `n` (a real keyed-hash shape: v1: + 64 hex), in SQL. */
const ID_HASH = (n: string) => `'v1:' || md5('a' || ${n}) || md5('b' || ${n})`;

/** `leads` bench leads with profiles (industry, channel, branch, 客户等级), in SQL: no personal data. */
export async function loadBenchLeads(store: Store, leads: number): Promise<void> {
	await store.query(
		`INSERT INTO leads (lead_id, name_masked, phone_masked, phone_enc, id_hash, company, industry, source_channel, attributes)
		 SELECT 'B' || i, '张*', '138****' || lpad((i % 10000)::text, 4, '0'), 'bench', ${ID_HASH('i')}, CASE WHEN i % 3 = 0 THEN '公司' || i END,
			($2::text[])[1 + i % 8], ($3::text[])[1 + i % 7],
			jsonb_build_object('branch', '分行' || (i % 20), '客户等级', CASE i % 10 WHEN 0 THEN 'VIP' WHEN 1 THEN '高' ELSE '中' END)
		 FROM generate_series(1, $1::int) AS i`,
		[leads, INDUSTRIES, CHANNELS],
	);
}

/**
 * `events` call events over `days` days ending `lastDay`, spread over the leads (a lead's
 * events cluster on a few days, as applications do), and hits for 5 % of the leads.
 */
export async function loadBenchEvents(store: Store, leads: number, events: number, days: number, lastDay: string): Promise<void> {
	for (let d = 0; d < days; d++) {
		const day = addDays(lastDay, -d);
		await store.exec(`CREATE TABLE IF NOT EXISTS call_events_${day.replace(/-/g, '')} PARTITION OF call_events FOR VALUES FROM ('${day}') TO ('${addDays(day, 1)}')`);
	}
	await store.query(
		`INSERT INTO call_events (event_date, occurred_at, hour_of_day, id_hash, institution, event_type, request_id, batch_id)
		 SELECT day, day + make_interval(hours => hour), hour, '\\x01'::bytea || decode(md5('a' || lead) || md5('b' || lead), 'hex'), '机构' || (g % 12),
			(ARRAY['face', 'ocr', 'data_api'])[1 + g % 3], 'R' || g, 'bench'
		 FROM (SELECT g, 1 + (g::bigint * 7919) % $1::int AS lead, $3::date - ((g / 7) % $2::int) AS day, 8 + g % 12 AS hour
			FROM generate_series(1, $4::int) AS g) AS e`,
		[leads, days, lastDay, events],
	);
	await store.query(
		`INSERT INTO hits (lead_id, id_hash, rule_id, rule_version, window_key, hit_date, grade, label, reason)
		 SELECT 'B' || i, ${ID_HASH('i')}, (ARRAY['active-institutions', 'key-behaviour'])[1 + i % 2], 1, 'w' || i,
			$2::date - (i % 7), 'B', '活跃机构命中', '近7天核验3次'
		 FROM generate_series(1, $1::int, 20) AS i`,
		[leads, lastDay],
	);
	await store.exec('ANALYZE');
}
