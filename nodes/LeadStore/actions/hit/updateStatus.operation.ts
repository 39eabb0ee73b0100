import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { checkedHitStatus, HitError, parseHitStatus, updateHitStatuses, type HitStatus } from '../../../../lib/hits';
import { eachItem } from '../../../shared/router';
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

/** All items in one statement (a push run ends with thousands); each item still gets its own result or error. */
export async function executeBatch(this: IExecuteFunctions, { store }: StoreConnection): Promise<INodeExecutionData[][]> {
	const requests = this.getInputData().map((_, itemIndex) => {
		const hitId = Number(this.getNodeParameter('hitId', itemIndex));
		const status = String(this.getNodeParameter('status', itemIndex));
		return { hitId, status: parseHitStatus(status), given: status };
	});
	const valid = requests.filter((r) => Number.isSafeInteger(r.hitId) && r.status) as Array<{ hitId: number; status: HitStatus }>;
	const updated = await updateHitStatuses(store, valid);
	return eachItem(this, async (itemIndex) => {
		const { hitId, given } = requests[itemIndex];
		checkedHitStatus(given);
		const hit = updated.get(hitId);
		if (!hit) throw new HitError(`Hit ${hitId} not found`, 'hitId', 'notFound');
		return hit as unknown as IDataObject;
	});
}
