import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { markAlertsSent, type AlertChannel } from '../../../../lib/alerts';
import { ScoringError } from '../../../../lib/scoring';
import { stringParameter } from '../../../shared/parameters';
import type { StoreConnection } from '../../../shared/transport/storeConnection';

export const description: INodeProperties[] = [
	{
		displayName: 'Claim Token',
		name: 'claimToken',
		type: 'string',
		default: '={{ $json.claimToken }}',
		displayOptions: { show: { resource: ['alert'], operation: ['markAlertsSent'] } },
	},
	{
		displayName: 'Alert IDs',
		name: 'alertIds',
		type: 'json',
		default: '={{ $json.alertIds }}',
		displayOptions: { show: { resource: ['alert'], operation: ['markAlertsSent'] } },
	},
	{
		displayName: 'Channel (渠道)',
		name: 'channel',
		type: 'options',
		options: [
			{ name: 'All (整批)', value: '', description: 'The alerts were claimed without channels: they are sent' },
			{ name: 'Email (邮件)', value: 'email' },
			{ name: 'Group Robot (群机器人)', value: 'robot' },
		],
		default: '',
		description: 'The channel the batch was delivered on, when Claim Alerts claimed by channel: an alert is sent once every channel of its has had it',
		displayOptions: { show: { resource: ['alert'], operation: ['markAlertsSent'] } },
	},
];

/** Marks an owner's claimed alerts sent, after the e-mail / robot message went: they are never sent again. */
export async function execute(this: IExecuteFunctions, itemIndex: number, { store }: StoreConnection): Promise<IDataObject> {
	const claimToken = stringParameter(this, 'claimToken', itemIndex);
	const raw = this.getNodeParameter('alertIds', itemIndex);
	const alertIds = (typeof raw === 'string' ? JSON.parse(raw) : raw) as unknown;
	if (!claimToken) throw new ScoringError('claimToken', 'Claim Token is empty: pass the item of Claim Alerts');
	if (!Array.isArray(alertIds) || !alertIds.every((id) => Number.isInteger(id))) {
		throw new ScoringError('alertIds', `Alert IDs should be a list of whole numbers (got ${JSON.stringify(raw)})`);
	}
	const channel = (stringParameter(this, 'channel', itemIndex) || undefined) as AlertChannel | undefined;
	return { claimToken, ...(channel ? { channel } : {}), marked: await markAlertsSent(store, claimToken, alertIds as number[], { channel }) };
}
