import { addDays, daysBetween } from '../../lib/calendar';
import { listHits } from '../../lib/hits';
import { decayedPoints, explainScore, leadScore, scoreEntries, scoreLeads, standardScoringModel, ScoringError } from '../../lib/scoring';
import type { Store } from '../../lib/store';
import { openTestStore, STORE_KINDS } from '../setup/testStores';
import { addEvents, addHit, addPush, ID, ledgerMismatches, seedLeads } from './scoringFixtures';

const DAY = '2026-11-20';
const WEEK_LATER = '2026-11-27';
const model = standardScoringModel();

describe.each(STORE_KINDS)('scoring leads in SQL on %s', (kind) => {
	let store: Store;

	beforeAll(async () => {
		store = await openTestStore(kind);
		await seedLeads(store);
		await addEvents(store, ID.hot, DAY, 'face', 2);
		await addEvents(store, ID.hot, addDays(DAY, -200), 'face', 3); // older than the horizon: never counted
		for (let age = 0; age < 7; age++) await addEvents(store, ID.busy, addDays(DAY, -age), 'face', 5);
		await addHit(store, 'L-HOT', ID.hot, 'key-behaviour', DAY);
		await addPush(store, 'L-HOT', 'call', 'delivered', 'answered', DAY);
		await addPush(store, 'L-QUIET', 'sms', 'undelivered', 'undelivered', addDays(DAY, 1)); // after the day scored
		await store.query(`INSERT INTO contact_preferences (subject_hash, channel, opted_out, updated_at) VALUES ('lead:L-BUSY', 'all', true, $1::timestamptz)`, [
			`${DAY}T03:00:00Z`,
		]);
		// The same lead opted out by its phone too, an hour later: still one opt-out entry.
		await store.query(
			`INSERT INTO contact_preferences (subject_hash, channel, opted_out, updated_at) SELECT phone_hash, 'sms', true, $1::timestamptz FROM leads WHERE lead_id = 'L-BUSY'`,
			[`${DAY}T04:00:00Z`],
		);
	});
	afterAll(() => store.close());

	it('scores profile and behaviour into a ledger that adds up exactly to each score, with its grade', async () => {
		const summary = await scoreLeads(store, model, { scoredOn: DAY, modelVersion: 1 });
		expect(summary).toMatchObject({ scored: true, rebuilt: true, leads: 3, mature: 1, to: DAY, byGrade: { A1: 1, D3: 2 } });
		expect(await ledgerMismatches(store)).toEqual([]);

		// 制造业 10 + 熟人转介绍 15 + 客户等级 VIP 20 + phone 10 + company 5 + email 3 = 63, capped at 60.
		// 2 face events 12 + hit key-behaviour 20 + answered call 15 = 47.
		expect(await leadScore(store, 'L-HOT')).toMatchObject({ staticScore: 60, dynamicScore: 47, score: 107, grade: 'A1', mature: true, firstMatureOn: DAY });
		const hot = await explainScore(store, model, 'L-HOT');
		expect(hot.entriesTotal).toBe(hot.score);
		expect(hot.suggestion).toBe(model.suggestions.A1);
		expect(hot.entries.find((e) => e.source === 'cap')).toMatchObject({ group: 'profile', points: -3, detail: { cap: 60, before: 63 } });
		expect(hot.entries.find((e) => e.source === 'hit')).toMatchObject({ points: 20, detail: expect.objectContaining({ ruleId: 'key-behaviour', reason: '近7天核验3次' }) });
		expect(hot.entries.some((e) => e.day < addDays(DAY, -100))).toBe(false);
		// An event entry stores the day's count; its detail comes from the run's event classes.
		expect(hot.entries.find((e) => e.source === 'event')).toMatchObject({ key: `event:${DAY}:1`, basePoints: 12, detail: { class: 'strong', events: 2, counted: 2, pointsEach: 6 } });

		// 7 days of 5 face events: 3 a day counted (18 points), decayed, capped at 40; opt-out −40.
		const busy = await explainScore(store, model, 'L-BUSY');
		expect(busy).toMatchObject({ staticScore: 10, dynamicScore: 0, grade: 'D3', mature: false });
		expect(busy.entries.filter((e) => e.group === 'events').reduce((sum, e) => sum + e.points * 100, 0) / 100).toBe(40);
		expect(busy.entries.filter((e) => e.source === 'optOut')).toEqual([expect.objectContaining({ points: -40, detail: { channel: 'all' } })]);
		expect(busy.entries.find((e) => e.day === DAY && e.source === 'event')).toMatchObject({ basePoints: 18, detail: { class: 'strong', events: 5, counted: 3, pointsEach: 6 } });
		expect(await leadScore(store, 'L-QUIET')).toMatchObject({ score: 2, grade: 'D3' });
	});

	it('changes nothing when the same day (or an earlier one) is scored again', async () => {
		const before = await store.query('SELECT * FROM lead_scores ORDER BY lead_id');
		const entries = await store.query('SELECT * FROM lead_score_ledger ORDER BY lead_id, entry_key');
		expect(await scoreLeads(store, model, { scoredOn: DAY, modelVersion: 1 })).toMatchObject({ scored: false });
		expect(await scoreLeads(store, model, { scoredOn: addDays(DAY, -1), modelVersion: 1 })).toMatchObject({ scored: false });
		expect((await store.query('SELECT * FROM lead_scores ORDER BY lead_id')).rows).toEqual(before.rows);
		expect((await store.query('SELECT * FROM lead_score_ledger ORDER BY lead_id, entry_key')).rows).toEqual(entries.rows);
	});

	it('a week later reads only the new days, decays every behaviour entry by its age, and still adds up', async () => {
		await addEvents(store, ID.hot, addDays(WEEK_LATER, -2), 'ocr', 1);
		const summary = await scoreLeads(store, model, { scoredOn: WEEK_LATER, modelVersion: 1 });
		expect(summary).toMatchObject({ scored: true, rebuilt: false, from: DAY, to: WEEK_LATER });
		expect(await ledgerMismatches(store)).toEqual([]);

		const entries = await scoreEntries(store, 'L-HOT');
		for (const entry of entries.filter((e) => e.part === 'dynamic' && e.source !== 'cap')) {
			expect(entry.points).toBe(decayedPoints(model.decay, entry.basePoints, daysBetween(entry.day, WEEK_LATER)));
		}
		// 12 → 8.49, 20 → 14.14, 15 → 10.61 after one half of a half-life; the new OCR event 4 → 3.62.
		expect(entries.filter((e) => e.part === 'dynamic').map((e) => e.points).sort((a, b) => a - b)).toEqual([3.62, 8.49, 10.61, 14.14]);
		expect(await leadScore(store, 'L-HOT')).toMatchObject({ dynamicScore: 36.86, grade: 'A2', mature: true, firstMatureOn: DAY, gradeSince: WEEK_LATER });
		// The failed SMS of the day after the first run is read now.
		expect((await scoreEntries(store, 'L-QUIET')).find((e) => e.source === 'failedContact')).toMatchObject({ basePoints: -5 });
	});

	it('rebuilds the ledger for a new model version', async () => {
		const strict = { ...model, decay: { kind: 'window' as const, days: 4 } };
		const summary = await scoreLeads(store, strict, { scoredOn: addDays(WEEK_LATER, 1), modelVersion: 2 });
		expect(summary).toMatchObject({ scored: true, rebuilt: true, from: addDays(WEEK_LATER, -3) });
		expect(await ledgerMismatches(store)).toEqual([]);
		// Inside the 4-day window (the day scored and the 3 before) only the OCR event counts, in full.
		expect((await scoreEntries(store, 'L-HOT')).filter((e) => e.part === 'dynamic').map((e) => e.points)).toEqual([4]);
	});

	it('push tiers select a scored lead\'s hits by the lead\'s grade letter, not the rule\'s constant grade', async () => {
		const tierA = await listHits(store, { status: 'pending', grades: ['A'] }, { limit: 10 });
		const tierB = await listHits(store, { status: 'pending', grades: ['B'] }, { limit: 10 });
		// The rule's constant says B; the lead L-HOT is graded A by its profile: the hit is pushed as A.
		expect(tierA.map((hit) => [hit.leadId, hit.grade, hit.ruleGrade])).toEqual([['L-HOT', 'A', 'B']]);
		expect(tierB).toEqual([]);
	});

	it('names a bad date and a lead without a score', async () => {
		await expect(scoreLeads(store, model, { scoredOn: '2026-13-01', modelVersion: 1 })).rejects.toThrow(ScoringError);
		await expect(explainScore(store, model, 'L-NOPE')).rejects.toMatchObject({ code: 'leadNotScored', field: 'leadId' });
	});
});
