import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { finishTierRun, summarizeTierRun, tierRun } from '../../../../lib/push';
import { stringParameter } from '../../../shared/parameters';
import type { StoreConnection } from '../../../shared/transport/storeConnection';

const show = { operation: ['finishTierRun'] };

export const description: INodeProperties[] = [
	{
		displayName:
			'Records that a tier’s run ended and what it did: its hits’ pushes by channel since the run began, and how many are still pending (held by the policy). Connect it to Due Tiers below the push branch, so it runs after that branch, even when it sent nothing.',
		name: 'finishTierRunNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Tier',
		name: 'tier',
		type: 'string',
		default: '={{ $json.tier }}',
		required: true,
		description: 'The tier, as Due Tiers gives it',
		displayOptions: { show },
	},
	{
		displayName: 'Period Key',
		name: 'periodKey',
		type: 'string',
		default: '={{ $json.periodKey }}',
		required: true,
		description: 'The period the tier ran for, as Due Tiers gives it (e.g. A:2026-12-06T10)',
		displayOptions: { show },
	},
];

/** Finishes one claimed run per item: its summary from the store, recorded with the finish time. */
export async function execute(this: IExecuteFunctions, itemIndex: number, { store }: StoreConnection): Promise<IDataObject> {
	const run = { tier: stringParameter(this, 'tier', itemIndex), periodKey: stringParameter(this, 'periodKey', itemIndex) };
	if (!run.tier || !run.periodKey) {
		throw new NodeOperationError(this.getNode(), 'Tier and Period Key are required: connect this node to Push Gate → Due Tiers', { itemIndex });
	}
	await finishTierRun(store, run, { ...(await summarizeTierRun(store, run)) });
	return (await tierRun(store, run)) as unknown as IDataObject;
}
