import * as fs from 'node:fs';

import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { IANAZone } from 'luxon';

import type { ContactPolicy } from './ContactPolicy';
import { policySchemaFile } from './policyFiles';
import { DomainError } from '../../errors';

/** One problem with a policy, at a path such as `grid.mon` or `timeSlots[0].from`. */
export interface PolicyIssue {
	path: string;
	message: string;
}

export class PolicyValidationError extends DomainError {
	declare readonly field: string;

	/** `field` is the first problem's path. */
	constructor(readonly issues: PolicyIssue[]) {
		super(
			'invalidPolicy',
			`推送策略无效 (invalid contact policy):\n${issues.map((i) => `${i.path || '(policy)'}: ${i.message}`).join('\n')}`,
			issues[0]?.path ?? '',
		);
	}
}

let validator: ValidateFunction | undefined;

function schemaValidator(): ValidateFunction {
	if (!validator) {
		const ajv = new Ajv2020({ allErrors: true, strict: true });
		addFormats(ajv);
		validator = ajv.compile(JSON.parse(fs.readFileSync(policySchemaFile(), 'utf8')));
	}
	return validator;
}

export function validatePolicy(input: unknown): PolicyIssue[] {
	const validate = schemaValidator();
	if (!validate(input)) return schemaIssues(validate.errors ?? []);
	return semanticIssues(input as ContactPolicy);
}

/** The policy, checked; throws a PolicyValidationError naming every problem's path. */
export function assertValidPolicy(input: unknown): ContactPolicy {
	const issues = validatePolicy(input);
	if (issues.length) throw new PolicyValidationError(issues);
	return input as ContactPolicy;
}

function schemaIssues(errors: ErrorObject[]): PolicyIssue[] {
	const issues: PolicyIssue[] = [];
	const seen = new Set<string>();
	for (const error of errors) {
		const issue = { path: readablePath(error), message: describe(error) };
		const key = `${issue.path}\u0000${issue.message}`;
		if (seen.has(key)) continue;
		seen.add(key);
		issues.push(issue);
	}
	return issues;
}

/** `/timeSlots/0/from` → `timeSlots[0].from`; a missing or unknown property is part of the path. */
function readablePath(error: ErrorObject): string {
	let out = '';
	const parts = error.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
	if (error.keyword === 'required') parts.push(String(error.params.missingProperty));
	if (error.keyword === 'additionalProperties') parts.push(String(error.params.additionalProperty));
	for (const key of parts) out += /^\d+$/.test(key) ? `[${key}]` : out ? `.${key}` : key;
	return out;
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
