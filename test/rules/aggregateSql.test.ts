import type { Store } from '../../lib/store';
import { hashToBytes } from '../../lib/privacy';
import { buildAggregateQuery, type AggregateRow } from '../../lib/rules/aggregateSql';
import { EVENT_TYPES } from '../../lib/vocabulary';
import { activitySpec, type ActivityFactName } from '../../lib/rules/facts';
import type { FactParams, Rule, RuleSet } from '../../lib/rules/types';
import { addDays } from '../../lib/calendar';
import { STORE_KINDS, openTestStore } from '../setup/testStores';
import {
	createPartitions,
	expectedFact,
	insertEvents,
	insertLeads,
	seededRandom,
	testIdHash,
	type TestEvent,
	type TestLead,
} from './fixtures';

const WINDOW_END = '2026-11-20';
const AS_OF = new Date('2026-11-21T02:00:00+08:00');
const INSTITUTIONS = ['华东中心机构', '上海研发分部', '杭州分行', '宁波分行'];
const DUP = testIdHash('dup');
const QUIET = testIdHash('quiet');

/** Rows and expected hashes are sorted the same way. */
const byHash = (a: string, b: string) => a.localeCompare(b);

const VARIANTS: Array<[ActivityFactName, FactParams]> = [
	['activityCount', { windowDays: 7 }],
	['activityCount', { windowDays: 30, institutions: ['华东中心机构', '上海研发分部'] }],
	['activityCount', { windowDays: 14, eventTypes: ['data_api'], period: { fromHour: 22, toHour: 6 } }],
	['activityCount', { windowDays: 10, period: { fromHour: 9, toHour: 18 }, offsetDays: 5 }],
	['distinctInstitutions', { windowDays: 30 }],
	['distinctInstitutions', { windowDays: 7, eventTypes: ['face', 'ocr'] }],
	['activeDays', { windowDays: 60 }],
	['activeDays', { windowDays: 20, offsetDays: 20, institutions: ['杭州分行'] }],
	['daysSinceLastActivity', {}],
	['daysSinceLastActivity', { windowDays: 30, offsetDays: 7 }],
	['daysSinceLastActivity', { windowDays: 90, eventTypes: ['ocr'] }],
	['newInstitutionCount', { windowDays: 7, baselineDays: 30 }],
	['newInstitutionCount', { windowDays: 14, baselineDays: 60, offsetDays: 3, eventTypes: ['face'] }],
	// The same as the second variant, written differently: must share its column.
	['activityCount', { institutions: ['上海研发分部', '华东中心机构', '华东中心机构'], windowDays: 30 }],
];

function ruleSetOf(variants: Array<[string, FactParams]>, operator = 'notEqual', value: unknown = -1): RuleSet {
	return {
		rules: variants.map(
			([fact, params], i): Rule => ({
				name: `v${i}`,
				conditions: { all: [{ fact, params, operator, value }] },
				event: { type: 'hit', params: { label: `变量${i}`, grade: 'C', reason: '命中' } },
			}),
		),
	};
}

/** Random leads and events over half a year, the same every run. */
function generate(): { leads: TestLead[]; events: TestEvent[] } {
	const random = seededRandom(20261120);
	const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
	const leads: TestLead[] = [];
	for (let i = 0; i < 30; i++) {
		leads.push({ leadId: `G${i}`, idHash: testIdHash(`g${i}`), sourceChannel: pick(['官网预约', '抖音推广', '线下活动']), tags: i % 3 ? [] : ['VIP'] });
	}
	const events: TestEvent[] = [];
	for (let i = 0; i < 900; i++) {
		// Active leads cluster near the window end; a few IDs (g30..g39) are not on the roster.
		const lead = Math.floor(random() ** 1.5 * 40);
		const back = Math.floor(random() ** 2 * 200) - 1;
		events.push({
			date: addDays(WINDOW_END, -back),
			hour: Math.floor(random() * 24),
			idHash: testIdHash(`g${lead}`),
			institution: pick(INSTITUTIONS),
			type: pick(EVENT_TYPES),
		});
	}
	return { leads, events };
}

describe.each(STORE_KINDS)('aggregate SQL on %s', (kind) => {
	let store: Store;
	const { leads, events } = generate();
	const extraLeads: TestLead[] = [
		// Two roster entries for one ID: the earlier one is monitored.
		{ leadId: 'D2', idHash: DUP, sourceChannel: '抖音推广', createdAt: '2026-03-02T00:00:00Z' },
		{ leadId: 'D1', idHash: DUP, sourceChannel: '官网预约', createdAt: '2026-03-01T00:00:00Z' },
		{ leadId: 'N1', idHash: null, sourceChannel: '线下活动' },
		{ leadId: 'Q1', idHash: QUIET, industry: '制造业', tags: ['VIP', '贷款'], attributes: { 客户等级: 'VIP', 额度: 50 } },
	];
	const extraEvents: TestEvent[] = [
		{ date: '2026-11-19', hour: 10, idHash: DUP, institution: '杭州分行', type: 'face' },
		{ date: '2026-11-21', hour: 10, idHash: testIdHash('g0'), institution: '杭州分行', type: 'face' },
	];

	beforeAll(async () => {
		store = await openTestStore(kind);
		await createPartitions(store, ['2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21']);
		await insertLeads(store, [...leads, ...extraLeads]);
		await insertEvents(store, [...events, ...extraEvents]);
	});
	afterAll(() => store.close());

	async function rows(ruleSet: RuleSet, options: Parameters<typeof buildAggregateQuery>[1] = { asOf: AS_OF }) {
		const query = buildAggregateQuery(ruleSet, options);
		const result = await store.query<AggregateRow>(query.sql, query.params);
		return { query, rows: result.rows.sort((a, b) => byHash(a.id_hash, b.id_hash)) };
	}

	it('computes every fact of every roster lead as plain code does', async () => {
		const { query, rows: found } = await rows(ruleSetOf(VARIANTS));
		expect(query.windowEnd).toBe(WINDOW_END);
		expect(query.includesInactive).toBe(true);
		expect(query.columns.filter((c) => c.spec)).toHaveLength(VARIANTS.length - 1);
		expect(found.map((r) => r.id_hash)).toEqual([DUP, ...leads.map((l) => l.idHash!), QUIET].sort(byHash));
		const allEvents = [...events, ...extraEvents];
		let checked = 0;
		for (const row of found) {
			for (const [fact, params] of VARIANTS) {
				const expected = expectedFact(allEvents, row.id_hash, activitySpec(fact, params), WINDOW_END);
				expect({ lead: row.id_hash, fact, params, value: row[query.factKey(fact, params)] }).toEqual({
					lead: row.id_hash,
					fact,
					params,
					value: expected,
				});
				checked++;
			}
		}
		expect(checked).toBe(32 * VARIANTS.length);
		// The data must exercise the facts, not just produce zeros.
		const counts = found.map((r) => r[query.factKey('activityCount', { windowDays: 7 })] as number);
		expect(counts.filter((c) => c > 0).length).toBeGreaterThan(5);
		const fresh = found.map((r) => r[query.factKey('newInstitutionCount', { windowDays: 7, baselineDays: 30 })] as number);
		expect(fresh.filter((c) => c > 0).length).toBeGreaterThan(2);
	});

	it('brings profile facts and the earliest roster entry per ID hash; leaves out leads without an ID hash', async () => {
		const profile: RuleSet = {
			rules: [
				{
					name: 'p',
					conditions: {
						all: [
							{ fact: 'tags', operator: 'contains', value: 'VIP' },
							{ fact: 'attributes', path: '$.客户等级', operator: 'equal', value: 'VIP' },
							{ fact: 'industry', operator: 'equal', value: '制造业' },
							{ fact: 'status', operator: 'equal', value: 'new' },
						],
					},
					event: { type: 'hit', params: { label: '画像', grade: 'D', reason: '画像' } },
				},
			],
		};
		const { query, rows: found } = await rows(profile);
		expect(query.rangeStart).toBeNull();
		expect(found).toHaveLength(32);
		expect(found.find((r) => r.id_hash === QUIET)).toEqual({
			lead_id: 'Q1',
			id_hash: QUIET,
			sourceChannel: null,
			tags: ['VIP', '贷款'],
			attributes: { 客户等级: 'VIP', 额度: 50 },
			industry: '制造业',
			status: 'new',
		});
		expect(found.find((r) => r.id_hash === DUP)).toMatchObject({ lead_id: 'D1', sourceChannel: '官网预约' });
	});

	it('returns only active leads when no rule could hit a lead without events', async () => {
		const { query, rows: found } = await rows(ruleSetOf([['activityCount', { windowDays: 7 }]], 'greaterThanInclusive', 3));
		expect(query.includesInactive).toBe(false);
		const active = new Set([...events, ...extraEvents].filter((e) => e.date >= '2026-11-14' && e.date <= WINDOW_END).map((e) => e.idHash));
		const onRoster = new Set([DUP, ...leads.map((l) => l.idHash)]);
		expect(found.map((r) => r.id_hash)).toEqual([...active].filter((h) => onRoster.has(h)).sort(byHash));
		expect(found.find((r) => r.id_hash === DUP)).toMatchObject({ lead_id: 'D1', f0: 1 });
	});

	it('keeps every value out of the SQL text', async () => {
		const malicious = `${testIdHash('g1')}'; DROP TABLE leads; --`;
		const options = { asOf: AS_OF, idHashes: [malicious], includeInactive: true };
		const query = buildAggregateQuery(ruleSetOf(VARIANTS), options);
		expect(query.sql).not.toMatch(/2026|华东|data_api|DROP|'/);
		expect(query.params).toContain('2026-11-20');
		expect(query.params).toContainEqual(['上海研发分部', '华东中心机构']);
		expect(query.params).toContainEqual([malicious]);
		// Run, it is a value compared with the ID hashes: no lead has it, even with inactive leads kept.
		expect((await rows(ruleSetOf(VARIANTS), options)).rows).toEqual([]);
		expect((await rows(ruleSetOf([['activityCount', { windowDays: 7 }]]), { ...options, idHashes: [testIdHash('g1')] })).rows).toHaveLength(1);
		const left = await store.query<{ n: number }>('SELECT count(*)::int AS n FROM leads');
		expect(left.rows[0].n).toBe(leads.length + extraLeads.length);
	});

	it('explains one lead: only that ID hash, inactive or not', async () => {
		const { rows: one } = await rows(ruleSetOf([['activityCount', { windowDays: 7 }]], 'greaterThanInclusive', 3), {
			asOf: AS_OF,
			idHashes: [QUIET],
			includeInactive: true,
		});
		expect(one).toEqual([{ lead_id: 'Q1', id_hash: QUIET, sourceChannel: null, f0: 0 }]);
		const { rows: busy } = await rows(ruleSetOf([['activityCount', { windowDays: 7 }]]), {
			asOf: AS_OF,
			idHashes: [DUP],
			includeInactive: true,
		});
		expect(busy).toEqual([{ lead_id: 'D1', id_hash: DUP, sourceChannel: '官网预约', f0: 1 }]);
	});

	it('leaves out a lead whose ID hash is not a keyed hash, as one without an ID number, and does not fail', async () => {
		const own = await openTestStore(kind);
		try {
			await createPartitions(own, []);
			const real = testIdHash('real');
			const [, hex] = real.split(':');
			// Text that id_hash_bytes() must not turn into the bytes of the real hash's events.
			const notHashes = [`v1:${hex.toUpperCase()}`, `V1:${hex}`, hex, `v1:${hex.slice(2)}`, `v1:${hex}0`, ` ${real}`, 'real'];
			await insertLeads(own, [{ leadId: 'R', idHash: real }, ...notHashes.map((idHash, i) => ({ leadId: `X${i}`, idHash }))]);
			await insertEvents(own, [
				{ date: '2026-11-19', hour: 10, idHash: real, institution: '杭州分行', type: 'face' },
				{ date: '2026-11-20', hour: 23, idHash: real, institution: '宁波分行', type: 'data_api' },
			]);
			const ruleSet = ruleSetOf([
				['activityCount', { windowDays: 7 }],
				['distinctInstitutions', { windowDays: 7 }],
				['daysSinceLastActivity', {}],
			]);
			const run = async (options: Parameters<typeof buildAggregateQuery>[1]) => {
				const query = buildAggregateQuery(ruleSet, options);
				return (await own.query<AggregateRow>(query.sql, query.params)).rows.sort((a, b) => a.lead_id.localeCompare(b.lead_id));
			};
			const facts = (row: AggregateRow) => [row.f0, row.f1, row.f2];

			// Inactive leads kept or not: only the real one is monitored, with its activity.
			for (const includeInactive of [true, false]) {
				const rows = await run({ asOf: AS_OF, includeInactive });
				expect(rows.map((r) => [r.lead_id, r.id_hash, ...facts(r)])).toEqual([['R', real, 2, 2, 0]]);
			}
			const stored = await own.query<{ lead_id: string; id_key: Uint8Array | null }>('SELECT lead_id, id_key FROM leads ORDER BY lead_id');
			expect(stored.rows.map((r) => [r.lead_id, r.id_key === null ? null : Buffer.from(r.id_key)])).toEqual([
				['R', hashToBytes(real)],
				...notHashes.map((_, i) => [`X${i}`, null]),
			]);
			// Asked for by its own id_hash (explaining it): no row, no error.
			for (const idHash of notHashes) expect(await run({ asOf: AS_OF, idHashes: [idHash], includeInactive: true })).toEqual([]);
		} finally {
			await own.close();
		}
	});

	it('scans only the partitions the windows need', async () => {
		const query = buildAggregateQuery(ruleSetOf([['activityCount', { windowDays: 2 }]], 'greaterThanInclusive', 1), { asOf: AS_OF });
		const plan = await store.query<Record<string, string>>(`EXPLAIN ${query.sql}`, query.params);
		const text = plan.rows.map((r) => Object.values(r).join(' ')).join('\n');
		expect(text).toMatch(/call_events_20261119/);
		expect(text).toMatch(/call_events_20261120/);
		expect(text).not.toMatch(/call_events_20261118|call_events_20261121|call_events_default/);
	});

	it('refuses a bad window end', () => {
		expect(() => buildAggregateQuery(ruleSetOf(VARIANTS), { windowEnd: '2026-02-30' })).toThrow(/YYYY-MM-DD/);
		expect(() => buildAggregateQuery(ruleSetOf(VARIANTS), {})).toThrow(/asOf/);
	});
});
