import { assertValidPolicy, PolicyValidationError, validatePolicy } from '../../lib/push';
import { openPolicy } from './policyFixtures';

describe('policy validation (ajv against rules/schema/policy.schema.json)', () => {
	it('accepts a minimal policy', () => {
		expect(validatePolicy(openPolicy())).toEqual([]);
	});

	it('names the path of every problem, in Chinese', () => {
		const issues = validatePolicy({
			...openPolicy(),
			grid: { mon: 'hhh' },
			timeSlots: [{ from: '25:00', to: '12:00', level: 'loud' }],
			caps: { sms: { day: -1 } },
			weekend: { silentStretchPercent: 200, days: ['saturday'] },
			colour: 'blue',
		});
		const byPath = Object.fromEntries(issues.map((issue) => [issue.path, issue.message]));
		expect(byPath['grid.mon']).toBe('应为 24 个字符，每小时一个：h 高频、m 中频、l 低频、s 静默');
		expect(byPath['timeSlots[0].from']).toBe('应为 HH:mm 时间，如 08:30');
		expect(byPath['timeSlots[0].level']).toMatch(/"high" \/ "medium" \/ "low" \/ "silent"/);
		expect(byPath['caps.sms.day']).toMatch(/不小于 0/);
		expect(byPath['weekend.days[0]']).toMatch(/"sat"/);
		expect(byPath['colour']).toMatch(/unknown field/);
	});

	it('names missing fields and checks what the schema cannot: time zone, equal times, dates', () => {
		expect(validatePolicy({ id: 'x', title: 't', defaultIntervalMinutes: 15 })).toEqual([
			{ path: 'timezone', message: '必填 (required)' },
		]);
		const issues = validatePolicy(
			openPolicy({
				timezone: 'Mars/Olympus',
				quietHours: { from: '08:00', to: '08:00' },
			}),
		);
		expect(issues.map((issue) => issue.path)).toEqual(['timezone', 'quietHours.to']);
		const badDate = validatePolicy(openPolicy({ timeSlots: [{ from: '10:00', to: '11:00', level: 'low', dates: ['2025-02-30'] }] }));
		expect(badDate).toEqual([{ path: 'timeSlots[0].dates[0]', message: '应为日期 YYYY-MM-DD (must be a date)' }]);
		const error = (() => {
			try {
				assertValidPolicy(openPolicy({ timezone: 'Mars/Olympus' }));
			} catch (caught) {
				return caught as PolicyValidationError;
			}
			throw new Error('expected a PolicyValidationError');
		})();
		expect(error.field).toBe('timezone');
		expect(error.message).toContain('timezone: "Mars/Olympus" 不是有效的时区');
	});
});
