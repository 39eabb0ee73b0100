import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { claimAlertBatches, type AlertChannel } from '../../../../lib/alerts';
import type { StoreConnection } from '../../../shared/transport/storeConnection';

const show = { show: { resource: ['alert'], operation: ['claimAlerts'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Channels (渠道)',
		name: 'channels',
		type: 'multiOptions',
		options: [
			{ name: 'Email (邮件)', value: 'email', description: 'One item per owner with an e-mail address, for Send Email' },
			{ name: 'Group Robot (群机器人)', value: 'robot', description: 'One item per owner, for an HTTP Request to a 企业微信 / DingTalk group robot' },
		],
		default: [],
		description:
			'One item per owner and channel, each with the alerts not yet delivered there; mark each with its channel. None: one item per owner, marked sent as a whole.',
		displayOptions: show,
	},
	{
		displayName: 'Claim Lease (Seconds)',
		name: 'leaseSeconds',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 600,
		description: 'How long the claimed alerts are held for this execution; alerts not marked by then are offered again',
		displayOptions: show,
	},
];

/**
 * One item per owner (and channel, when channels are chosen) with unsent alerts: e-mail
 * address, subject, text and robot markdown (masked), the claim token and alert ids for Mark
 * Alerts Sent. Claimed alerts are not handed to another execution while the claim holds.
 */
export async function executeBatch(this: IExecuteFunctions, { store }: StoreConnection): Promise<INodeExecutionData[][]> {
	const batches = await claimAlertBatches(store, {
		channels: this.getNodeParameter('channels', 0, []) as AlertChannel[],
		leaseSeconds: this.getNodeParameter('leaseSeconds', 0, 600) as number,
	});
	return [batches.map((batch) => ({ json: batch as unknown as IDataObject, pairedItem: { item: 0 } }))];
}
