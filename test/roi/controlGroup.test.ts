import { evaluate } from '../../lib/monitor/evaluate';
import { compilePolicy, gateHits, loadSimulatedHits } from '../../lib/push';
import { controlPlacement, inControlGroup } from '../../lib/roi';
import { validateRuleSet } from '../../lib/rules/validateRule';
import type { RuleSet } from '../../lib/rules/types';
import { scoringConfig, standardScoringModel } from '../../lib/scoring';
import type { Store } from '../../lib/store';
import { openPolicy } from '../push/policyFixtures';
import { createPartitions, insertEvents, insertLeads, testIdHash } from '../rules/fixtures';
import { openTestStore, STORE_KINDS } from '../setup/testStores';

const LEADS = 400;
const AS_OF = new Date('2026-11-21T02:00:00+08:00');

function rule(name: string, controlPercent?: number): RuleSet['rules'][number] {
	return {
		name,
		conditions: { all: [{ name: 'count', fact: 'activityCount', params: { windowDays: 7 }, operator: 'greaterThanInclusive', value: 1 }] },
		event: {
			type: 'lead-hit',
			params: { label: name === 'held' ? '活跃机构命中' : '关键行为', grade: 'B', reason: '近7天核验{count}次', ...(controlPercent === undefined ? {} : { controlPercent }) },
		},
	};
}

describe('control group placement', () => {
	it('is stable per person, about the share asked for, and 0 % holds out nobody', () => {
		const hashes = Array.from({ length: 20_000 }, (_, i) => testIdHash(`p${i}`));
		expect(hashes.map(controlPlacement)).toEqual(hashes.map(controlPlacement));
		const share = hashes.filter((h) => inControlGroup(h, 5)).length / hashes.length;
		expect(share).toBeGreaterThan(0.045);
		expect(share).toBeLessThan(0.055);
		expect(hashes.filter((h) => inControlGroup(h, 0)).length).toBe(0);
		expect(hashes.filter((h) => inControlGroup(h, undefined)).length).toBe(0);
		// A person held out at 5 % is held out at 10 % too: one placement per person.
		expect(hashes.filter((h) => inControlGroup(h, 5) && !inControlGroup(h, 10))).toEqual([]);
	});

	it('is part of a rule’s stored configuration, checked by the schema', () => {
		expect(validateRuleSet({ rules: [rule('held', 20)] })).toEqual([]);
		expect(validateRuleSet({ rules: [rule('held', 80)] })).toEqual([expect.objectContaining({ path: expect.stringContaining('controlPercent') })]);
	});

	it('is part of the scoring model per grade, checked by the schema', () => {
		const model = standardScoringModel();
		expect(scoringConfig.validate({ ...model, controlPercentByGrade: { A: 5, D: 20 } }).controlPercentByGrade).toEqual({ A: 5, D: 20 });
		expect(() => scoringConfig.validate({ ...model, controlPercentByGrade: { A: 80 } })).toThrow();
		expect(() => scoringConfig.validate({ ...model, controlPercentByGrade: { E: 5 } })).toThrow();
	});
});

describe.each(STORE_KINDS)('control groups in the daily run and Push Gate on %s', (kind) => {
	let store: Store;
	beforeAll(async () => {
		store = await openTestStore(kind);
		await createPartitions(store, []);
		const leads = Array.from({ length: LEADS }, (_, i) => ({ leadId: `C${i}`, idHash: testIdHash(`c${i}`) }));
		await insertLeads(store, leads);
		await insertEvents(
			store,
			leads.map((lead) => ({ date: '2026-11-19', hour: 10, idHash: lead.idHash as string, institution: '杭州分行', type: 'face' })),
		);
	});
	afterAll(() => store.close());

	it('records held-out hits as hits, marked 对照组, and Push Gate never lets them through', async () => {
		const { hits } = await evaluate(store, { rules: [rule('held', 20), rule('plain')] }, { asOf: AS_OF });
		expect(hits).toHaveLength(2 * LEADS);
		const held = hits.filter((h) => h.ruleId === 'held');
		const plain = hits.filter((h) => h.ruleId === 'plain');
		expect(plain.filter((h) => h.controlGroup)).toEqual([]);
		for (const hit of held) expect(hit.controlGroup).toBe(inControlGroup(testIdHash(`c${hit.leadId.slice(1)}`), 20));
		const heldOut = held.filter((h) => h.controlGroup);
		expect(heldOut.length).toBeGreaterThan(LEADS * 0.12);
		expect(heldOut.length).toBeLessThan(LEADS * 0.28);

		const stored = await store.query<{ hit_id: string; control_group: boolean }>('SELECT hit_id, control_group FROM hits WHERE rule_id = $1', ['held']);
		expect(stored.rows.filter((r) => r.control_group).map((r) => Number(r.hit_id)).sort((a, b) => a - b)).toEqual(
			heldOut.map((h) => h.hitId).sort((a, b) => a - b),
		);

		const policy = compilePolicy(openPolicy({}));
		const decisions = await gateHits(store, policy, held.map((h) => ({ hitId: h.hitId })), { now: Date.parse('2026-11-21T10:00:00+08:00'), keyScope: store.schema });
		const heldIds = new Set(heldOut.map((h) => h.hitId));
		for (const decision of decisions) {
			if (heldIds.has(decision.hitId)) {
				expect(decision).toMatchObject({ kind: 'held', final: true, reasons: [{ code: 'control_group', message: expect.stringContaining('对照组') }] });
			} else {
				expect(decision.kind === 'held' && decision.reasons[0].code === 'control_group').toBe(false);
			}
		}
		const ledger = await store.query<{ n: string }>('SELECT count(*) AS n FROM push_ledger WHERE hit_id = ANY($1::bigint[])', [[...heldIds]]);
		expect(Number(ledger.rows[0].n)).toBe(0);

		// The simulated day plans them as held too.
		const simulated = await loadSimulatedHits(store, policy, { hitIds: [...heldIds], keyScope: store.schema, now: Date.parse('2026-11-21T10:00:00+08:00') });
		expect(simulated.hits).toHaveLength(heldIds.size);
		expect(simulated.hits.every((h) => h.standingHold?.code === 'control_group')).toBe(true);
	});

	it('holds out the scoring model’s share of each grade’s hits (the lead’s fit once scored, else the rule’s grade), by the same placement', async () => {
		// The first half of the leads are scored: fit A; the rest have none, so the rule's grade B is theirs.
		await store.query(
			`INSERT INTO lead_score_totals (lead_id, fit, engagement, grade) SELECT 'C' || i, 'A', 1, 'A1' FROM generate_series(0, $1::int - 1) AS i`,
			[LEADS / 2],
		);
		const shares = { A: 30, B: 10 };
		const { hits } = await evaluate(store, { rules: [rule('graded')] }, { asOf: AS_OF, controlPercentByGrade: shares });
		expect(hits).toHaveLength(LEADS);
		for (const hit of hits) {
			const i = Number(hit.leadId.slice(1));
			expect(hit.controlGroup).toBe(inControlGroup(testIdHash(`c${i}`), i < LEADS / 2 ? shares.A : shares.B));
		}
		const scored = hits.filter((h) => Number(h.leadId.slice(1)) < LEADS / 2);
		const unscored = hits.filter((h) => Number(h.leadId.slice(1)) >= LEADS / 2);
		expect(scored.filter((h) => h.controlGroup).length).toBeGreaterThan(scored.length * 0.18);
		expect(unscored.filter((h) => h.controlGroup).length).toBeLessThan(unscored.length * 0.2);
		expect(unscored.some((h) => h.controlGroup)).toBe(true);

		const stored = await store.query<{ lead_id: string; control_group: boolean }>('SELECT lead_id, control_group FROM hits WHERE rule_id = $1', ['graded']);
		expect(new Map(stored.rows.map((r) => [r.lead_id, r.control_group]))).toEqual(new Map(hits.map((h) => [h.leadId, h.controlGroup])));

		// Without grade shares (or with 0 %) a rule without controlPercent holds out nobody.
		const { hits: none } = await evaluate(store, { rules: [rule('ungraded')] }, { asOf: AS_OF, controlPercentByGrade: { A: 0 } });
		expect(none.filter((h) => h.controlGroup)).toEqual([]);
	});
});
