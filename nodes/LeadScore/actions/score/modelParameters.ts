import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { activeConfig } from '../../../../lib/config';
import { assertValidScoringModel, scoringConfig, type ScoringModel } from '../../../../lib/scoring';
import type { Store } from '../../../../lib/store';

/** The scoring model: the saved configuration (edited on the console), or JSON given here. */
export const modelParameters: INodeProperties[] = [
	{
		displayName: 'Scoring Model',
		name: 'modelMode',
		type: 'options',
		options: [
			{ name: 'Saved Configuration (已保存配置)', value: 'saved', description: 'The active version of the scoring model kept in the store' },
			{ name: 'JSON', value: 'json', description: 'A model written here (rules/schema/scoring.schema.json)' },
		],
		default: 'saved',
		displayOptions: { show: { resource: ['score'], operation: ['score', 'explain'] } },
	},
	{
		displayName: 'Model (JSON)',
		name: 'modelJson',
		type: 'json',
		default: '{}',
		displayOptions: { show: { resource: ['score'], operation: ['score', 'explain'], modelMode: ['json'] } },
	},
];

export async function modelToUse(context: IExecuteFunctions, itemIndex: number, store: Store): Promise<{ model: ScoringModel; modelVersion: number | null }> {
	if (context.getNodeParameter('modelMode', itemIndex) === 'saved') {
		const active = await activeConfig(store, scoringConfig);
		return { model: active.body, modelVersion: active.version };
	}
	const raw = context.getNodeParameter('modelJson', itemIndex);
	let parsed: unknown = raw;
	if (typeof raw === 'string') {
		try {
			parsed = JSON.parse(raw);
		} catch (error) {
			throw new NodeOperationError(context.getNode(), `Model (JSON) is not JSON: ${(error as Error).message}`, { itemIndex });
		}
	}
	return { model: assertValidScoringModel(parsed), modelVersion: null };
}
