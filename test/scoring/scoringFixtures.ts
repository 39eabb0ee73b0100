import { makeIdNumber } from '../identity/idNumberFixtures';
import { hashToBytes, keyedHash } from '../../lib/privacy';
import { createLead } from '../../lib/roster';
import { scoreEntries } from '../../lib/scoring';
import type { Store } from '../../lib/store';
import { testKeys } from '../setup/testStores';

export const ID = {
	hot: makeIdNumber('330106', '19850312', '123'),
	quiet: makeIdNumber('310104', '19900708', '456'),
	busy: makeIdNumber('110105', '19780101', '789'),
};

/** Three leads: a well-matched one, a bare one, and one with a burst of events (capped). */
export async function seedLeads(store: Store): Promise<void> {
	await createLead(store, testKeys, {
		leadId: 'L-HOT',
		name: '张伟',
		phone: '13812348899',
		idNumber: ID.hot,
		email: 'zw@example.com',
		company: '纷扬科技有限公司',
		industry: '制造业',
		sourceChannel: '熟人转介绍',
		attributes: { 客户等级: 'VIP' },
	});
	await createLead(store, testKeys, { leadId: 'L-QUIET', name: '李芳', idNumber: ID.quiet, sourceChannel: '抖音推广' });
	await createLead(store, testKeys, { leadId: 'L-BUSY', name: '王建国', phone: '13799009900', idNumber: ID.busy, industry: '教育' });
}

export async function ensureDay(store: Store, day: string): Promise<void> {
	const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
	await store.exec(`CREATE TABLE IF NOT EXISTS call_events_${day.replace(/-/g, '')} PARTITION OF call_events FOR VALUES FROM ('${day}') TO ('${next}')`);
}

/** `count` call events of one type at one institution on one local day, as the ingest stores them. */
export async function addEvents(store: Store, idNumber: string, day: string, eventType: string, count: number, institution = '华东中心机构'): Promise<void> {
	await ensureDay(store, day);
	for (let n = 0; n < count; n++) {
		await store.query(
			`INSERT INTO call_events (event_date, occurred_at, hour_of_day, id_hash, institution, event_type, request_id, batch_id)
			 VALUES ($1::date, ($1 || ' 10:00:00+08')::timestamptz, 10, $2, $3, $4, $5, 'seed')`,
			[day, hashToBytes(keyedHash(testKeys.hashKey, idNumber)), institution, eventType, `R${day}${eventType}${n}${idNumber.slice(-4)}`],
		);
	}
}

export async function addHit(store: Store, leadId: string, idNumber: string, ruleId: string, day: string): Promise<number> {
	const result = await store.query<{ hit_id: number }>(
		`INSERT INTO hits (lead_id, id_hash, rule_id, rule_version, window_key, hit_date, grade, label, reason)
		 VALUES ($1, $2, $3, 1, $4, $5::date, 'B', '测试命中', '近7天核验3次') RETURNING hit_id`,
		[leadId, keyedHash(testKeys.hashKey, idNumber), ruleId, day, day],
	);
	return Number(result.rows[0].hit_id);
}

/** A push whose gateway reported `lastEvent` at local noon of `day`. */
export async function addPush(store: Store, leadId: string, channel: 'sms' | 'call', state: string, lastEvent: string | null, day: string): Promise<void> {
	await store.query(
		`INSERT INTO push_ledger (idempotency_key, lead_id, channel, state, detail, updated_at)
		 VALUES ($1, $2, $3, $4, $5, ($6 || ' 12:00:00+08')::timestamptz)`,
		[`k-${leadId}-${channel}-${day}-${state}`, leadId, channel, state, JSON.stringify(lastEvent ? { lastEvent } : {}), day],
	);
}

/**
 * Leads whose ledger does not add up (should be none): the shown entries (the drawer's) must
 * sum to the score shown, and each lead's stored totals must be the sums of its entries.
 */
export async function ledgerMismatches(store: Store): Promise<Array<{ lead_id: string; score: number | string; ledger: number | string }>> {
	const mismatches: Array<{ lead_id: string; score: number | string; ledger: number | string }> = [];
	const scores = await store.query<{ lead_id: string; score: string; static_score: string; dynamic_score: string }>(
		'SELECT lead_id, score::text, static_score::text, dynamic_score::text FROM lead_scores ORDER BY lead_id',
	);
	for (const row of scores.rows) {
		const cents = (value: number | string) => Math.round(Number(value) * 100);
		const shown = (await scoreEntries(store, row.lead_id)).reduce((sum, entry) => sum + cents(entry.points), 0);
		if (shown !== cents(row.score) || cents(row.static_score) + cents(row.dynamic_score) !== cents(row.score)) {
			mismatches.push({ lead_id: row.lead_id, score: Number(row.score), ledger: shown / 100 });
		}
	}
	const totals = await store.query<{ lead_id: string; totals: string; ledger: string }>(
		`SELECT t.lead_id, concat_ws(' ', t.profile, t.events, t.hits, t.outcomes, t.negative) AS totals, concat_ws(' ', e.profile, e.events, e.hits, e.outcomes, e.negative) AS ledger
		 FROM lead_score_totals t LEFT JOIN (
			SELECT lead_id, sum(points) FILTER (WHERE score_group = 'profile') AS profile, sum(points) FILTER (WHERE score_group = 'events') AS events,
				sum(points) FILTER (WHERE score_group = 'hits') AS hits, sum(points) FILTER (WHERE score_group = 'outcomes') AS outcomes,
				sum(points) FILTER (WHERE score_group = 'negative') AS negative
			FROM lead_score_ledger GROUP BY lead_id
		 ) AS e ON e.lead_id = t.lead_id
		 WHERE (t.profile, t.events, t.hits, t.outcomes, t.negative)
			<> (coalesce(e.profile, 0), coalesce(e.events, 0), coalesce(e.hits, 0), coalesce(e.outcomes, 0), coalesce(e.negative, 0))`,
	);
	mismatches.push(...totals.rows.map((row) => ({ lead_id: row.lead_id, score: row.totals, ledger: row.ledger })));
	return mismatches;
}
