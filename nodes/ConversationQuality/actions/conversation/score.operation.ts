import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { scoreSessions } from '../../../../lib/quality';
import type { StoreConnection } from '../../../shared/transport/storeConnection';

const show = { resource: ['conversation'], operation: ['score'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Score Every Session Again',
		name: 'all',
		type: 'boolean',
		default: false,
		description: 'Whether to score every session again (after the scoring model changed), not only those that changed',
		displayOptions: { show },
	},
];

/** One summary for all input items: scoring covers the store, not an item. */
export async function executeBatch(this: IExecuteFunctions, { store }: StoreConnection): Promise<INodeExecutionData[][]> {
	const summary = await scoreSessions(store, { all: this.getNodeParameter('all', 0, false) as boolean });
	return [[{ json: summary as unknown as IDataObject, pairedItem: this.getInputData().map((_, item) => ({ item })) }]];
}
