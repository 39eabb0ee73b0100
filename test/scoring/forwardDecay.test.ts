import { makeIdNumber } from '../identity/idNumberFixtures';
import { addDays, daysBetween } from '../../lib/calendar';
import { createLead } from '../../lib/roster';
import { decayFactor, decayHorizonDays, gradeOf, leadScore, scoreEntries, scoreLeads, standardScoringModel, type ScoringModel } from '../../lib/scoring';
import type { Store } from '../../lib/store';
import { openTestStore, STORE_KINDS, testKeys } from '../setup/testStores';
import { addEvents, addHit, ensureDay, ledgerMismatches } from './scoringFixtures';

/** A small deterministic generator (mulberry32), so a failing seed can be replayed. */
function generator(seed: number): { int: (min: number, max: number) => number; pick: <T>(items: readonly T[]) => T } {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return { int: (min, max) => min + Math.floor(next() * (max - min + 1)), pick: (items) => items[Math.floor(next() * items.length)] };
}

type Random = ReturnType<typeof generator>;

/** The standard model with a random decay, event points, hit points and caps. */
function randomModel(random: Random): ScoringModel {
	const model = standardScoringModel();
	const decay = random.pick([
		{ kind: 'halfLife' as const, days: 1 },
		{ kind: 'halfLife' as const, days: 3 },
		{ kind: 'halfLife' as const, days: 2.5 },
		{ kind: 'halfLife' as const, days: 14 },
		{ kind: 'window' as const, days: 3 },
		{ kind: 'window' as const, days: 7 },
	]);
	return {
		...model,
		decay,
		dynamic: {
			...model.dynamic,
			eventClasses: model.dynamic.eventClasses.map((c) => ({ ...c, points: random.int(1, 9), maxPerDay: random.pick([1, 2, 3, undefined]) })),
			hits: { default: random.int(5, 25), byRule: { 'key-behaviour': random.int(5, 30) } },
			negative: { ...model.dynamic.negative, optOut: -random.int(5, 40) },
		},
		caps: random.pick([undefined, { profile: 50, events: random.int(8, 30), hits: 25 }, { events: random.int(10, 20), outcomes: 30 }]),
	};
}

const LEADS = 6;
const ID = (n: number) => makeIdNumber('330106', `198${n}0312`, `12${n}`);
const DAYS = 10;
const START = '2026-10-01';

/** Leads with random profiles, and events, hits and opt-outs on random days of the period (and before it). */
async function seed(store: Store, random: Random): Promise<void> {
	for (let n = 0; n < LEADS; n++) {
		await createLead(store, testKeys, {
			leadId: `P${n}`,
			name: '测试',
			phone: n % 2 ? `1381234${String(n).padStart(4, '0')}` : undefined,
			idNumber: ID(n),
			company: n % 3 ? '纷扬科技' : undefined,
			industry: random.pick(['制造业', '教育', '信息技术']),
			sourceChannel: random.pick(['熟人转介绍', '抖音推广', '官网预约']),
			attributes: { 客户等级: random.pick(['VIP', '中', '低']) },
		});
	}
	for (let day = addDays(START, -20); day <= addDays(START, DAYS); day = addDays(day, 1)) await ensureDay(store, day);
	for (let i = 0; i < 40; i++) {
		const day = addDays(START, random.int(-20, DAYS));
		await addEvents(store, ID(random.int(0, LEADS - 1)), day, random.pick(['face', 'ocr', 'data_api']), random.int(1, 4));
	}
	const hits = new Set<string>();
	for (let i = 0; i < 6; i++) {
		const lead = random.int(0, LEADS - 1);
		const rule = random.pick(['key-behaviour', 'active-institutions']);
		const day = addDays(START, random.int(-5, DAYS));
		if (hits.has(`${lead}|${rule}|${day}`)) continue; // one hit per lead, rule and window
		hits.add(`${lead}|${rule}|${day}`);
		await addHit(store, `P${lead}`, ID(lead), rule, day);
	}
	await store.query(`INSERT INTO contact_preferences (subject_hash, channel, opted_out, updated_at) VALUES ($1, 'all', true, $2::timestamptz)`, [
		`lead:P${random.int(0, LEADS - 1)}`,
		`${addDays(START, random.int(0, DAYS))}T03:00:00Z`,
	]);
}

function roundCents(value: number): number {
	return (Math.sign(value) * Math.round(Math.abs(value) * 100 + 1e-9)) / 100;
}

/**
 * The score as of `day` from scratch: every ledger entry's base points decayed by its age
 * (from nothing stored but base and day), per group, rounded, capped.
 */
async function recomputedScores(store: Store, model: ScoringModel, day: string): Promise<Map<string, number>> {
	const entries = await store.query<{ lead_id: string; part: string; score_group: string; day: string; base_points: string }>(
		`SELECT lead_id, part, score_group, to_char(day, 'YYYY-MM-DD') AS day, base_points::text FROM lead_score_ledger`,
	);
	const groups = new Map<string, number>();
	for (const entry of entries.rows) {
		const factor = entry.part === 'static' ? 1 : decayFactor(model.decay, daysBetween(entry.day, day));
		const key = `${entry.lead_id}|${entry.score_group}`;
		groups.set(key, (groups.get(key) ?? 0) + Number(entry.base_points) * factor);
	}
	const scores = new Map<string, number>();
	for (const [key, exact] of groups) {
		const [lead, group] = key.split('|');
		const cap = (model.caps as Record<string, number> | undefined)?.[group];
		const points = cap === undefined ? roundCents(exact) : Math.min(cap, roundCents(exact));
		scores.set(lead, roundCents((scores.get(lead) ?? 0) + points));
	}
	return scores;
}

describe.each(STORE_KINDS)('forward decay on %s: every score adds up, day by day and rebuilt', (kind) => {
	const trials = kind === 'postgres' ? [11, 23, 37, 41, 59, 73] : [11, 41];

	it.each(trials)('seed %i: shown entries sum to the score, equal a from-scratch recomputation, and day-by-day equals one rebuild', async (seedValue) => {
		const random = generator(seedValue);
		const model = randomModel(random);
		const daily = await openTestStore(kind);
		const rebuilt = await openTestStore(kind);
		try {
			const data = generator(seedValue * 7919);
			await seed(daily, data);
			await seed(rebuilt, generator(seedValue * 7919));
			let day = START;
			for (let n = 0; n < DAYS; n++) {
				if (n > 0) day = addDays(day, random.int(1, 2)); // some runs skip a day
				const summary = await scoreLeads(daily, model, { scoredOn: day, modelVersion: 1 });
				expect(summary.scored).toBe(true);
				expect(await ledgerMismatches(daily)).toEqual([]);
				const ledger = await daily.query<{ n: number }>('SELECT count(*)::int AS n FROM lead_score_ledger');
				expect(summary.entries).toBe(ledger.rows[0].n);
				const recomputed = await recomputedScores(daily, model, day);
				const scores = await daily.query<{ lead_id: string; score: string; static_score: string; dynamic_score: string; grade: string; mature: boolean }>(
					'SELECT lead_id, score::text, static_score::text, dynamic_score::text, grade, mature FROM lead_scores ORDER BY lead_id',
				);
				expect(scores.rows).toHaveLength(LEADS);
				for (const row of scores.rows) {
					expect({ lead: row.lead_id, day, score: Number(row.score) }).toEqual({ lead: row.lead_id, day, score: recomputed.get(row.lead_id) ?? 0 });
					// Grades are re-read only when a lead changed or its regrade day came: they must still be today's.
					const expected = gradeOf(model.grades, Number(row.static_score), Number(row.dynamic_score));
					expect({ lead: row.lead_id, day, grade: row.grade, mature: row.mature }).toEqual({
						lead: row.lead_id,
						day,
						grade: expected.grade,
						mature: Number(row.score) >= model.threshold,
					});
				}
				const old = await daily.query<{ n: number }>(`SELECT count(*)::int AS n FROM lead_score_ledger WHERE part = 'dynamic' AND day <= $1::date`, [
					addDays(day, -decayHorizonDays(model.decay)),
				]);
				expect(old.rows[0].n).toBe(0);
			}

			await scoreLeads(rebuilt, model, { scoredOn: day, modelVersion: 1 });
			const compare = async (store: Store) => {
				const rows = await store.query<{ lead_id: string; score: string; grade: string; mature: boolean }>(
					'SELECT lead_id, score::text, grade, mature FROM lead_scores ORDER BY lead_id',
				);
				const entries: Record<string, unknown[]> = {};
				for (const row of rows.rows) {
					// Profile entries are dated the run that wrote them: compared without their day.
					entries[row.lead_id] = (await scoreEntries(store, row.lead_id))
						.map((e) => [e.key, e.part === 'static' ? '' : e.day, e.basePoints, e.points])
						.sort((a, b) => String(a[0]).localeCompare(String(b[0])));
				}
				return { scores: rows.rows, entries };
			};
			expect(await compare(daily)).toEqual(await compare(rebuilt));
		} finally {
			await daily.close();
			await rebuilt.close();
		}
	});

	it('forgets a deleted lead\'s entries and totals', async () => {
		const store = await openTestStore(kind);
		try {
			await seed(store, generator(5));
			await scoreLeads(store, standardScoringModel(), { scoredOn: START, modelVersion: 1 });
			expect(await leadScore(store, 'P1')).toBeDefined();
			await store.query(`DELETE FROM leads WHERE lead_id = 'P1'`);
			const left = await store.query<{ n: number }>(
				`SELECT (SELECT count(*) FROM lead_score_ledger WHERE lead_id = 'P1') + (SELECT count(*) FROM lead_score_totals WHERE lead_id = 'P1') AS n`,
			);
			expect(Number(left.rows[0].n)).toBe(0);
			expect(await ledgerMismatches(store)).toEqual([]);
		} finally {
			await store.close();
		}
	});
});
