import { addDays } from '../../lib/calendar';
import { conversionRowsOfObjects, importConversions, inControlGroup, roiReport, type RoiRow } from '../../lib/roi';
import type { Store } from '../../lib/store';
import { seededRandom } from '../rules/fixtures';
import { openTestStore, STORE_KINDS, testKeys } from '../setup/testStores';
import { seedHits, seedPeople, type Person } from './roiFixtures';

/**
 * A world where each rule's true effect is known: every hit's person converts (within the
 * 30-day window) with one probability when the rule may contact them and another when the
 * hit is held out. The report must find each rule's effect inside its 95 % interval, and
 * its counts must be exactly the simulation's. Sizes: 20 % held out of 6 000 hits per rule
 * puts the real effects 4–6 standard errors from 0, so their signs come out too.
 */
const RULES = [
	{ ruleId: 'real-uplift', label: '活跃机构命中', treated: 0.1, control: 0.05 },
	{ ruleId: 'small-uplift', label: '关键行为', treated: 0.12, control: 0.08 },
	{ ruleId: 'no-effect', label: '沉睡唤醒', treated: 0.06, control: 0.06 },
	{ ruleId: 'negative', label: '新机构出现', treated: 0.06, control: 0.1 },
];
const HITS_PER_RULE = 6_000;
const CONTROL_PERCENT = 20;
const SEED = 20261206;

interface Truth {
	hits: number;
	heldOut: number;
	converted: number;
	heldOutConverted: number;
}

describe.each(STORE_KINDS)('uplift recovered from a seeded simulation on %s', (kind) => {
	let store: Store;
	const truth = new Map<string, Truth>();
	let conversions: Array<Record<string, unknown>>;

	beforeAll(async () => {
		store = await openTestStore(kind);
		const random = seededRandom(SEED);
		const people = await seedPeople(store, RULES.length * HITS_PER_RULE + 500);
		const hits: Array<{ person: Person; ruleId: string; hitDate: string; controlGroup: boolean; label: string }> = [];
		conversions = [];
		RULES.forEach((rule, r) => {
			const t: Truth = { hits: 0, heldOut: 0, converted: 0, heldOutConverted: 0 };
			truth.set(rule.ruleId, t);
			for (let i = 0; i < HITS_PER_RULE; i++) {
				const person = people[r * HITS_PER_RULE + i];
				const controlGroup = inControlGroup(person.idHash, CONTROL_PERCENT);
				const hitDate = addDays('2026-09-01', Math.floor(random() * 60));
				hits.push({ person, ruleId: rule.ruleId, hitDate, controlGroup, label: rule.label });
				t.hits++;
				if (controlGroup) t.heldOut++;
				const converts = random() < (controlGroup ? rule.control : rule.treated);
				if (converts) {
					if (controlGroup) t.heldOutConverted++;
					else t.converted++;
					// Known by ID number or, for one in four, by phone only.
					const key = random() < 0.25 ? { 手机号: person.phone } : { 身份证号: person.idNumber };
					conversions.push({ ...key, 产品: '个人消费贷', 金额: (1000 + Math.floor(random() * 99_000)).toFixed(2), 转化日期: addDays(hitDate, Math.floor(random() * 31)) });
				} else if (random() < 0.05) {
					// A conversion long after the window: not the rule's.
					conversions.push({ 身份证号: person.idNumber, 产品: '信用卡', 金额: '0', 转化日期: addDays(hitDate, 31 + Math.floor(random() * 60)) });
				}
			}
		});
		// People the monitor never hit convert too.
		for (let i = RULES.length * HITS_PER_RULE; i < people.length; i += 5) {
			conversions.push({ 身份证号: people[i].idNumber, 产品: '储蓄账户', 金额: '10', 转化日期: '2026-10-01' });
		}
		await seedHits(store, hits);
	}, 300_000);
	afterAll(() => store.close());

	it('finds every rule’s true effect inside its interval, with exact counts, and a re-import changes nothing', async () => {
		const report = await importConversions(store, testKeys, conversionRowsOfObjects(conversions));
		expect(report).toMatchObject({ rowsRead: conversions.length, matched: conversions.length, rejected: 0, duplicates: 0, unmatched: 0 });

		const { rows } = await roiReport(store, { dimension: 'rule' });
		const byRule = new Map<string, RoiRow>(rows.map((row) => [row.key, row]));
		for (const rule of RULES) {
			const row = byRule.get(rule.ruleId)!;
			const t = truth.get(rule.ruleId)!;
			expect({ rule: rule.ruleId, hits: row.hits, heldOut: row.heldOut, converted: row.converted, heldOutConverted: row.heldOutConverted }).toEqual({
				rule: rule.ruleId,
				...t,
			});
			expect(row.label).toBe(rule.label);
			const effect = rule.treated - rule.control;
			const { interval, verdict } = row.uplift;
			expect({ rule: rule.ruleId, effectInInterval: interval!.low <= effect && effect <= interval!.high }).toEqual({ rule: rule.ruleId, effectInInterval: true });
			if (effect > 0) expect({ rule: rule.ruleId, low: interval!.low > 0 }).toEqual({ rule: rule.ruleId, low: true });
			if (effect < 0) expect({ rule: rule.ruleId, high: interval!.high < 0 }).toEqual({ rule: rule.ruleId, high: true });
			if (effect !== 0) expect(verdict).toBe('significant');
			else expect(interval!.low < 0 && interval!.high > 0).toBe(true);
		}

		const before = JSON.stringify(await roiReport(store, { dimension: 'rule' }));
		const again = await importConversions(store, testKeys, conversionRowsOfObjects(conversions));
		expect(again).toMatchObject({ rowsRead: conversions.length, duplicates: conversions.length, matched: 0, unmatched: 0 });
		expect(again.attribution).toMatchObject({ touchesWritten: 0, hitsConverted: 0 });
		expect(JSON.stringify(await roiReport(store, { dimension: 'rule' }))).toBe(before);
	}, 300_000);
});
