import { dueTiers, type DueTier, type Frequency, type LastTierRun, type PushFrequencies } from '../../lib/push';
import { localMoment, periodAt } from '../../lib/push/frequency/frequencyPeriods';
import { SeededRandom } from '../../lib/sample';
import { standardFrequencies } from './frequencyFixtures';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface Fire extends DueTier {
	at: number;
}

/**
 * Ticks every 15 minutes from `from` for `days`, as the push workflows' Schedule Trigger
 * would: each a little late, some lost, some doubled, with a few outages of several hours.
 * Every due tier is claimed as tier_runs would (a key claimed once), and lastRuns follows.
 */
function simulate(frequencies: PushFrequencies, from: number, days: number, seed: number) {
	const random = new SeededRandom(seed);
	const lastRuns: Record<string, LastTierRun> = {};
	const claimed = new Set<string>();
	const fires: Fire[] = [];
	const ticks: number[] = [];
	const proposedAgain: string[] = [];
	let outageUntil = 0;
	for (let slot = from; slot < from + days * DAY; slot += 15 * MINUTE) {
		if (slot >= outageUntil && random.chance(0.004)) outageUntil = slot + random.int(2, 30) * HOUR;
		if (slot < outageUntil || random.chance(0.05)) continue;
		const at = slot + random.int(0, 120) * 1000;
		const times = random.chance(0.05) ? 2 : 1;
		for (let i = 0; i < times; i++) {
			ticks.push(at);
			for (const due of dueTiers(frequencies, new Date(at), lastRuns)) {
				if (claimed.has(due.periodKey)) {
					proposedAgain.push(due.periodKey);
					continue;
				}
				claimed.add(due.periodKey);
				fires.push({ ...due, at });
				lastRuns[due.tier] = { periodKey: due.periodKey, periodStart: due.periodStart };
			}
		}
	}
	return { fires, ticks, proposedAgain };
}

/** The Asia/Shanghai wall clock (UTC+8, no daylight saving) by plain arithmetic, as an oracle independent of luxon. */
function shanghai(at: number) {
	const local = new Date(at + 8 * HOUR);
	const date = local.toISOString().slice(0, 10);
	const isoWeekday = (local.getUTCDay() + 6) % 7;
	const monday = new Date(Date.parse(date) - isoWeekday * DAY).toISOString().slice(0, 10);
	return { date, hour: local.toISOString().slice(0, 13), clock: local.toISOString().slice(11, 16), isoWeekday, monday, day: local.getUTCDate() };
}

/** For the cold start: the period a tick is in, if the tier is due by then (the standard tiers A–D). */
function standardPeriod(tier: string, at: number): string | undefined {
	const t = shanghai(at);
	switch (tier) {
		case 'A':
			return t.hour;
		case 'B':
			return t.clock >= '09:15' ? t.date : undefined;
		case 'C':
			return t.isoWeekday > 0 || t.clock >= '10:00' ? t.monday : undefined;
		case 'D':
			return t.day > 1 || t.clock >= '10:00' ? t.date.slice(0, 7) : undefined;
	}
	throw new Error(tier);
}

describe('dueTiers: which push tiers are due at a tick', () => {
	const standard = standardFrequencies();
	const at = (iso: string) => new Date(iso);

	it('names each tier’s period: hour, day, ISO week, month', () => {
		const due = dueTiers(standard, at('2026-12-07T02:30:00Z'));
		expect(due.map((d) => d.periodKey)).toEqual(['A:2026-12-07T10', 'B:2026-12-07', 'C:2026-W50', 'D:2026-12']);
		expect(due[1]).toEqual({
			tier: 'B',
			periodKey: 'B:2026-12-07',
			periodStart: '2026-12-06T16:00:00.000Z',
			dueFrom: '2026-12-07T01:15:00.000Z',
			missedPeriods: 0,
		});
		// Monday 2026-12-07 09:14 in Shanghai: B waits for 09:15, the weekly C for 10:00.
		expect(dueTiers(standard, at('2026-12-07T01:14:59Z')).map((d) => d.tier)).toEqual(['A', 'D']);
		// Tuesday 2026-12-01 09:59: the monthly D waits for 10:00.
		expect(dueTiers(standard, at('2026-12-01T01:59:00Z')).map((d) => d.tier)).toEqual(['A', 'B', 'C']);
	});

	it('a tier that ran for its period is not due again; one that missed periods says how many', () => {
		const lastRuns = {
			A: { periodKey: 'A:2026-12-07T10', periodStart: '2026-12-07T02:00:00.000Z' },
			B: { periodKey: 'B:2026-12-04', periodStart: new Date('2026-12-03T16:00:00Z') },
		};
		const due = dueTiers(standard, at('2026-12-07T02:45:00Z'), lastRuns);
		expect(due.map((d) => [d.tier, d.missedPeriods])).toEqual([
			['B', 2],
			['C', 0],
			['D', 0],
		]);
	});

	it('editing a frequency during its period does not run the tier twice in that period', () => {
		const ranAt0915 = { B: { periodKey: 'B:2026-12-07', periodStart: '2026-12-06T16:00:00.000Z' } };
		const moved: PushFrequencies = { tiers: [{ id: 'B', grades: ['B'], frequency: { kind: 'daily', at: '17:00' } }] };
		expect(dueTiers(moved, at('2026-12-07T09:00:00Z'), ranAt0915)).toEqual([]);
		expect(dueTiers(moved, at('2026-12-08T09:00:00Z'), ranAt0915).map((d) => d.periodKey)).toEqual(['B:2026-12-08']);
		// Daily became hourly: a new kind of period, due at once.
		const hourly: PushFrequencies = { tiers: [{ id: 'B', grades: ['B'], frequency: { kind: 'hourly', minute: 30 } }] };
		expect(dueTiers(hourly, at('2026-12-07T09:45:00Z'), ranAt0915).map((d) => d.periodKey)).toEqual(['B:2026-12-07T17']);
	});

	it('every 30 days is once a calendar month; day 31 means the last day of shorter months', () => {
		const monthly: PushFrequencies = { tiers: [{ id: 'D', grades: ['D'], frequency: { kind: 'every30Days', dayOfMonth: 31, at: '10:00' } }] };
		expect(dueTiers(monthly, at('2027-02-28T01:59:00Z'))).toEqual([]);
		expect(dueTiers(monthly, at('2027-02-28T02:00:00Z')).map((d) => d.periodKey)).toEqual(['D:2027-02']);
		expect(dueTiers(monthly, at('2028-02-29T02:00:00Z')).map((d) => d.periodKey)).toEqual(['D:2028-02']);
		expect(dueTiers(monthly, at('2027-03-30T02:00:00Z'))).toEqual([]);
	});

	it('custom frequencies count from their start; nothing is due before it', () => {
		const custom: PushFrequencies = {
			tiers: [
				{ id: 'H', rules: ['r1'], frequency: { kind: 'custom', unit: 'hours', interval: 5, startDate: '2026-12-01', at: '08:00' } },
				{ id: 'N', rules: ['r2'], frequency: { kind: 'custom', unit: 'days', interval: 30, startDate: '2026-12-01', at: '10:00' } },
			],
		};
		expect(dueTiers(custom, at('2026-11-30T23:59:00Z'))).toEqual([]);
		expect(dueTiers(custom, at('2026-12-01T00:00:00Z')).map((d) => d.periodKey)).toEqual(['H:2026-12-01T08:00']);
		// 720 hours after the start: the 145th five-hour period begins at 08:00.
		expect(dueTiers(custom, at('2026-12-31T03:00:00Z')).map((d) => d.periodKey)).toEqual(['H:2026-12-31T08:00', 'N:2026-12-31']);
		const last = { H: { periodKey: 'H:2026-12-30T17:00', periodStart: '2026-12-30T09:00:00.000Z' } };
		expect(dueTiers(custom, at('2026-12-31T03:00:00Z'), last)[0].missedPeriods).toBe(2);
	});

	it('the cold start over 100 days of 15-minute ticks: each tier once per period, at the first tick it is due', () => {
		// From Wednesday 2026-11-25 over the new year (2026 has an ISO week 53) into March.
		const from = Date.parse('2026-11-24T16:00:00Z');
		const { fires, ticks, proposedAgain } = simulate(standard, from, 100, 7);
		expect(proposedAgain).toEqual([]);
		for (const tier of ['A', 'B', 'C', 'D']) {
			const expected = new Map<string, number>();
			for (const tick of ticks) {
				const period = standardPeriod(tier, tick);
				if (period !== undefined && !expected.has(period)) expected.set(period, tick);
			}
			const fired = fires.filter((fire) => fire.tier === tier);
			const firedPeriods = fired.map((fire) => standardPeriod(tier, fire.at)!);
			expect(new Set(firedPeriods).size).toBe(fired.length);
			expect(new Map(fired.map((fire, i) => [firedPeriods[i], fire.at]))).toEqual(expected);
		}
		expect(fires.filter((f) => f.tier === 'C').map((f) => f.periodKey)).toContain('C:2026-W53');
		expect(fires.filter((f) => f.tier === 'D').map((f) => f.periodKey)).toEqual(['D:2026-11', 'D:2026-12', 'D:2027-01', 'D:2027-02', 'D:2027-03']);
		// The outages left whole periods of the hourly tier without a run: reported, not replayed.
		expect(fires.some((fire) => fire.tier === 'A' && fire.missedPeriods > 1)).toBe(true);
	});

	it('any frequencies, any ticks: never twice in a period, always once where a tick came after the due time', () => {
		const random = new SeededRandom(20261206);
		const zones = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe'];
		for (let round = 0; round < 5; round++) {
			const frequencies: PushFrequencies = { timezone: random.pick(zones), tiers: [] };
			for (let i = 0; i < 4; i++) frequencies.tiers.push({ id: `T${i}`, rules: [`r${i}`], frequency: randomFrequency(random) });
			const from = Date.parse('2026-10-20T00:00:00Z') + random.int(0, 200) * DAY;
			const { fires, ticks, proposedAgain } = simulate(frequencies, from, 21, round);
			expect(proposedAgain).toEqual([]);
			for (const tier of frequencies.tiers) {
				const zone = frequencies.timezone!;
				const expected = new Map<string, number>();
				for (const tick of ticks) {
					const period = periodAt(tier.frequency, localMoment(new Date(tick), zone));
					if (period && tick >= period.dueFrom.toMillis() && !expected.has(period.key)) expected.set(period.key, tick);
				}
				const fired = fires.filter((fire) => fire.tier === tier.id);
				expect(new Map(fired.map((fire) => [fire.periodKey.slice(tier.id.length + 1), fire.at]))).toEqual(expected);
			}
		}
	});
});

function randomFrequency(random: SeededRandom): Frequency {
	const at = `${String(random.int(0, 23)).padStart(2, '0')}:${random.pick(['00', '07', '15', '30', '59'])}`;
	switch (random.int(0, 4)) {
		case 0:
			return { kind: 'hourly', minute: random.int(0, 59) };
		case 1:
			return { kind: 'daily', at };
		case 2:
			return { kind: 'every7Days', weekday: random.pick(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const), at };
		case 3:
			return { kind: 'every30Days', dayOfMonth: random.int(1, 31), at };
		default:
			return {
				kind: 'custom',
				unit: random.pick(['hours', 'days'] as const),
				interval: random.int(1, 40),
				startDate: `2026-${String(random.int(9, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`,
				at,
			};
	}
}
