import {
	assertValidFrequencies,
	describeTier,
	FrequenciesValidationError,
	tierHits,
	tierOfHit,
	validateFrequencies,
	type PushFrequencies,
} from '../../lib/push';
import { standardFrequencies } from './frequencyFixtures';

function byPath(input: unknown): Record<string, string> {
	return Object.fromEntries(validateFrequencies(input).map((issue) => [issue.path, issue.message]));
}

describe('push frequencies validation (ajv against rules/schema/frequencies.schema.json)', () => {
	it('accepts the cold start and every kind of frequency', () => {
		expect(validateFrequencies(standardFrequencies())).toEqual([]);
		const all: PushFrequencies = {
			timezone: 'Europe/Berlin',
			tiers: [
				{ id: 'hot', rules: ['key-behaviour', '新机构'], frequency: { kind: 'hourly' } },
				{ id: 'A', grades: ['A', 'B'], frequency: { kind: 'daily', at: '23:59' } },
				{ id: 'C', grades: ['C'], frequency: { kind: 'every7Days', weekday: 'sun', at: '00:00' } },
				{ id: 'D', grades: ['D'], frequency: { kind: 'every30Days', dayOfMonth: 31, at: '10:00' } },
				{ id: 'four-hourly', rules: ['dormant-and-back'], frequency: { kind: 'custom', unit: 'hours', interval: 4, startDate: '2026-01-01', at: '08:00' } },
				{ id: 'E', rules: ['x'], frequency: { kind: 'custom', unit: 'days', interval: 30, startDate: '2026-01-05', at: '10:00' } },
			],
		};
		expect(validateFrequencies(all)).toEqual([]);
	});

	it('names the path of every problem, Chinese first', () => {
		const issues = byPath({
			timezone: 'Asia/Shanghai',
			colour: 'blue',
			tiers: [
				{ id: 'A', grades: ['A', 'E'], frequency: { kind: 'hourly', minute: 75 } },
				{ id: 'B c', grades: ['B'], frequency: { kind: 'daily', at: '9:15' } },
				{ id: 'C', grades: ['C'], frequency: { kind: 'weekly', at: '10:00' } },
				{ id: 'D', grades: ['D'], frequency: { kind: 'every30Days', at: '10:00' } },
				{ id: 'E', rules: ['r'], frequency: { kind: 'custom', unit: 'minutes', interval: 0, startDate: '2026-02-30', at: '08:00' } },
				{ id: 'F', grades: ['A'], frequency: { kind: 'every7Days', weekday: 'monday', at: '10:00', extra: 1 } },
			],
		});
		expect(issues).toEqual({
			colour: expect.stringMatching(/^不是推送频率中的字段 \(unknown field; allowed: \$schema, title, description, timezone, tiers\)$/),
			'tiers[0].grades[1]': '应为 "A" / "B" / "C" / "D" 之一 (got "E")',
			'tiers[0].frequency.minute': '应在 0 到 59 之间 (must be from 0 to 59, got 75)',
			'tiers[1].id': '只能包含字母、数字、_ 和 -，最多 32 个字符 (letters, digits, _ and - only)',
			'tiers[1].frequency.at': '应为 HH:mm 时间，如 09:15 (must be a time HH:mm)',
			'tiers[2].frequency.kind': expect.stringMatching(/^频率类型应为 hourly（每小时）、daily（每日）、every7Days（每7日）、every30Days（每30日）、custom（自定义） 之一 \(unknown frequency kind "weekly"\)$/),
			'tiers[3].frequency.dayOfMonth': '必填 (required)',
			'tiers[4].frequency.unit': '应为 "hours" / "days" 之一 (got "minutes")',
			'tiers[4].frequency.interval': expect.stringMatching(/^应在 1 到 8784 之间/),
			'tiers[4].frequency.startDate': '应为日期 YYYY-MM-DD，如 2026-01-05 (must be a real date)',
			'tiers[5].frequency.weekday': expect.stringMatching(/^应为 "mon" \/ "tue" .* 之一 \(got "monday"\)$/),
			'tiers[5].frequency.extra': expect.stringMatching(/^不是推送频率中的字段/),
		});
	});

	it('checks what the schema cannot: time zone, unique tiers, one tier per grade or rule, grades or rules', () => {
		const frequencies = standardFrequencies();
		frequencies.timezone = 'Mars/Olympus';
		frequencies.tiers.push(
			{ id: 'B', grades: ['B'], frequency: { kind: 'daily', at: '18:00' } },
			{ id: 'hot', grades: ['A'], rules: ['key-behaviour'], frequency: { kind: 'hourly' } },
			{ id: 'none', frequency: { kind: 'hourly' } },
			{ id: 'hot2', rules: ['key-behaviour'], frequency: { kind: 'custom', unit: 'days', interval: 400, startDate: '2026-01-01', at: '08:00' } },
		);
		expect(validateFrequencies(frequencies)).toEqual([
			{ path: 'timezone', message: '"Mars/Olympus" 不是有效的时区，如 Asia/Shanghai (unknown IANA time zone)' },
			{ path: 'tiers[4].id', message: '档位 "B" 重复 (duplicate tier id)' },
			{ path: 'tiers[5].rules', message: '线索等级与监控指标只能选其一 (choose grades or rules, not both)' },
			{ path: 'tiers[5].grades[0]', message: '线索等级 A 已属于档位 "A" (grade A is in tier "A" already)' },
			{ path: 'tiers[6]', message: '请选择线索等级 (grades) 或监控指标 (rules) (a tier selects hits by grade or by rule)' },
			{ path: 'tiers[7].rules[0]', message: '监控指标 key-behaviour 已属于档位 "hot" (rule key-behaviour is in tier "hot" already)' },
			{ path: 'tiers[7].frequency.interval', message: '按天间隔最多 366 天 (at most 366 days)' },
		]);
	});

	it('throws a DomainError whose field is the first problem', () => {
		const error = (() => {
			try {
				assertValidFrequencies({ tiers: [] });
			} catch (caught) {
				return caught as FrequenciesValidationError;
			}
			throw new Error('expected a FrequenciesValidationError');
		})();
		expect(error).toBeInstanceOf(FrequenciesValidationError);
		expect(error).toMatchObject({ code: 'invalidFrequencies', field: 'tiers' });
		expect(error.message).toBe('推送频率配置无效 (invalid push frequencies):\ntiers: 不能为空 (must not be empty)');
		expect(() => assertValidFrequencies(null)).toThrow(/\(frequencies\): 类型应为 object/);
	});
});

describe('push tiers', () => {
	const frequencies: PushFrequencies = {
		tiers: [
			...standardFrequencies().tiers,
			{ id: 'key', title: '关键行为', rules: ['key-behaviour'], frequency: { kind: 'custom', unit: 'hours', interval: 4, startDate: '2026-01-01', at: '08:00' } },
		],
	};

	it('a hit goes with the tier of its rule, else the tier of its grade', () => {
		expect(tierOfHit(frequencies, { ruleId: 'key-behaviour', grade: 'A' })).toBe('key');
		expect(tierOfHit(frequencies, { ruleId: 'active-institutions', grade: 'B' })).toBe('B');
		expect(tierOfHit(frequencies, { ruleId: 'active-institutions', grade: null })).toBeUndefined();
		expect(tierHits(frequencies, 'A')).toEqual({ grades: ['A'], rules: [], exceptRules: ['key-behaviour'] });
		expect(tierHits(frequencies, 'key')).toEqual({ grades: [], rules: ['key-behaviour'], exceptRules: [] });
		expect(() => tierHits(frequencies, 'Z')).toThrow(/No push tier "Z"/);
	});

	it('reads plainly, for the n8n editor and the console', () => {
		expect(frequencies.tiers.map((tier) => describeTier(tier).zh)).toEqual([
			'A 级线索：每小时（第 00 分）',
			'B 级线索：每天 09:15',
			'C 级线索：每7日（每周一 10:00）',
			'D 级线索：每30日（每月 1 日 10:00）',
			'关键行为：自 2026-01-01 08:00 起每 4 小时',
		]);
		expect(describeTier(frequencies.tiers[2]).en).toBe('C (grade C): every 7 days (Mondays at 10:00)');
		expect(describeTier({ id: 'D', grades: ['D'], frequency: { kind: 'every30Days', dayOfMonth: 31, at: '10:00' } }).zh).toBe(
			'D 级线索：每30日（每月 31 日 10:00，当月无此日则在月末）',
		);
	});
});
