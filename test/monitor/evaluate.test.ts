import { addDays } from '../../lib/calendar';
import { evaluate, evaluateHits, type NewHit } from '../../lib/monitor/evaluate';
import { explainLead } from '../../lib/monitor/explainLead';
import { previewCoverage } from '../../lib/monitor/preview';
import { registerRules } from '../../lib/monitor/ruleRegistry';
import { buildAggregateQuery, type AggregateRow } from '../../lib/rules/aggregateSql';
import { allPresetsRuleSet } from '../../lib/rules/presets';
import { referenceOutcomes } from '../../lib/rules/referenceEngine';
import { simpleRuleSet } from '../../lib/rules/simpleRule';
import type { RuleSet } from '../../lib/rules/types';
import type { Store } from '../../lib/store';
import { createPartitions, insertEvents, insertLeads, testIdHash, type TestEvent } from '../rules/fixtures';
import { STORE_KINDS, openTestStore } from '../setup/testStores';

const AS_OF = new Date('2026-11-21T02:00:00+08:00');

/** One event of the ID labelled `id` (its keyed hash: testIdHash). */
function ev(date: string, id: string, institution: string, type = 'face', hour = 10): TestEvent {
	return { date, hour, idHash: testIdHash(id), institution, type };
}

const LEADS = [
	{ leadId: 'LA', idHash: testIdHash('a'), sourceChannel: '官网预约' },
	{ leadId: 'LB', idHash: testIdHash('b'), sourceChannel: '抖音推广' },
	{ leadId: 'LC', idHash: testIdHash('c'), sourceChannel: '线下活动' },
	{ leadId: 'LD', idHash: testIdHash('d'), sourceChannel: '熟人转介绍' },
	{ leadId: 'LE', idHash: testIdHash('e'), sourceChannel: '搜索引擎' },
];

const EVENTS: TestEvent[] = [
	// a: five calls at three institutions this week, one a data look-up.
	ev('2026-11-14', 'a', '华东中心机构'),
	ev('2026-11-16', 'a', '上海研发分部', 'ocr'),
	ev('2026-11-17', 'a', '华东中心机构'),
	ev('2026-11-19', 'a', '杭州分行', 'data_api', 23),
	ev('2026-11-20', 'a', '华东中心机构'),
	// b: every other day for a month at two institutions.
	...Array.from({ length: 15 }, (_, i) => ev(addDays('2026-11-20', -2 * i), 'b', i % 2 ? '宁波分行' : '杭州分行')),
	// c: silent since August, back this week.
	ev('2026-08-01', 'c', '杭州分行'),
	ev('2026-08-02', 'c', '杭州分行'),
	ev('2026-11-19', 'c', '杭州分行'),
	// d: known at one institution, now at a new one.
	ev('2026-10-20', 'd', '杭州分行'),
	ev('2026-11-10', 'd', '杭州分行'),
	ev('2026-11-18', 'd', '宁波分行'),
	// z: busy but not on the roster.
	...Array.from({ length: 10 }, (_, i) => ev(addDays('2026-11-20', -i), 'z', '华东中心机构', 'data_api')),
];

const hitKeys = (hits: readonly NewHit[]) => hits.map((h) => `${h.leadId}:${h.ruleId}`).sort();

describe.each(STORE_KINDS)('evaluate on %s', (kind) => {
	let store: Store;

	beforeAll(async () => {
		store = await openTestStore(kind);
		await createPartitions(store, []);
		await insertLeads(store, LEADS);
		await insertEvents(store, EVENTS);
	});
	afterAll(() => store.close());

	it('creates one hit per lead and matching preset, with reason, grade and the values', async () => {
		const { hits, summary } = await evaluate(store, allPresetsRuleSet(), { asOf: AS_OF });
		expect(hitKeys(hits)).toEqual([
			'LA:active-institutions',
			'LA:key-behaviour',
			'LB:active-institutions',
			'LB:long-term-high-frequency',
			'LC:dormant-and-back',
			'LD:new-institution',
		]);
		expect(summary).toMatchObject({ windowEnd: '2026-11-20', leadsEvaluated: 4, matches: 6, newHits: 6, alreadyHit: 0, ruleErrors: [] });

		const byKey = new Map(hits.map((h) => [`${h.leadId}:${h.ruleId}`, h]));
		expect(byKey.get('LA:active-institutions')).toMatchObject({
			ruleVersion: 1,
			label: '活跃机构命中',
			grade: 'B',
			reason: '近7天内在3家机构核验5次',
			windowKey: '2026-11-14~2026-11-20',
			hitDate: '2026-11-20',
			source: '官网预约',
			facts: { values: { count: 5, institutions: 3 }, window: { start: '2026-11-14', end: '2026-11-20' } },
		});
		expect(byKey.get('LA:key-behaviour')!.reason).toBe('近3天发生1次数据接口查询');
		expect(byKey.get('LB:long-term-high-frequency')!.reason).toBe('近30天中有15天发生核验，累计15次');
		expect(byKey.get('LC:dormant-and-back')!.reason).toBe('此前已103天未核验，近7天重新核验1次');
		expect(byKey.get('LD:new-institution')!.reason).toBe('近7天新增1家核验机构（此前30天内未出现）');

		const stored = await store.query<{ n: string }>('SELECT count(*)::int AS n FROM hits');
		expect(Number(stored.rows[0].n)).toBe(6);
		const row = await store.query<Record<string, unknown>>(
			`SELECT lead_id, id_hash, rule_id, rule_version, window_key, to_char(hit_date, 'YYYY-MM-DD') AS hit_date, grade, label, reason, source, institution, status, facts
			 FROM hits WHERE hit_id = $1`,
			[byKey.get('LA:active-institutions')!.hitId],
		);
		expect(row.rows[0]).toMatchObject({
			lead_id: 'LA',
			id_hash: testIdHash('a'),
			rule_id: 'active-institutions',
			rule_version: 1,
			window_key: '2026-11-14~2026-11-20',
			hit_date: '2026-11-20',
			grade: 'B',
			reason: '近7天内在3家机构核验5次',
			source: '官网预约',
			// The institution a called most often (3 of 5 calls): the ROI report's dimension.
			institution: '华东中心机构',
			status: 'pending',
		});
		expect((row.rows[0].facts as { conditions: unknown }).conditions).toMatchObject({
			all: [{ fact: 'activityCount', factResult: 5, result: true }, { fact: 'distinctInstitutions', factResult: 3, result: true }],
		});
	});

	it('numbers the hits by day, rule and lead, whatever order the aggregate returned them in', async () => {
		const stored = await store.query<{ lead_id: string; rule_id: string }>('SELECT lead_id, rule_id FROM hits ORDER BY hit_id');
		expect(stored.rows.map((r) => `${r.rule_id}:${r.lead_id}`)).toEqual([
			'active-institutions:LA',
			'active-institutions:LB',
			'dormant-and-back:LC',
			'key-behaviour:LA',
			'long-term-high-frequency:LB',
			'new-institution:LD',
		]);
	});

	it('agrees with json-rules-engine run on the same aggregate rows', async () => {
		const ruleSet = allPresetsRuleSet();
		const query = buildAggregateQuery(ruleSet, { asOf: AS_OF, includeInactive: true });
		const rows = (await store.query<AggregateRow>(query.sql, query.params)).rows;
		const expected: string[] = [];
		for (const row of rows) {
			for (const outcome of await referenceOutcomes(ruleSet, row, { factKey: query.factKey })) {
				expect(outcome.error).toBeUndefined();
				if (outcome.result!.result) expected.push(`${row.lead_id}:${outcome.name}`);
			}
		}
		const stored = await store.query<{ k: string }>(`SELECT lead_id || ':' || rule_id AS k FROM hits ORDER BY 1`);
		expect(stored.rows.map((r) => r.k)).toEqual(expected.sort());
	});

	it('previews coverage per day without writing anything', async () => {
		const before = await store.query<{ n: number }>('SELECT count(*)::int AS n FROM hits');
		const days = await previewCoverage(store, allPresetsRuleSet(), { windowEnd: '2026-11-20', days: 3 });
		expect(days.map((d) => d.date)).toEqual(['2026-11-18', '2026-11-19', '2026-11-20']);
		expect(days[2]).toEqual({
			date: '2026-11-20',
			leads: 4,
			byRule: {
				'active-institutions': 2,
				'long-term-high-frequency': 1,
				'key-behaviour': 1,
				'new-institution': 1,
				'dormant-and-back': 1,
			},
			errors: 0,
		});
		expect(days[0].byRule['key-behaviour']).toBe(0);
		const after = await store.query<{ n: number }>('SELECT count(*)::int AS n FROM hits');
		expect(after.rows[0].n).toBe(before.rows[0].n);
		await expect(previewCoverage(store, allPresetsRuleSet(), { windowEnd: '2026-11-20', days: 0 })).rejects.toThrow(/from 1 to 90/);
	});

	it('explains one lead: every rule, each condition with its value and result', async () => {
		const explained = await explainLead(store, allPresetsRuleSet(), { leadId: 'LA' }, { asOf: AS_OF });
		expect(explained).toMatchObject({ leadId: 'LA', idHash: testIdHash('a'), windowEnd: '2026-11-20' });
		const byRule = Object.fromEntries(explained.rules.map((r) => [r.ruleId, r]));
		expect(byRule['active-institutions']).toMatchObject({ result: true, reason: '近7天内在3家机构核验5次', grade: 'B' });
		expect(byRule['long-term-high-frequency']).toMatchObject({
			result: false,
			conditions: { all: [{ fact: 'activeDays', factResult: 5, result: false }, { fact: 'activityCount', factResult: 5, result: false }] },
		});
		expect(byRule['long-term-high-frequency'].reason).toBeUndefined();
		const quiet = await explainLead(store, allPresetsRuleSet(), { idHash: testIdHash('e') }, { asOf: AS_OF });
		expect(quiet).toMatchObject({ leadId: 'LE', idHash: testIdHash('e') });
		expect(quiet.rules.every((r) => r.result === false && !r.error)).toBe(true);
		await expect(explainLead(store, allPresetsRuleSet(), { leadId: 'nobody' }, { asOf: AS_OF })).rejects.toThrow(/No lead "nobody"/);
	});

	it('gives no second hit: not on a re-run, not while the window overlaps, again once it no longer does', async () => {
		const again = await evaluate(store, allPresetsRuleSet(), { asOf: AS_OF });
		expect(again.hits).toEqual([]);
		expect(again.summary).toMatchObject({ matches: 6, newHits: 0, alreadyHit: 6 });

		await insertEvents(store, [ev('2026-11-21', 'a', '华东中心机构'), ev('2026-11-22', 'a', '华东中心机构')]);
		const nextDay = await evaluate(store, allPresetsRuleSet(), { windowEnd: '2026-11-21' });
		// Still active at institutions, but that window overlaps yesterday's hit. New, though: a's
		// 11-14 call now lies in new-institution's baseline, so this week's other two are new.
		expect(hitKeys(nextDay.hits)).toEqual(['LA:new-institution']);
		expect(nextDay.hits[0].reason).toBe('近7天新增2家核验机构（此前30天内未出现）');
		expect(nextDay.summary).toMatchObject({ newHits: 1, alreadyHit: nextDay.summary.matches - 1 });

		await insertEvents(store, [ev('2026-11-26', 'a', '华东中心机构'), ev('2026-11-27', 'a', '杭州分行'), ev('2026-11-28', 'a', '上海研发分部')]);
		const weekLater = await evaluate(store, allPresetsRuleSet(), { windowEnd: '2026-11-28' });
		expect(hitKeys(weekLater.hits)).toEqual(['LA:active-institutions']);
		expect(weekLater.hits[0]).toMatchObject({ windowKey: '2026-11-22~2026-11-28', reason: '近7天内在3家机构核验4次' });
	});

	it('records a changed rule as a new version', async () => {
		const ruleSet = allPresetsRuleSet();
		const first = await registerRules(store, ruleSet.rules);
		expect(first.get('active-institutions')).toBe(1);
		ruleSet.rules[0].event.params.grade = 'A';
		const second = await registerRules(store, ruleSet.rules);
		expect(second.get('active-institutions')).toBe(2);
		expect(second.get('key-behaviour')).toBe(1);
		expect((await registerRules(store, ruleSet.rules)).get('active-institutions')).toBe(2);
	});

	it('runs the simple monitoring form: selected institutions, threshold', async () => {
		const ruleSet = simpleRuleSet({
			id: 'east-china',
			label: '华东活跃',
			windowDays: 7,
			institutions: ['华东中心机构'],
			threshold: 3,
			grade: 'A',
		});
		const { hits } = await evaluate(store, ruleSet, { asOf: AS_OF });
		expect(hits.map((h) => [h.leadId, h.reason])).toEqual([['LA', '近7天内在1家机构核验3次']]);
	});

	it('counts a rule that fails on some leads instead of crashing, and gives those leads no hit', async () => {
		const failing: RuleSet = {
			rules: [
				{
					name: 'fails',
					conditions: { all: [{ fact: 'activityCount', params: { windowDays: 7 }, operator: 'in', value: { fact: 'attributes', path: '$.limit' } }] },
					event: { type: 'hit', params: { label: '错误', grade: 'D', reason: '不会命中' } },
				},
			],
		};
		const { hits, summary } = await evaluate(store, failing, { asOf: AS_OF });
		expect(hits).toEqual([]);
		expect(summary.ruleErrors).toEqual([expect.objectContaining({ ruleId: 'fails', count: summary.leadsEvaluated })]);
		expect(summary.ruleErrors[0].firstError).toMatch(/indexOf/);
	});

	it('rejects an invalid rule set before touching anything', async () => {
		const bad = { rules: [{ name: 'x', conditions: { all: [{ fact: 'foo', operator: 'equal', value: 1 }] }, event: { type: 'x', params: {} } }] };
		await expect(evaluate(store, bad as never, { asOf: AS_OF })).rejects.toThrow(/rules\[0\]\.conditions\.all\[0\]\.fact: unknown fact "foo"/);
	});
});

describe.each(STORE_KINDS)('evaluate edge cases on %s', (kind) => {

	it('many hits over many fetches: each stored and returned once, in order, none on a re-run; an early stop loses none', async () => {
		const store = await openTestStore(kind);
		try {
			await createPartitions(store, []);
			const ids = Array.from({ length: 2500 }, (_, i) => `m${String(i).padStart(4, '0')}`);
			await insertLeads(store, ids.map((id, i) => ({ leadId: `M${i}`, idHash: testIdHash(id) })));
			await insertEvents(
				store,
				ids.flatMap((id) => ['2026-11-18', '2026-11-19', '2026-11-20'].map((date) => ev(date, id, '华东中心机构'))),
			);
			const ruleSet = simpleRuleSet({ id: 'busy', label: '活跃', windowDays: 7, threshold: 3, grade: 'A' });

			// Stop after the first batch: what was stored but not yet handed out is in the table,
			// and the full run afterwards hands out exactly the rest.
			const early = evaluateHits(store, ruleSet, { asOf: AS_OF, batchSize: 100 });
			const first = await early.next();
			await early.return(undefined as never);
			const handedOut = first.done ? [] : first.value;
			const stored = Number((await store.query<{ n: number }>('SELECT count(*)::int AS n FROM hits')).rows[0].n);
			expect(handedOut.length).toBeGreaterThan(0);
			expect(stored).toBeGreaterThanOrEqual(handedOut.length);

			const { hits, summary } = await evaluate(store, ruleSet, { asOf: AS_OF, batchSize: 100 });
			expect(summary).toMatchObject({ leadsEvaluated: 2500, matches: 2500, newHits: 2500 - stored, alreadyHit: stored });
			const all = (await store.query<{ hit_id: string; lead_id: string }>('SELECT hit_id, lead_id FROM hits ORDER BY hit_id')).rows;
			expect(all).toHaveLength(2500);
			expect(new Set(all.map((r) => r.lead_id)).size).toBe(2500);
			expect(hits.map((h) => h.hitId)).toEqual(all.slice(stored).map((r) => Number(r.hit_id)));

			expect((await evaluate(store, ruleSet, { asOf: AS_OF, batchSize: 100 })).summary).toMatchObject({ newHits: 0, alreadyHit: 2500 });
		} finally {
			await store.close();
		}
	});

	it('an empty roster or no events: an empty result, not an error', async () => {
		const store = await openTestStore(kind);
		try {
			await createPartitions(store, []);
			const empty = await evaluate(store, allPresetsRuleSet(), { asOf: AS_OF });
			expect(empty).toEqual({ hits: [], summary: expect.objectContaining({ leadsEvaluated: 0, matches: 0, newHits: 0 }) });
			await insertLeads(store, LEADS);
			const noEvents = await evaluate(store, allPresetsRuleSet(), { asOf: AS_OF });
			expect(noEvents.hits).toEqual([]);
			await insertEvents(store, EVENTS);
			// Two evaluations of the same day at once: each hit exists once.
			const [one, two] = await Promise.all([
				evaluate(store, allPresetsRuleSet(), { asOf: AS_OF }),
				evaluate(store, allPresetsRuleSet(), { asOf: AS_OF }),
			]);
			expect(one.hits.length + two.hits.length).toBe(6);
			const stored = await store.query<{ n: number }>('SELECT count(*)::int AS n FROM hits');
			expect(Number(stored.rows[0].n)).toBe(6);
		} finally {
			await store.close();
		}
	});
});
