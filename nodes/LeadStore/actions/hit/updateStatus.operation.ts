import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { updateHitStatus } from '../../../../lib/hits';
import { runPerItem } from '../../../shared/runPerItem';
import type { StoreConnection } from '../../../shared/transport/storeConnection';
import { hitStatusOptions } from './hitStatusOptions';

const show = { resource: ['hit'], operation: ['updateStatus'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Hit ID',
		name: 'hitId',
		type: 'number',
		required: true,
		default: 0,
		displayOptions: { show },
	},
	{
		displayName: 'Status (状态)',
		name: 'status',
		type: 'options',
		options: hitStatusOptions,
		default: 'in_progress',
		description: 'The new status. An expression may also give the Chinese label, e.g. 营销已转化.',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, { store }: StoreConnection): Promise<INodeExecutionData[]> {
	return runPerItem(this, async (itemIndex) => {
		const hitId = Number(this.getNodeParameter('hitId', itemIndex));
		const status = String(this.getNodeParameter('status', itemIndex));
		return (await updateHitStatus(store, hitId, status)) as unknown as IDataObject;
	});
}
