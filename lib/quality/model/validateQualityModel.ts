import * as fs from 'node:fs';

import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';

import { DomainError } from '../../errors';
import { packageDataPath } from '../../packageData';
import { DIMENSIONS, type QualityModel } from './QualityModel';

export interface QualityModelIssue {
	/** Such as `curves.avgResponseSeconds[1].at` or `dimensions.speed.indicators`. */
	path: string;
	message: string;
}

export class QualityModelError extends DomainError {
	constructor(readonly issues: QualityModelIssue[]) {
		super('invalidQualityModel', `质检评分模型无效 (invalid quality model):\n${issues.map((i) => `${i.path || '(model)'}: ${i.message}`).join('\n')}`, issues[0]?.path ?? '');
	}
}

let compiled: ValidateFunction | undefined;

/** The model's problems: the schema's, then the sums and orders a schema cannot say. */
export function validateQualityModel(input: unknown): QualityModelIssue[] {
	compiled ??= new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(fs.readFileSync(packageDataPath('schema', 'quality-model.schema.json'), 'utf8')));
	if (!compiled(input)) return (compiled.errors ?? []).map(schemaIssue);
	const model = input as QualityModel;
	const issues: QualityModelIssue[] = [];
	const sumIsOne = (path: string, weights: Record<string, number>) => {
		const sum = Object.values(weights).reduce((a, b) => a + b, 0);
		if (Math.abs(sum - 1) > 1e-6) issues.push({ path, message: `权重之和应为 1，现为 ${round(sum)} (weights must add up to 1, they add up to ${round(sum)})` });
	};
	sumIsOne('totalWeights', model.totalWeights);
	sumIsOne('dimensions', Object.fromEntries(DIMENSIONS.map((d) => [d, model.dimensions[d].weight])));
	for (const dimension of DIMENSIONS) sumIsOne(`dimensions.${dimension}.indicators`, model.dimensions[dimension].indicators);
	for (const [indicator, curve] of Object.entries(model.curves)) {
		curve.forEach((point, i) => {
			if (i > 0 && point.at <= curve[i - 1].at) issues.push({ path: `curves.${indicator}[${i}].at`, message: '各点的 at 应递增 (points must be in increasing order of at)' });
		});
	}
	const { five, four, three, two } = model.stars;
	if (!(five > four && four > three && three > two)) issues.push({ path: 'stars', message: '星级门槛应满足 five > four > three > two (thresholds must decrease from five to two)' });
	return issues;
}

export function assertValidQualityModel(input: unknown): QualityModel {
	const issues = validateQualityModel(input);
	if (issues.length) throw new QualityModelError(issues);
	return input as QualityModel;
}

function schemaIssue(error: ErrorObject): QualityModelIssue {
	const parts = error.instancePath.split('/').slice(1);
	if (error.keyword === 'required') parts.push(String(error.params.missingProperty));
	if (error.keyword === 'additionalProperties') parts.push(String(error.params.additionalProperty));
	const path = parts.reduce((p, part) => (/^\d+$/.test(part) ? `${p}[${part}]` : p ? `${p}.${part}` : part), '');
	const message =
		error.keyword === 'required' ? '必填 (required)' : error.keyword === 'additionalProperties' ? '不是模型中的字段 (unknown field)' : (error.message ?? error.keyword);
	return { path, message };
}

function round(value: number): number {
	return Math.round(value * 1000) / 1000;
}
