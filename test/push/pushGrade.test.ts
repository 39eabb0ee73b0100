import { listHits } from '../../lib/hits';
import { compilePolicy, gateHits, tierHits } from '../../lib/push';
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
});
