import { parseEventType, type EventType } from '../vocabulary';
import type { HourPeriod } from './facts';
import { GRADES, type FactParams, type Grade, type Rule, type RuleSet } from './types';
import { RuleValidationError, assertValidRule, type RuleIssue } from './validateRule';

/**
 * The seed's monitoring form (监控条件配置) as a rule: activity in the last `windowDays`
 * days, optionally only in a time-of-day period, at some institutions and of some event
 * types, reaching `threshold` calls or more.
 */
export interface SimpleRuleForm {
	/** The rule's stable id (hits are unique per lead, rule and window): keep it when editing the form. */
	id?: string;
	/** 规则名称 shown on hits, e.g. 活跃机构命中. */
	label: string;
	/** 监控时间范围间隔 (days). */
	windowDays: number;
	/** 时间段; omitted or null for all day. */
	period?: HourPeriod | null;
	/** 活跃机构选择; empty for all institutions. */
	institutions?: readonly string[];
	/** 事件类型 (codes or Chinese labels); empty for all. */
	eventTypes?: readonly string[];
	/** 活跃次数阈值: at least this many calls. */
	threshold: number;
	grade: Grade;
	/** Reason template; a default is built from the form. */
	reason?: string;
}

export const SIMPLE_RULE_ID = 'simple-monitor';

export function simpleRule(form: SimpleRuleForm): Rule {
	const issues: RuleIssue[] = [];
	const problem = (field: string, message: string) => issues.push({ path: field, message });

	if (!Number.isInteger(form.windowDays) || form.windowDays < 1 || form.windowDays > 365) {
		problem('windowDays', `监控时间范围 must be a whole number of days from 1 to 365 (got ${String(form.windowDays)})`);
	}
	if (!Number.isInteger(form.threshold) || form.threshold < 1) {
		problem('threshold', `活跃次数阈值 must be a whole number of at least 1 (got ${String(form.threshold)})`);
	}
	if (!GRADES.includes(form.grade)) problem('grade', `must be one of ${GRADES.join(', ')} (got ${String(form.grade)})`);
	if (typeof form.label !== 'string' || !form.label.trim()) problem('label', 'must not be empty');
	const period = form.period ?? undefined;
	if (period) {
		for (const key of ['fromHour', 'toHour'] as const) {
			const hour = period[key];
			if (!Number.isInteger(hour) || hour < 0 || hour > 23) problem(`period.${key}`, `must be an hour from 0 to 23 (got ${String(hour)})`);
		}
		if (period.fromHour === period.toHour) problem('period', 'fromHour and toHour are equal: leave the period out for all day');
	}
	const institutions = [...new Set((form.institutions ?? []).map((i) => String(i).trim()).filter(Boolean))];
	const eventTypes: EventType[] = [];
	for (const raw of form.eventTypes ?? []) {
		const type = parseEventType(String(raw));
		if (!type) problem('eventTypes', `unknown event type "${String(raw)}" (known: face, ocr, data_api)`);
		else if (!eventTypes.includes(type)) eventTypes.push(type);
	}
	if (issues.length) throw new RuleValidationError(issues, 'monitoring form');

	const params: FactParams = { windowDays: form.windowDays };
	if (period) params.period = { fromHour: period.fromHour, toHour: period.toHour };
	if (institutions.length) params.institutions = institutions;
	if (eventTypes.length) params.eventTypes = eventTypes;

	const rule: Rule = {
		name: form.id?.trim() || SIMPLE_RULE_ID,
		conditions: {
			all: [
				{ name: 'count', fact: 'activityCount', params, operator: 'greaterThanInclusive', value: form.threshold },
				{ name: 'institutions', fact: 'distinctInstitutions', params: structuredClone(params), operator: 'greaterThanInclusive', value: 1 },
			],
		},
		event: {
			type: 'lead-hit',
			params: { label: form.label.trim(), grade: form.grade, reason: form.reason?.trim() || defaultReason(params) },
		},
	};
	return assertValidRule(rule);
}

export function simpleRuleSet(form: SimpleRuleForm): RuleSet {
	return { rules: [simpleRule(form)] };
}

function defaultReason(params: FactParams): string {
	const when = params.period ? '{count.period}时段' : '';
	const what = params.eventTypes ? '发生{count}次{count.eventTypes}' : '核验{count}次';
	return `近{count.windowDays}天内${when}在{institutions}家机构${what}`;
}
