import * as fs from 'node:fs';
import * as path from 'node:path';

import {
	DEFAULT_MONITOR_FORM,
	defaultReason,
	formOfRule,
	ruleFromForm,
	ruleWithForm,
	type MonitorForm,
} from '../../console/src/model/monitorForm';
import { assertValidRule } from '../../lib/rules/validateRule';
import type { Rule } from '../../lib/rules/types';
import { simpleRule } from '../../lib/rules/simpleRule';

const preset = (id: string): Rule => JSON.parse(fs.readFileSync(path.join(__dirname, '../../rules/presets', `${id}.json`), 'utf8')).rules[0];

describe('the monitoring form and its rule', () => {
	it('reads the default preset (活跃机构命中) as the seed form', () => {
		expect(formOfRule(preset('active-institutions'))).toEqual({ ...DEFAULT_MONITOR_FORM, threshold: 3, comparison: 'atLeast' });
	});

	it('gives the same rule as lib/rules simpleRule for an "at least" form', () => {
		const form: MonitorForm = {
			windowDays: 14,
			period: { fromHour: 22, toHour: 6 },
			institutions: ['华东中心机构', '上海研发分部'],
			eventTypes: ['data_api'],
			comparison: 'atLeast',
			threshold: 2,
		};
		const rule = ruleFromForm('night-api', '夜间查询', 'A', form);
		const reference = simpleRule({ id: 'night-api', label: '夜间查询', grade: 'A', ...form });
		expect(rule).toEqual(reference);
		expect(formOfRule(rule)).toEqual(form);
	});

	it('makes "more than" (the seed\'s 超过) an explicit greaterThan', () => {
		const rule = ruleWithForm(preset('active-institutions'), { ...DEFAULT_MONITOR_FORM, comparison: 'moreThan', threshold: 3 });
		const count = (rule.conditions as { all: Array<{ operator: string; value: unknown }> }).all[0];
		expect(count).toMatchObject({ operator: 'greaterThan', value: 3 });
		expect(assertValidRule(rule)).toBe(rule);
		expect(formOfRule(rule)?.comparison).toBe('moreThan');
	});

	it('keeps name, label, grade and a reason the staff wrote; rebuilds the default reason', () => {
		const base = preset('active-institutions');
		const withPeriod = ruleWithForm(base, { ...DEFAULT_MONITOR_FORM, period: { fromHour: 9, toHour: 18 } });
		expect(withPeriod.name).toBe('active-institutions');
		expect(withPeriod.event.params).toMatchObject({ label: '活跃机构命中', grade: 'B' });
		expect(withPeriod.event.params.reason).toBe(defaultReason({ ...DEFAULT_MONITOR_FORM, period: { fromHour: 9, toHour: 18 } }));
		const own = { ...base, event: { ...base.event, params: { ...base.event.params, reason: '近{count.windowDays}天核验{count}次' } } };
		expect(ruleWithForm(own, DEFAULT_MONITOR_FORM).event.params.reason).toBe('近{count.windowDays}天核验{count}次');
	});

	it('declines rules of another shape (edited in the condition builder)', () => {
		for (const id of ['long-term-high-frequency', 'key-behaviour', 'new-institution', 'dormant-and-back']) {
			const rule = preset(id);
			const form = formOfRule(rule);
			if (form) expect(ruleWithForm(rule, form).conditions).toEqual(rule.conditions);
		}
		expect(formOfRule(preset('long-term-high-frequency'))).toBeNull();
	});
});
