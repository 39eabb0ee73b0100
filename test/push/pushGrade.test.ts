import { loadHitPage } from '../../lib/board';
import { listHits } from '../../lib/hits';
import { compilePolicy, gateHits, tierHits } from '../../lib/push';
import { updateLead } from '../../lib/roster';
import { scoreLeads, standardScoringModel } from '../../lib/scoring';
import type { Store } from '../../lib/store';
import { openTestStore, STORE_KINDS, testKeys } from '../setup/testStores';
import { standardFrequencies } from './frequencyFixtures';
import { at, openPolicy } from './policyFixtures';
import { seedHits, uniqueSeed } from './pushFixtures';

const byGrade = compilePolicy(openPolicy({ caps: {}, channels: { default: 'sms', byGrade: { A: 'call' } } }));

/**
 * A push tier selects a scored lead's hits by the lead's fit letter; the hit item it gets and
 * Push Gate's channel "by grade" must use that same grade, not the rule's (a hit of an A rule
 * whose lead fits D is pushed as D: tier D, by SMS).
 */
describe.each(STORE_KINDS)('the grade a hit is pushed by on %s', (kind) => {
	let store: Store;
	beforeAll(async () => {
		store = await openTestStore(kind);
	});
	afterAll(() => store.close());

	it("is the lead's fit letter once scored, else the rule's: in the tier's hit items and in Push Gate's channel", async () => {
		const [scoredHit] = await seedHits(store, testKeys, { ...uniqueSeed(), leads: 1, grade: () => 'A' });
		await scoreLeads(store, standardScoringModel(), { scoredOn: '2025-12-24', modelVersion: null });
		const fit = (await store.query<{ fit: string }>('SELECT fit FROM lead_scores WHERE lead_id = $1', [scoredHit.leadId])).rows[0]?.fit;
		expect(fit).toMatch(/^[B-D]$/); // a bare seeded lead fits below A: the two grades differ
		const [unscoredHit] = await seedHits(store, testKeys, { ...uniqueSeed(), leads: 1, grade: () => 'A' }); // after the run

		const frequencies = standardFrequencies();
		const tierOfFit = tierHits(frequencies, fit);
		const tierA = tierHits(frequencies, 'A');
		const ofFitTier = await listHits(store, { status: 'pending', ...tierOfFit }, { limit: 100 });
		const ofTierA = await listHits(store, { status: 'pending', ...tierA }, { limit: 100 });
		expect(ofFitTier.map((hit) => [hit.hitId, hit.grade, hit.ruleGrade])).toEqual([[scoredHit.hitId, fit, 'A']]);
		expect(ofTierA.map((hit) => [hit.hitId, hit.grade, hit.ruleGrade])).toEqual([[unscoredHit.hitId, 'A', 'A']]);

		const decisions = await gateHits(store, byGrade, [{ hitId: scoredHit.hitId }, { hitId: unscoredHit.hitId }], { now: at('2025-12-24 10:00'), keyScope: store.schema });
		expect(decisions.map((decision) => [decision.hitId, decision.kind === 'send' ? decision.channel : decision.kind])).toEqual([
			[scoredHit.hitId, 'sms'], // tier D's hit, pushed by D's channel — not called as its rule's A
			[unscoredHit.hitId, 'call'],
		]);
	});

	it("is kept on the hit: a hit written after a run takes its lead's fit, a profile that changes the letter moves the lead's hits at the next run, and the board sorts and filters by it", async () => {
		const [moved, kept] = await seedHits(store, testKeys, { ...uniqueSeed(), leads: 2, grade: () => 'C' });
		await scoreLeads(store, standardScoringModel(), { scoredOn: '2025-12-25', modelVersion: null });
		const fitOf = async (leadId: string) => (await store.query<{ fit: string }>('SELECT fit FROM lead_scores WHERE lead_id = $1', [leadId])).rows[0].fit;
		const before = await fitOf(moved.leadId);
		expect(before).toMatch(/^[B-D]$/);
		await store.query(
			`INSERT INTO hits (lead_id, id_hash, rule_id, rule_version, window_key, hit_date, grade, label, reason)
			 VALUES ($1, 'h-later', 'key-behaviour', 1, 'w', '2025-12-25', 'C', '测试命中', '-')`,
			[moved.leadId],
		);
		const gradesOf = async (leadId: string) => (await listHits(store, { search: leadId }, { limit: 10 })).map((hit) => hit.grade);
		expect(await gradesOf(moved.leadId)).toEqual([before, before]);

		await updateLead(store, testKeys, moved.leadId, { industry: '信息技术', sourceChannel: '熟人转介绍', attributes: { 客户等级: 'VIP' } });
		expect(await gradesOf(moved.leadId)).toEqual([before, before]); // as lead_scores shows it until the next run
		await scoreLeads(store, standardScoringModel(), { scoredOn: '2025-12-26', modelVersion: null });
		expect(await fitOf(moved.leadId)).toBe('A');
		expect(await gradesOf(moved.leadId)).toEqual(['A', 'A']);
		expect(await gradesOf(kept.leadId)).toEqual([await fitOf(kept.leadId)]);

		const mine = (hits: Array<{ leadId: string }>) => hits.filter((hit) => hit.leadId === moved.leadId || hit.leadId === kept.leadId);
		const page = async (request: { sort: 'grade'; direction: 'asc' | 'desc' } | { grade: string }) =>
			loadHitPage(store, {
				filters: 'grade' in request ? { grade: request.grade } : {},
				page: 1,
				pageSize: 100,
				sort: 'grade' in request ? 'hitDate' : request.sort,
				direction: 'grade' in request ? 'desc' : request.direction,
			});
		const ascending = (await page({ sort: 'grade', direction: 'asc' })).items;
		expect(ascending.map((hit) => hit.grade)).toEqual(ascending.map((hit) => hit.grade).sort());
		expect(mine(ascending).map((hit) => hit.leadId)).toEqual([moved.leadId, moved.leadId, kept.leadId]);
		const descending = (await page({ sort: 'grade', direction: 'desc' })).items;
		expect(mine(descending).map((hit) => hit.leadId)).toEqual([kept.leadId, moved.leadId, moved.leadId]);
		const gradeA = await page({ grade: 'A' });
		expect(gradeA.items.every((hit) => hit.grade === 'A')).toBe(true);
		expect(mine(gradeA.items).map((hit) => hit.leadId)).toEqual([moved.leadId, moved.leadId]);
	});
});
