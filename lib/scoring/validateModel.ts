import type { ErrorObject } from 'ajv/dist/2020';

import { DocumentValidationError, schemaCheck, schemaIssues, type DocumentIssue } from '../push';
import { scoringSchemaFile } from './scoringFiles';
import type { Band, ScoringModel } from './ScoringModel';

export class ScoringModelError extends DocumentValidationError {
	constructor(issues: DocumentIssue[]) {
		super('invalidScoringModel', '评分模型无效 (invalid scoring model)', '(model)', issues);
	}
}

const checkSchema = schemaCheck(scoringSchemaFile, { verbose: true });

/** Every problem of a model, each at its path (`grades.fit[1].max`, `dynamic.outcomes.conversion`). */
export function validateScoringModel(input: unknown): DocumentIssue[] {
	const errors = checkSchema(input);
	if (errors.length) return schemaIssues(errors, schemaMessage);
	const model = input as ScoringModel;
	return [
		...duplicateIssues(model.static.industry.map((i) => i.value), 'static.industry', 'value'),
		...duplicateIssues(model.static.sourceChannel.map((c) => c.value), 'static.sourceChannel', 'value'),
		...duplicateIssues(model.static.attributes.map((a) => `${a.name}=${a.value}`), 'static.attributes', 'value'),
		...duplicateIssues(model.static.contactFields.map((c) => c.field), 'static.contactFields', 'field'),
		...bandIssues(model.grades.fit, 'grades.fit', '静态分组'),
		...bandIssues(model.grades.engagement, 'grades.engagement', '动态分组'),
	];
}

/** A profile value scores once: a second entry for it would be ambiguous. */
function duplicateIssues(keys: string[], path: string, field: string): DocumentIssue[] {
	return keys.flatMap((key, index) =>
		keys.indexOf(key) < index ? [{ path: `${path}[${index}].${field}`, message: `"${key}" 重复，已在第 ${keys.indexOf(key) + 1} 项 (duplicate of item ${keys.indexOf(key)})` }] : [],
	);
}

/** The model, checked; throws a ScoringModelError naming every problem (nothing is saved). */
export function assertValidScoringModel(input: unknown): ScoringModel {
	const issues = validateScoringModel(input);
	if (issues.length) throw new ScoringModelError(issues);
	return input as ScoringModel;
}

function schemaMessage(error: ErrorObject): string {
	const { keyword, params, data } = error;
	switch (keyword) {
		case 'required':
			return isWeight(error) ? '缺少分值 (missing weight)' : '必填 (required)';
		case 'additionalProperties':
			return `不是评分模型中的字段 (unknown field)`;
		case 'type':
			return `类型应为 ${params.type} (must be ${params.type}, got ${JSON.stringify(data)})`;
		case 'enum':
			return `应为 ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(' / ')} 之一 (got ${JSON.stringify(data)})`;
		case 'exclusiveMinimum':
			return `应大于 ${params.limit} (must be above ${params.limit}, got ${JSON.stringify(data)})`;
		case 'minimum':
		case 'maximum':
			return `应${keyword === 'minimum' ? '不小于' : '不大于'} ${params.limit} (must be ${keyword === 'minimum' ? 'at least' : 'at most'} ${params.limit}, got ${JSON.stringify(data)})`;
		case 'minItems':
		case 'maxItems':
			return `应有 ${params.limit} 项${keyword === 'minItems' ? '以上' : '以内'} (${keyword === 'minItems' ? 'at least' : 'at most'} ${params.limit} items)`;
		case 'minLength':
			return '不能为空 (must not be empty)';
		case 'uniqueItems':
			return '不能有重复项 (duplicate items)';
		default:
			return error.message ?? keyword;
	}
}

/** A missing `points`, or a missing entry of the outcome, negative or hit weights. */
function isWeight(error: ErrorObject): boolean {
	return error.params.missingProperty === 'points' || /^\/dynamic\/(outcomes|negative|hits)$/.test(error.instancePath);
}

/**
 * Bands must cover every score exactly once: ordered best first, the first open upwards (no
 * max), the last open downwards (no min), each band's min the next one's max, keys distinct.
 */
function bandIssues<Key>(bands: Band<Key>[], path: string, zh: string): DocumentIssue[] {
	const issues: DocumentIssue[] = [];
	const seen = new Set<Key>();
	bands.forEach((band, index) => {
		const at = `${path}[${index}]`;
		if (seen.has(band.key)) issues.push({ path: `${at}.key`, message: `${zh} ${String(band.key)} 重复 (duplicate band ${String(band.key)})` });
		seen.add(band.key);
		if (band.min !== undefined && band.max !== undefined && band.min >= band.max) {
			issues.push({ path: at, message: `下限 ${band.min} 应小于上限 ${band.max} (min must be below max)` });
		}
		if (index === 0 && band.max !== undefined) issues.push({ path: `${at}.max`, message: `最高一档不设上限 (the top band has no max)` });
		if (index === bands.length - 1 && band.min !== undefined) issues.push({ path: `${at}.min`, message: `最低一档不设下限 (the bottom band has no min)` });
		if (index > 0) {
			const above = bands[index - 1];
			if (above.min === undefined || band.max === undefined) {
				issues.push({ path: `${at}.max`, message: `${zh}之间有缺口或重叠：上限应等于上一档下限 (gap or overlap: max must equal the band above's min)` });
			} else if (band.max < above.min) {
				issues.push({ path: `${at}.max`, message: `${zh}之间有缺口：${band.max} 到 ${above.min} 不属于任何分组 (gap between ${band.max} and ${above.min})` });
			} else if (band.max > above.min) {
				issues.push({ path: `${at}.max`, message: `${zh}重叠：${above.min} 到 ${band.max} 属于两个分组 (overlap between ${above.min} and ${band.max})` });
			}
		}
	});
	return issues;
}
