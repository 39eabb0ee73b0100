import type { ErrorObject } from 'ajv/dist/2020';
import { IANAZone } from 'luxon';

import { DocumentValidationError, schemaCheck, schemaIssues, type DocumentIssue } from '../documentSchema';
import { frequenciesSchemaFile } from './frequencyFiles';
import { FREQUENCY_KINDS, FREQUENCY_KIND_LABELS, MAX_CUSTOM_DAYS, type PushFrequencies } from './PushFrequencies';

/** One problem with push frequencies, at a path such as `tiers[1].frequency.at`. */
export type FrequenciesIssue = DocumentIssue;

export class FrequenciesValidationError extends DocumentValidationError {
	constructor(issues: FrequenciesIssue[]) {
		super('invalidFrequencies', '推送频率配置无效 (invalid push frequencies)', '(frequencies)', issues);
	}
}

const checkSchema = schemaCheck(frequenciesSchemaFile, { verbose: true, discriminator: true });

export function validateFrequencies(input: unknown): FrequenciesIssue[] {
	const errors = checkSchema(input);
	if (errors.length) return schemaIssues(errors, schemaMessage);
	return semanticIssues(input as PushFrequencies);
}

/** The frequencies, checked; throws a FrequenciesValidationError naming every problem's path. */
export function assertValidFrequencies(input: unknown): PushFrequencies {
	const issues = validateFrequencies(input);
	if (issues.length) throw new FrequenciesValidationError(issues);
	return input as PushFrequencies;
}

function schemaMessage(error: ErrorObject): string {
	const { keyword, params, data } = error;
	switch (keyword) {
		case 'required':
			return '必填 (required)';
		case 'additionalProperties': {
			const allowed = Object.keys((error.parentSchema as { properties?: object })?.properties ?? {});
			return `不是推送频率中的字段 (unknown field; allowed: ${allowed.join(', ')})`;
		}
		case 'discriminator':
			return (
				`频率类型应为 ${FREQUENCY_KINDS.map((kind) => `${kind}（${FREQUENCY_KIND_LABELS[kind].zh}）`).join('、')} 之一` +
				` (unknown frequency kind ${JSON.stringify(params.tagValue ?? null)})`
			);
		case 'type':
			return params.type === 'integer' ? `应为整数 (must be a whole number)` : `类型应为 ${params.type} (must be ${params.type})`;
		case 'enum':
			return `应为 ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(' / ')} 之一 (got ${JSON.stringify(data)})`;
		case 'minimum':
		case 'maximum': {
			const { minimum, maximum } = error.parentSchema as { minimum: number; maximum: number };
			return `应在 ${minimum} 到 ${maximum} 之间 (must be from ${minimum} to ${maximum}, got ${JSON.stringify(data)})`;
		}
		case 'pattern':
			return patternMessage(String(params.pattern));
		case 'format':
			return '应为日期 YYYY-MM-DD，如 2026-01-05 (must be a real date)';
		case 'uniqueItems':
			return '不能有重复项 (duplicate items)';
		case 'minItems':
			return '不能为空 (must not be empty)';
		case 'maxItems':
			return `最多 ${params.limit} 项 (at most ${params.limit} items)`;
		case 'minLength':
			return '不能为空 (must not be empty)';
		case 'maxLength':
			return `最多 ${params.limit} 个字符 (at most ${params.limit} characters)`;
		default:
			return error.message ?? keyword;
	}
}

function patternMessage(pattern: string): string {
	if (pattern.includes('[0-5][0-9]')) return '应为 HH:mm 时间，如 09:15 (must be a time HH:mm)';
	if (pattern.includes('{1,32}')) return '只能包含字母、数字、_ 和 -，最多 32 个字符 (letters, digits, _ and - only)';
	return '只能包含文字、数字、_ . - (letters, digits, _ . - only)';
}

/** What the schema cannot say: the time zone exists, tier ids are unique, each hit has at most one tier. */
function semanticIssues(frequencies: PushFrequencies): FrequenciesIssue[] {
	const issues: FrequenciesIssue[] = [];
	if (frequencies.timezone !== undefined && !IANAZone.isValidZone(frequencies.timezone)) {
		issues.push({ path: 'timezone', message: `"${frequencies.timezone}" 不是有效的时区，如 Asia/Shanghai (unknown IANA time zone)` });
	}
	const tierOfId = new Map<string, number>();
	const tierOfGrade = new Map<string, string>();
	const tierOfRule = new Map<string, string>();
	frequencies.tiers.forEach((tier, index) => {
		const at = `tiers[${index}]`;
		if (tierOfId.has(tier.id)) issues.push({ path: `${at}.id`, message: `档位 "${tier.id}" 重复 (duplicate tier id)` });
		tierOfId.set(tier.id, index);

		if (!tier.grades && !tier.rules) {
			issues.push({ path: at, message: '请选择线索等级 (grades) 或监控指标 (rules) (a tier selects hits by grade or by rule)' });
		}
		if (tier.grades && tier.rules) {
			issues.push({ path: `${at}.rules`, message: '线索等级与监控指标只能选其一 (choose grades or rules, not both)' });
		}
		claimOnce(tier.grades, tierOfGrade, tier.id, `${at}.grades`, '线索等级', 'grade', issues);
		claimOnce(tier.rules, tierOfRule, tier.id, `${at}.rules`, '监控指标', 'rule', issues);

		const frequency = tier.frequency;
		if (frequency.kind === 'custom' && frequency.unit === 'days' && frequency.interval > MAX_CUSTOM_DAYS) {
			issues.push({
				path: `${at}.frequency.interval`,
				message: `按天间隔最多 ${MAX_CUSTOM_DAYS} 天 (at most ${MAX_CUSTOM_DAYS} days)`,
			});
		}
	});
	return issues;
}

/** A grade or rule belongs to one tier at most, so every hit has one frequency. */
function claimOnce(
	values: readonly string[] | undefined,
	owners: Map<string, string>,
	tierId: string,
	path: string,
	zh: string,
	en: string,
	issues: FrequenciesIssue[],
): void {
	values?.forEach((value, index) => {
		const owner = owners.get(value);
		if (owner !== undefined && owner !== tierId) {
			issues.push({
				path: `${path}[${index}]`,
				message: `${zh} ${value} 已属于档位 "${owner}" (${en} ${value} is in tier "${owner}" already)`,
			});
		}
		if (owner === undefined) owners.set(value, tierId);
	});
}
