import { addDays } from '../../lib/calendar';
import { attributeConversions, conversionRowsOfObjects, importConversions, refreshRoiSummary, ROI_DIMENSIONS, roiReport, type RoiReport } from '../../lib/roi';
import type { Store } from '../../lib/store';
import { seededRandom } from '../rules/fixtures';
import { openTestStore, STORE_KINDS, testKeys } from '../setup/testStores';
import { directGroups, directWeeks, type DirectCounts } from './roiDirectReport';
import { seedPeople, type Person } from './roiFixtures';

/**
 * The report reads a summary that attribution and the triggers on hits, pushes and touches
 * keep (roi_day_groups); attribution attributes only what is new or changed. Over random
 * data, and again after each kind of change, both must equal what is read straight from
 * hits, touches and the ledger, and what attributing everything again gives.
 */
const RANGES: Array<[string | undefined, string | undefined]> = [
	[undefined, undefined],
	['2026-09-10', '2026-09-30'],
	['2026-09-16', undefined],
];

function asDirect(report: RoiReport): DirectCounts[] {
	return report.rows.map((row) => ({
		key: row.key,
		label: report.dimension === 'rule' ? row.label : row.key,
		hits: row.hits,
		heldOut: row.heldOut,
		contacted: row.contacted,
		converted: row.converted,
		heldOutConverted: row.heldOutConverted,
		firstTouch: row.firstTouchConversions,
		lastTouch: row.lastTouchConversions,
		amountCents: row.amountCents,
		sms: row.smsSent,
		calls: row.callsMade,
	}));
}

describe.each(STORE_KINDS)('the conversion report’s summary and incremental attribution on %s', (kind) => {
	let store: Store;
	let people: Person[];
	const random = seededRandom(20261207);
	const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
	const day = () => addDays('2026-09-01', Math.floor(random() * 45));

	async function addHits(count: number, windowKey: string): Promise<number[]> {
		const hits = Array.from({ length: count }, () => {
			const person = pick(people);
			return {
				lead_id: person.leadId,
				id_hash: person.idHash,
				rule_id: pick(['active', 'behaviour', 'dormant']),
				hit_date: day(),
				grade: pick(['A', 'B', null]),
				source: pick(['官网预约', '抖音推广', null]),
				institution: pick(['机构甲', '机构乙', '机构丙', null]),
				control_group: random() < 0.2,
			};
		});
		const result = await store.query<{ hit_id: string }>(
			`INSERT INTO hits (lead_id, id_hash, rule_id, rule_version, window_key, hit_date, grade, label, reason, source, institution, control_group)
			 SELECT n.lead_id, n.id_hash, n.rule_id, 1, $2 || n.hit_date, n.hit_date, n.grade, '规则' || n.rule_id, '测试', n.source, n.institution, n.control_group
			 FROM jsonb_to_recordset($1::jsonb) AS n(lead_id text, id_hash text, rule_id text, hit_date date, grade text, source text, institution text, control_group boolean)
			 ON CONFLICT DO NOTHING RETURNING hit_id`,
			[JSON.stringify(hits), windowKey],
		);
		return result.rows.map((row) => Number(row.hit_id));
	}

	async function addPushes(hitIds: readonly number[], prefix: string): Promise<void> {
		const pushes = hitIds.map((hitId, i) => ({
			key: `${prefix}:${hitId}:${i}`,
			hit_id: hitId,
			channel: pick(['sms', 'call']),
			state: pick(['sent', 'delivered', 'undelivered', 'failed', 'reserved']),
			at: `${day()}T0${Math.floor(random() * 10)}:00:00Z`,
		}));
		await store.query(
			`INSERT INTO push_ledger (idempotency_key, hit_id, lead_id, channel, state, attempts, decided_at, sent_at)
			 SELECT n.key, n.hit_id, h.lead_id, n.channel, n.state, 1, n.at, CASE WHEN n.state IN ('failed', 'reserved') THEN NULL ELSE n.at END
			 FROM jsonb_to_recordset($1::jsonb) AS n(key text, hit_id bigint, channel text, state text, at timestamptz) JOIN hits h ON h.hit_id = n.hit_id`,
			[JSON.stringify(pushes)],
		);
	}

	async function importSome(count: number): Promise<void> {
		const rows = Array.from({ length: count }, () => {
			const person = pick(people);
			const key = random() < 0.3 ? { 手机号: person.phone } : { 身份证号: person.idNumber };
			return { ...key, 产品: pick(['个人消费贷', '信用卡']), 金额: String(1 + Math.floor(random() * 50_000)), 转化日期: addDays(day(), Math.floor(random() * 20)) };
		});
		await importConversions(store, testKeys, conversionRowsOfObjects(rows));
	}

	/** The summary's report equals the direct read for every dimension and range, and so does the trend. */
	async function expectReportExact(): Promise<void> {
		for (const [dateFrom, dateTo] of RANGES) {
			for (const dimension of ROI_DIMENSIONS) {
				const report = await roiReport(store, { dimension, dateFrom, dateTo });
				expect({ dimension, dateFrom, dateTo, rows: asDirect(report) }).toEqual({
					dimension,
					dateFrom,
					dateTo,
					rows: (await directGroups(store, dimension, dateFrom, dateTo)).map((row) => (dimension === 'rule' ? row : { ...row, label: row.key })),
				});
			}
			const { trend } = await roiReport(store, { dateFrom, dateTo });
			const weeks = await directWeeks(store, dateFrom, dateTo);
			expect(trend.filter((week) => week.hits > 0)).toEqual(
				weeks.map((w) => ({
					weekStart: w.key,
					hits: w.hits,
					treated: w.hits - w.heldOut,
					heldOut: w.heldOut,
					contacted: w.contacted,
					converted: w.converted,
					heldOutConverted: w.heldOutConverted,
					amountCents: w.amountCents,
				})),
			);
			for (const [i, week] of trend.entries()) {
				expect(new Date(`${week.weekStart}T00:00:00Z`).getUTCDay()).toBe(1);
				if (i > 0) expect(week.weekStart).toBe(addDays(trend[i - 1].weekStart, 7));
			}
		}
	}

	/** Attributing everything again (as a changed window does) changes nothing the incremental runs left. */
	async function expectAttributionComplete(): Promise<void> {
		const touches = () => store.query('SELECT * FROM conversion_touches ORDER BY conversion_id, hit_id').then((r) => r.rows);
		const before = await touches();
		await store.query('DELETE FROM roi_attribution_state');
		expect(await attributeConversions(store)).toMatchObject({ touchesWritten: 0, hitsConverted: 0 });
		expect(await touches()).toEqual(before);
	}

	beforeAll(async () => {
		store = await openTestStore(kind);
		people = await seedPeople(store, 300);
		const hitIds = await addHits(600, 'w1:');
		await addPushes(hitIds.filter(() => random() < 0.6), 'p1');
		await importSome(250);
	}, 120_000);
	afterAll(() => store.close());

	it('equals the direct read over random hits, pushes and conversions, with a trend week by week', async () => {
		await expectReportExact();
		await expectAttributionComplete();
	}, 120_000);

	it('stays exact as hits, pushes and conversions come, change and go; a re-run writes nothing', async () => {
		const more = await addHits(150, 'w2:');
		await attributeConversions(store);
		await addPushes(more.filter(() => random() < 0.5), 'p2');
		await store.query("UPDATE push_ledger SET state = 'sent', sent_at = decided_at WHERE state = 'reserved'");
		await importSome(80);
		await expectReportExact();
		await attributeConversions(store);
		await expectAttributionComplete();

		// A hit leaves (its lead's hits with it): its touches go, the conversion's other touches are re-marked.
		await store.query('DELETE FROM hits WHERE hit_id IN (SELECT hit_id FROM conversion_touches WHERE first_touch ORDER BY hit_id LIMIT 5)');
		await attributeConversions(store);
		await expectReportExact();
		await expectAttributionComplete();

		expect(await attributeConversions(store)).toMatchObject({ touchesWritten: 0, hitsConverted: 0 });
		const stale = await store.query<{ n: string }>('SELECT (SELECT count(*) FROM roi_stale_conversions) + (SELECT count(*) FROM roi_stale_days) AS n');
		expect(Number(stale.rows[0].n)).toBe(0);
	}, 120_000);

	it('attributes again with a changed window, and the summary follows', async () => {
		const shorter = await attributeConversions(store, { windowDays: 7 });
		expect(shorter.touchesWritten).toBeGreaterThan(0);
		const days = await store.query<{ n: string }>('SELECT count(*) AS n FROM conversion_touches WHERE days_after_hit > 7');
		expect(Number(days.rows[0].n)).toBe(0);
		await expectReportExact();
		expect(await attributeConversions(store, { windowDays: 7 })).toMatchObject({ touchesWritten: 0 });
	}, 120_000);

	it('rebuilds the same rows day by day as all days at once (each table read whole)', async () => {
		const groups = () =>
			store
				.query('SELECT * FROM roi_day_groups ORDER BY hit_date, rule_id, label, grade, source, institution, control_group, push_channel')
				.then((r) => r.rows);
		// Hits pushed again: the first push's channel is a dimension, and the second may come first in the table.
		const pushed = await store.query<{ hit_id: string }>("SELECT DISTINCT hit_id FROM push_ledger WHERE state = 'sent' ORDER BY hit_id DESC LIMIT 80");
		await addPushes(pushed.rows.map((row) => Number(row.hit_id)), 'p3');
		await attributeConversions(store, { windowDays: 7 });
		const days = await store.query<{ day: string }>("SELECT DISTINCT to_char(hit_date, 'YYYY-MM-DD') AS day FROM hits ORDER BY 1");
		expect(days.rows.length).toBeGreaterThan(10);
		await store.query('INSERT INTO roi_stale_days (hit_date) SELECT DISTINCT hit_date FROM hits');
		expect(await refreshRoiSummary(store)).toBe(days.rows.length);
		const whole = await groups();
		expect(whole.length).toBeGreaterThan(days.rows.length);
		// Spoiled, then rebuilt one day at a time: each day alone is a small share of the days known.
		await store.query("UPDATE roi_day_groups SET hits = hits + 1000, converted = 0, push_channel = push_channel || '?'");
		for (const { day } of days.rows) {
			await store.query('INSERT INTO roi_stale_days (hit_date) VALUES ($1)', [day]);
			expect(await refreshRoiSummary(store)).toBe(1);
		}
		expect(await groups()).toEqual(whole);
		await expectReportExact();
	}, 120_000);
});
