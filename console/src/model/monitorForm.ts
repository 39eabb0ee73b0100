/**
 * The seed's monitoring form (监控条件配置) and the rule it stands for. Same shape as lib/rules'
 * simpleRule (a `count` condition on activityCount and an `institutions` condition on
 * distinctInstitutions over the same window), with the comparison made explicit: the seed
 * says 超过 (more than) where the presets use 至少 (at least). The server validates what is
 * saved; this side only has to round-trip the form faithfully.
 */
import type { Grade, LeafCondition, Rule } from '../../../lib/rules/types';
import type { EventType } from '../../../lib/vocabulary/eventTypes';
import { cloneJson, sameJson } from './json';

export type ThresholdComparison = 'atLeast' | 'moreThan';

export const COMPARISON_OPERATORS: Readonly<Record<ThresholdComparison, string>> = {
	atLeast: 'greaterThanInclusive',
	moreThan: 'greaterThan',
};

export interface MonitorForm {
	/** 监控时间范围间隔 (days). */
	windowDays: number;
	/** 时间段 in local hours; null for all day. */
	period: { fromHour: number; toHour: number } | null;
	/** 活跃机构选择; empty for every institution. */
	institutions: string[];
	/** 事件类型; empty for every kind. */
	eventTypes: EventType[];
	/** 活跃次数阈值 and how the count is compared with it. */
	comparison: ThresholdComparison;
	threshold: number;
}

export const DEFAULT_MONITOR_FORM: MonitorForm = {
	windowDays: 7,
	period: null,
	institutions: [],
	eventTypes: [],
	comparison: 'atLeast',
	threshold: 3,
};

const FORM_PARAMS = new Set(['windowDays', 'period', 'institutions', 'eventTypes']);

/** The form a rule was made from; null when the rule has another shape (edit it in the condition builder). */
export function formOfRule(rule: Rule): MonitorForm | null {
	const conditions = rule.conditions as { all?: unknown };
	if (!Array.isArray(conditions.all) || Object.keys(conditions).length !== 1) return null;
	const [count, institutions, ...rest] = conditions.all as LeafCondition[];
	if (rest.length || !isLeaf(count) || count.name !== 'count' || count.fact !== 'activityCount') return null;
	const comparison = (Object.keys(COMPARISON_OPERATORS) as ThresholdComparison[]).find((c) => COMPARISON_OPERATORS[c] === count.operator);
	if (!comparison || !Number.isInteger(count.value) || count.path !== undefined || count.priority !== undefined) return null;
	const params = count.params ?? {};
	if (Object.keys(params).some((key) => !FORM_PARAMS.has(key)) || !Number.isInteger(params.windowDays)) return null;
	if (institutions !== undefined) {
		const expected: LeafCondition = { name: 'institutions', fact: 'distinctInstitutions', params, operator: 'greaterThanInclusive', value: 1 };
		if (!isLeaf(institutions) || !sameJson(institutions, expected)) return null;
	}
	const period = params.period as MonitorForm['period'] | undefined;
	return {
		windowDays: params.windowDays as number,
		period: period ? { fromHour: period.fromHour, toHour: period.toHour } : null,
		institutions: [...((params.institutions as string[] | undefined) ?? [])],
		eventTypes: [...((params.eventTypes as EventType[] | undefined) ?? [])],
		comparison,
		threshold: count.value as number,
	};
}

/**
 * The rule with its conditions taken from the form; name, label, grade and the rest of the
 * rule are kept. The reason template is rebuilt only while it is the default one (a reason the
 * staff wrote themselves stays).
 */
export function ruleWithForm(rule: Rule, form: MonitorForm): Rule {
	const params: Record<string, unknown> = { windowDays: form.windowDays };
	if (form.period) params.period = { fromHour: form.period.fromHour, toHour: form.period.toHour };
	if (form.institutions.length) params.institutions = [...form.institutions];
	if (form.eventTypes.length) params.eventTypes = [...form.eventTypes];
	const previous = formOfRule(rule);
	const keepReason = rule.event.params.reason && (!previous || rule.event.params.reason !== defaultReason(previous));
	return {
		...rule,
		conditions: {
			all: [
				{ name: 'count', fact: 'activityCount', params, operator: COMPARISON_OPERATORS[form.comparison], value: form.threshold },
				{ name: 'institutions', fact: 'distinctInstitutions', params: cloneJson(params), operator: 'greaterThanInclusive', value: 1 },
			],
		},
		event: { ...rule.event, params: { ...rule.event.params, reason: keepReason ? rule.event.params.reason : defaultReason(form) } },
	};
}

/** A new rule from the form (活跃机构命中 style). */
export function ruleFromForm(name: string, label: string, grade: Grade, form: MonitorForm): Rule {
	return ruleWithForm({ name, conditions: { all: [] }, event: { type: 'lead-hit', params: { label, grade, reason: '' } } }, form);
}

/** The reason template the form gives by default, as lib/rules' simpleRule words it. */
export function defaultReason(form: MonitorForm): string {
	const when = form.period ? '{count.period}时段' : '';
	const what = form.eventTypes.length ? '发生{count}次{count.eventTypes}' : '核验{count}次';
	return `近{count.windowDays}天内${when}在{institutions}家机构${what}`;
}

function isLeaf(value: unknown): value is LeafCondition {
	return typeof value === 'object' && value !== null && 'fact' in value && 'operator' in value;
}
