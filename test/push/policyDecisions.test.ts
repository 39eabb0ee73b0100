import { compilePolicy, decide, listPolicyPresets, type ContactPolicy, type PushRecord } from '../../lib/push';
import { at, day, local, openPolicy } from './policyFixtures';

function decideAt(policy: ContactPolicy, when: string, history: PushRecord[] = [], channel: 'sms' | 'call' = 'sms') {
	const decision = decide(compilePolicy(policy), channel, history, at(when));
	return { ...decision, codes: decision.blockers.map((b) => b.code), earliest: local(decision.earliestAt) };
}

// 2025-12-22 is a Monday; 2025-12-27/28 are Saturday and Sunday.
describe('quiet hours across midnight (21:00–08:00)', () => {
	const policy = openPolicy({ quietHours: { from: '21:00', to: '08:00' } });

	it.each([
		['2025-12-24 20:59', true, '2025-12-24 20:59'],
		['2025-12-24 21:00', false, '2025-12-25 08:00'],
		['2025-12-24 23:30', false, '2025-12-25 08:00'],
		['2025-12-25 00:00', false, '2025-12-25 08:00'],
		['2025-12-25 07:59', false, '2025-12-25 08:00'],
		['2025-12-25 08:00', true, '2025-12-25 08:00'],
	])('at %s allowed=%s, earliest %s', (when, allowed, earliest) => {
		const decision = decideAt(policy, when);
		expect(decision.allowed).toBe(allowed);
		expect(decision.earliest).toBe(earliest);
		if (!allowed) expect(decision.codes).toEqual(['quiet_hours']);
	});

	it('also works the other way round (quiet 12:00–14:00 within a day)', () => {
		const inside = decideAt(openPolicy({ quietHours: { from: '12:00', to: '14:00' } }), '2025-12-24 13:59');
		expect(inside).toMatchObject({ allowed: false, earliest: '2025-12-24 14:00' });
	});
});

describe('weekly grid: levels and their boundaries', () => {
	const grid = { mon: day('h', { 12: 's', 10: 'm', 20: 'l' }) };
	const policy = openPolicy({ grid, levelIntervals: { high: 15, medium: 60, low: 240 } });

	it('closes a silent hour exactly from :00 to the next :00', () => {
		expect(decideAt(policy, '2025-12-22 11:59').allowed).toBe(true);
		expect(decideAt(policy, '2025-12-22 12:00')).toMatchObject({ allowed: false, codes: ['silent_grid'], earliest: '2025-12-22 13:00' });
		expect(decideAt(policy, '2025-12-22 12:59').earliest).toBe('2025-12-22 13:00');
		expect(decideAt(policy, '2025-12-22 13:00').allowed).toBe(true);
	});

	it('uses the interval of the level the next push falls in', () => {
		const lastSms: PushRecord[] = [{ channel: 'sms', at: at('2025-12-22 10:20') }];
		// 10:xx is medium (60 min): held until 11:20, although 11:00 is already high.
		expect(decideAt(policy, '2025-12-22 10:50', lastSms)).toMatchObject({ allowed: false, codes: ['interval'], earliest: '2025-12-22 11:00' });
		// At 11:00 the high interval (15 min) applies and 40 minutes have passed.
		expect(decideAt(policy, '2025-12-22 11:00', lastSms).allowed).toBe(true);
		// Low (20:xx) asks 4 hours since the last push.
		expect(decideAt(policy, '2025-12-22 20:30', [{ channel: 'sms', at: at('2025-12-22 19:00') }])).toMatchObject({
			allowed: false,
			earliest: '2025-12-22 21:00',
		});
	});

	it('uses the default interval on days the grid leaves out', () => {
		const tuesday = decideAt(policy, '2025-12-23 12:10', [{ channel: 'sms', at: at('2025-12-23 12:00') }]);
		expect(tuesday).toMatchObject({ allowed: false, codes: ['interval'], earliest: '2025-12-23 12:15' });
	});

	it('counts the interval per channel, and the burst gap across channels', () => {
		const withBurst = openPolicy({ burstGapSeconds: 30 });
		const sms: PushRecord[] = [{ channel: 'sms', at: at('2025-12-24 10:00:00') }];
		expect(decideAt(withBurst, '2025-12-24 10:00:10', sms, 'call')).toMatchObject({ allowed: false, codes: ['burst_gap'], earliest: '2025-12-24 10:00:30' });
		expect(decideAt(withBurst, '2025-12-24 10:00:30', sms, 'call').allowed).toBe(true);
		expect(decideAt(withBurst, '2025-12-24 10:00:30', sms, 'sms')).toMatchObject({ allowed: false, codes: ['interval'], earliest: '2025-12-24 10:15' });
	});
});

describe('time-slot rules', () => {
	it('override the grid and may cross midnight into the next day', () => {
		const policy = openPolicy({ timeSlots: [{ label: '夜间维护', days: ['fri'], from: '22:00', to: '02:00', level: 'silent' }] });
		expect(decideAt(policy, '2025-12-26 21:59').allowed).toBe(true);
		expect(decideAt(policy, '2025-12-26 22:00')).toMatchObject({ allowed: false, codes: ['time_slot'], earliest: '2025-12-27 02:00' });
		expect(decideAt(policy, '2025-12-27 01:59').earliest).toBe('2025-12-27 02:00');
		// Thursday night is not covered.
		expect(decideAt(policy, '2025-12-26 01:00').allowed).toBe(true);
	});

	it('can name dates (a public holiday) and open a silent grid hour', () => {
		const policy = openPolicy({
			grid: { thu: day('h', { 9: 's' }) },
			timeSlots: [
				{ label: '元旦', dates: ['2026-01-01'], from: '00:00', to: '24:00', level: 'silent' },
				{ label: '周四早场', days: ['thu'], from: '09:00', to: '09:30', level: 'high' },
			],
		});
		expect(decideAt(policy, '2026-01-01 10:00')).toMatchObject({ allowed: false, earliest: '2026-01-02 00:00' });
		expect(decideAt(policy, '2025-12-25 09:10').allowed).toBe(true);
		expect(decideAt(policy, '2025-12-25 09:30')).toMatchObject({ allowed: false, codes: ['silent_grid'], earliest: '2025-12-25 10:00' });
	});
});

describe('weekend rule: silent periods last longer on weekends', () => {
	const grid = { fri: day('h', { 12: 's', 23: 's' }), sat: day('h', { 12: 's', 23: 's' }) };

	it('stretches a 1-hour silent period by 200 % on Saturday, not on Friday', () => {
		const policy = openPolicy({ grid, weekend: { days: ['sat', 'sun'], silentStretchPercent: 200 } });
		expect(decideAt(policy, '2025-12-26 13:00').allowed).toBe(true);
		expect(decideAt(policy, '2025-12-27 12:30')).toMatchObject({ codes: ['silent_grid'], earliest: '2025-12-27 15:00' });
		expect(decideAt(policy, '2025-12-27 14:59')).toMatchObject({ allowed: false, codes: ['weekend_silent'], earliest: '2025-12-27 15:00' });
		expect(decideAt(policy, '2025-12-27 15:00').allowed).toBe(true);
	});

	it('takes the factor as a parameter and never stretches past midnight', () => {
		const policy = openPolicy({ grid, weekend: { silentStretchPercent: 50 } });
		expect(decideAt(policy, '2025-12-27 13:29').allowed).toBe(false);
		expect(decideAt(policy, '2025-12-27 13:30').allowed).toBe(true);
		// Saturday 23:00–24:00 does not spill into Sunday.
		expect(decideAt(policy, '2025-12-28 00:00').allowed).toBe(true);
	});
});

describe('caps per channel per day, week and month (policy time zone)', () => {
	const policy = openPolicy({ caps: { sms: { day: 2, week: 3, month: 4 } } });
	const sms = (...times: string[]): PushRecord[] => times.map((time) => ({ channel: 'sms', at: at(time) }));

	it('allows up to the limit and holds at it until the next local day', () => {
		expect(decideAt(policy, '2025-12-24 15:00', sms('2025-12-24 09:00')).allowed).toBe(true);
		const atLimit = decideAt(policy, '2025-12-24 15:00', sms('2025-12-24 09:00', '2025-12-24 10:00'));
		expect(atLimit).toMatchObject({ allowed: false, codes: ['cap_day'], earliest: '2025-12-25 00:00' });
		expect(atLimit.blockers[0]).toMatchObject({ limit: 2, count: 2 });
		// Calls have no cap in this policy.
		expect(decideAt(policy, '2025-12-24 15:00', sms('2025-12-24 09:00', '2025-12-24 10:00'), 'call').allowed).toBe(true);
	});

	it('counts the day in the policy time zone, not UTC', () => {
		// 23:30 and 23:40 Shanghai on the 24th; 00:30 on the 25th is still the 24th in UTC.
		const lateNight = sms('2025-12-24 23:30', '2025-12-24 23:40');
		expect(decideAt(policy, '2025-12-25 00:30', lateNight).allowed).toBe(true);
	});

	it('holds a week cap until Monday and a month cap until the 1st', () => {
		const week = decideAt(policy, '2025-12-24 12:00', sms('2025-12-22 09:00', '2025-12-23 09:00', '2025-12-24 09:00'));
		expect(week).toMatchObject({ codes: ['cap_week'], earliest: '2025-12-29 00:00' });
		const month = decideAt(policy, '2025-12-31 12:00', sms('2025-12-01 09:00', '2025-12-08 09:00', '2025-12-15 09:00', '2025-12-30 09:00'));
		expect(month).toMatchObject({ codes: ['cap_month'], earliest: '2026-01-01 00:00' });
	});

	it('finds the earliest moment all constraints allow together', () => {
		const withQuiet = { ...policy, quietHours: { from: '21:00', to: '08:00' } };
		const decision = decideAt(withQuiet, '2025-12-24 22:00', sms('2025-12-24 09:00', '2025-12-24 10:00'));
		expect(decision.codes).toEqual(['quiet_hours', 'cap_day']);
		expect(decision.earliest).toBe('2025-12-25 08:00');
	});

	it('never allows a channel capped at 0', () => {
		expect(decideAt(openPolicy({ caps: { call: { day: 0 } } }), '2025-12-24 10:00', [], 'call')).toMatchObject({ allowed: false, earliest: null });
	});
});

describe('time zones and closed policies', () => {
	it('reads the clock in the policy time zone across a DST change', () => {
		const policy = openPolicy({ timezone: 'America/New_York', quietHours: { from: '21:00', to: '08:00' } });
		const decision = decide(compilePolicy(policy), 'sms', [], at('2025-03-08 22:00', 'America/New_York'));
		// 08:00 on the 9th is EDT (UTC-4): 12:00Z.
		expect(new Date(decision.earliestAt as number).toISOString()).toBe('2025-03-09T12:00:00.000Z');
	});

	it('reports no earliest time when nothing ever opens', () => {
		const silent = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, day('s')]));
		expect(decideAt(openPolicy({ grid: silent }), '2025-12-24 10:00')).toMatchObject({ allowed: false, earliest: null });
	});
});

describe('presets', () => {
	it('ship valid and behave as described (standard: quiet at night, lunch silent, A by call)', () => {
		const presets = listPolicyPresets();
		expect(presets.map((p) => p.id)).toEqual(['standard', 'gentle', 'campaign']);
		const standard = presets[0];
		expect(decideAt(standard, '2025-12-24 09:15').allowed).toBe(true);
		expect(decideAt(standard, '2025-12-24 11:45')).toMatchObject({ codes: ['time_slot'], earliest: '2025-12-24 13:00' });
		expect(decideAt(standard, '2025-12-24 22:00').earliest).toBe('2025-12-25 08:00');
		// Saturday lunch (12:00–13:00 silent) lasts 200 % longer: three hours; the 11:30 slot starts earlier still.
		expect(decideAt(standard, '2025-12-27 14:30')).toMatchObject({ allowed: false, earliest: '2025-12-27 16:00' });
		expect(compilePolicyChannel(standard, 'A')).toBe('call');
		expect(compilePolicyChannel(standard, 'C')).toBe('sms');
	});
});

function compilePolicyChannel(policy: ContactPolicy, grade: string) {
	return compilePolicy(policy).channelForGrade(grade);
}
