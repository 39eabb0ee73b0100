import type { ErrorObject } from 'ajv/dist/2020';
import { IANAZone } from 'luxon';

import type { ContactPolicy } from './ContactPolicy';
import { policySchemaFile } from './policyFiles';
import { DocumentValidationError, schemaCheck, schemaIssues, type DocumentIssue } from '../documentSchema';

/** One problem with a policy, at a path such as `grid.mon` or `timeSlots[0].from`. */
export type PolicyIssue = DocumentIssue;

export class PolicyValidationError extends DocumentValidationError {
	constructor(issues: PolicyIssue[]) {
		super('invalidPolicy', '推送策略无效 (invalid contact policy)', '(policy)', issues);
	}
}

const checkSchema = schemaCheck(policySchemaFile);

export function validatePolicy(input: unknown): PolicyIssue[] {
	const errors = checkSchema(input);
	if (errors.length) return schemaIssues(errors, describe);
	return semanticIssues(input as ContactPolicy);
}

/** The policy, checked; throws a PolicyValidationError naming every problem's path. */
export function assertValidPolicy(input: unknown): ContactPolicy {
	const issues = validatePolicy(input);
	if (issues.length) throw new PolicyValidationError(issues);
	return input as ContactPolicy;
}

function describe(error: ErrorObject): string {
	const { keyword, params } = error;
	switch (keyword) {
		case 'required':
			return '必填 (required)';
		case 'additionalProperties':
			return '不是策略中的字段 (unknown field)';
		case 'type':
			return `类型应为 ${params.type} (must be ${params.type})`;
		case 'enum':
			return `应为 ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(' / ')} 之一`;
		case 'minimum':
		case 'maximum':
			return `应${keyword === 'minimum' ? '不小于' : '不大于'} ${params.limit} (${keyword} ${params.limit})`;
		case 'pattern':
			return patternMessage(String(params.pattern));
		case 'format':
			return `应为日期 YYYY-MM-DD (must be a ${params.format})`;
		case 'uniqueItems':
			return '不能有重复项 (duplicate items)';
		default:
			return error.message ?? keyword;
	}
}

function patternMessage(pattern: string): string {
	if (pattern.includes('hmls')) return '应为 24 个字符，每小时一个：h 高频、m 中频、l 低频、s 静默';
	if (pattern.includes('[0-5][0-9]')) return '应为 HH:mm 时间，如 08:30';
	return `格式不对 (must match ${pattern})`;
}

function semanticIssues(policy: ContactPolicy): PolicyIssue[] {
	const issues: PolicyIssue[] = [];
	if (!IANAZone.isValidZone(policy.timezone)) {
		issues.push({ path: 'timezone', message: `"${policy.timezone}" 不是有效的时区，如 Asia/Shanghai (unknown IANA time zone)` });
	}
	if (policy.quietHours && policy.quietHours.from === policy.quietHours.to) {
		issues.push({ path: 'quietHours.to', message: '免打扰结束时间不能等于开始时间 (from and to are equal)' });
	}
	policy.timeSlots?.forEach((slot, index) => {
		if (slot.from === slot.to) issues.push({ path: `timeSlots[${index}].to`, message: '结束时间不能等于开始时间 (from and to are equal)' });
		slot.dates?.forEach((date, d) => {
			if (Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
				issues.push({ path: `timeSlots[${index}].dates[${d}]`, message: `"${date}" 不是有效日期` });
			}
		});
	});
	return issues;
}
