import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { markAlertsSent } from '../../../../lib/alerts';
import { ScoringError } from '../../../../lib/scoring';
import { stringParameter } from '../../../shared/parameters';
import type { StoreConnection } from '../../../shared/transport/storeConnection';

export const description: INodeProperties[] = [
	{
		displayName: 'Claim Token',
		name: 'claimToken',
		type: 'string',
		default: '={{ $json.claimToken }}',
		displayOptions: { show: { operation: ['markAlertsSent'] } },
	},
	{
		displayName: 'Alert IDs',
		name: 'alertIds',
		type: 'json',
		default: '={{ $json.alertIds }}',
		displayOptions: { show: { operation: ['markAlertsSent'] } },
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
	return { claimToken, marked: await markAlertsSent(store, claimToken, alertIds as number[]) };
}
