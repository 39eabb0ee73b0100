import { allPresetsRuleSet, listPresets, loadPreset, withInstitutions } from '../../lib/rules/presets';
import { cooldownDays, hitWindow, ruleWindowDays, windowEndFor } from '../../lib/rules/ruleWindow';
import { SIMPLE_RULE_ID, simpleRule } from '../../lib/rules/simpleRule';
import { validateRuleSet, RuleValidationError } from '../../lib/rules/validateRule';
import { canHitWithoutActivity } from '../../lib/rules/zeroActivity';
import { EVENT_TYPE_LABELS, parseEventType } from '../../lib/vocabulary';
import type { RuleSet } from '../../lib/rules/types';

describe('presets (cold start)', () => {
	it('ships the five presets, valid, each with a Chinese label, a grade and a reason template', () => {
		const presets = listPresets();
		expect(presets.map((p) => [p.id, p.title])).toEqual([
			['active-institutions', '活跃机构命中'],
			['long-term-high-frequency', '长期高频活跃'],
			['key-behaviour', '关键行为触发'],
			['new-institution', '新增机构'],
			['dormant-and-back', '沉睡唤醒'],
		]);
		for (const preset of presets) {
			expect(validateRuleSet(preset.ruleSet)).toEqual([]);
			expect(preset.description).toMatch(/[\u4e00-\u9fff]/);
			for (const rule of preset.ruleSet.rules) {
				expect(rule.event.params.label).toMatch(/[\u4e00-\u9fff]/);
				expect(['A', 'B', 'C', 'D']).toContain(rule.event.params.grade);
				expect(rule.event.params.reason).toMatch(/\{[^}]+\}/);
			}
		}
		expect(validateRuleSet(allPresetsRuleSet())).toEqual([]);
	});

	it('the default preset is the seed’s configuration: at least 3 calls in 7 days', () => {
		const [rule] = loadPreset('active-institutions').ruleSet.rules;
		expect(rule.conditions).toMatchObject({
			all: [{ fact: 'activityCount', params: { windowDays: 7 }, operator: 'greaterThanInclusive', value: 3 }, { fact: 'distinctInstitutions' }],
		});
		expect(() => loadPreset('nope')).toThrow(/Unknown preset "nope" \(known: active-institutions, /);
	});

	it('no preset can hit a lead without activity, so the aggregate joins only active leads', () => {
		for (const preset of listPresets()) expect([preset.id, canHitWithoutActivity(preset.ruleSet)]).toEqual([preset.id, false]);
		const quiet: RuleSet = {
			rules: [
				{
					name: 'quiet-vip',
					conditions: { all: [{ fact: 'activityCount', params: { windowDays: 30 }, operator: 'equal', value: 0 }, { fact: 'tags', operator: 'contains', value: 'VIP' }] },
					event: { type: 'x', params: { label: '沉默VIP', grade: 'C', reason: '近30天无核验' } },
				},
			],
		};
		expect(canHitWithoutActivity(quiet)).toBe(true);
	});

	it('limits a preset to the selected institutions', () => {
		const limited = withInstitutions(loadPreset('active-institutions').ruleSet, ['华东中心机构', ' 上海研发分部 ', '']);
		expect(limited.rules[0].conditions).toMatchObject({
			all: [
				{ params: { windowDays: 7, institutions: ['华东中心机构', '上海研发分部'] } },
				{ params: { windowDays: 7, institutions: ['华东中心机构', '上海研发分部'] } },
			],
		});
		expect(validateRuleSet(limited)).toEqual([]);
		expect(loadPreset('active-institutions').ruleSet.rules[0].conditions).not.toMatchObject({ all: [{ params: { institutions: expect.anything() } }] });
	});

	it('windows and cooldowns: one hit per lead, rule and window', () => {
		const days = Object.fromEntries(listPresets().map((p) => [p.id, ruleWindowDays(p.ruleSet.rules[0])]));
		expect(days).toEqual({
			'active-institutions': 7,
			'long-term-high-frequency': 30,
			'key-behaviour': 3,
			'new-institution': 7,
			'dormant-and-back': 7,
		});
		const rule = loadPreset('key-behaviour').ruleSet.rules[0];
		expect(hitWindow(rule, '2026-11-20')).toEqual({ start: '2026-11-18', end: '2026-11-20', key: '2026-11-18~2026-11-20' });
		expect(cooldownDays({ ...rule, event: { ...rule.event, params: { ...rule.event.params, cooldownDays: 30 } } })).toBe(30);
	});
});

describe('the simple monitoring form', () => {
	it('compiles the seed’s form into a rule', () => {
		const rule = simpleRule({ label: '活跃机构命中', windowDays: 7, institutions: ['华东中心机构', '上海研发分部'], threshold: 3, grade: 'B' });
		expect(rule).toEqual({
			name: SIMPLE_RULE_ID,
			conditions: {
				all: [
					{ name: 'count', fact: 'activityCount', params: { windowDays: 7, institutions: ['华东中心机构', '上海研发分部'] }, operator: 'greaterThanInclusive', value: 3 },
					{ name: 'institutions', fact: 'distinctInstitutions', params: { windowDays: 7, institutions: ['华东中心机构', '上海研发分部'] }, operator: 'greaterThanInclusive', value: 1 },
				],
			},
			event: { type: 'lead-hit', params: { label: '活跃机构命中', grade: 'B', reason: '近{count.windowDays}天内在{institutions}家机构核验{count}次' } },
		});
	});

	it('takes a time period and event types (codes or Chinese labels)', () => {
		const rule = simpleRule({
			id: 'night-lookups',
			label: '夜间查询',
			windowDays: 14,
			period: { fromHour: 22, toHour: 6 },
			eventTypes: ['数据接口查询', 'face'],
			threshold: 2,
			grade: 'A',
		});
		expect(rule.name).toBe('night-lookups');
		expect((rule.conditions as { all: Array<{ params: object }> }).all[0].params).toEqual({
			windowDays: 14,
			period: { fromHour: 22, toHour: 6 },
			eventTypes: ['data_api', 'face'],
		});
		expect(rule.event.params.reason).toBe('近{count.windowDays}天内{count.period}时段在{institutions}家机构发生{count}次{count.eventTypes}');
	});

	it('names the form field that is wrong', () => {
		const base = { label: '活跃', windowDays: 7, threshold: 3, grade: 'B' as const };
		const issues = (form: object) => {
			try {
				simpleRule({ ...base, ...form });
				return [];
			} catch (error) {
				expect(error).toBeInstanceOf(RuleValidationError);
				return (error as RuleValidationError).issues.map((i) => `${i.path}: ${i.message}`);
			}
		};
		expect(issues({ windowDays: 0 })).toEqual(['windowDays: 监控时间范围 must be a whole number of days from 1 to 365 (got 0)']);
		expect(issues({ windowDays: 10000 })).toEqual(['windowDays: 监控时间范围 must be a whole number of days from 1 to 365 (got 10000)']);
		expect(issues({ threshold: 0 })).toEqual(['threshold: 活跃次数阈值 must be a whole number of at least 1 (got 0)']);
		expect(issues({ period: { fromHour: 9, toHour: 9 } })).toEqual(['period: fromHour and toHour are equal: leave the period out for all day']);
		expect(issues({ period: { fromHour: 9, toHour: 24 } })).toEqual(['period.toHour: must be an hour from 0 to 23 (got 24)']);
		expect(issues({ eventTypes: ['sms'] })).toEqual(['eventTypes: unknown event type "sms" (known: face, ocr, data_api)']);
		expect(issues({ grade: 'E', label: ' ' })).toEqual(['grade: must be one of A, B, C, D (got E)', 'label: must not be empty']);
	});
});

describe('event types and windows', () => {
	it('labels the event type codes in Chinese and reads either', () => {
		expect(EVENT_TYPE_LABELS).toEqual({ face: '人脸核验', ocr: '身份证OCR', data_api: '数据接口查询' });
		expect(parseEventType('身份证OCR')).toBe('ocr');
		expect(parseEventType(' data_api ')).toBe('data_api');
		expect(parseEventType('短信')).toBeUndefined();
	});

	it('ends windows on the last complete local day before the evaluation time', () => {
		expect(windowEndFor(new Date('2026-11-21T02:00:00+08:00'))).toBe('2026-11-20');
		expect(windowEndFor(new Date('2026-11-20T17:00:00Z'))).toBe('2026-11-20');
		expect(windowEndFor(new Date('2026-11-20T15:59:59Z'))).toBe('2026-11-19');
		expect(windowEndFor(new Date('2026-11-21T02:00:00Z'), 'UTC')).toBe('2026-11-20');
		expect(() => windowEndFor(new Date('nope'))).toThrow(/valid date/);
		expect(() => windowEndFor(new Date(), 'Mars/Base')).toThrow(/time zone/);
	});
});
