import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { saveOwnerSettings } from '../../../../lib/assignment';
import { stringParameter } from '../../../shared/parameters';
import type { StoreConnection } from '../../../shared/transport/storeConnection';

const show = { show: { resource: ['owner'], operation: ['setOwner'] } };

export const description: INodeProperties[] = [
	{ displayName: 'Username', name: 'username', type: 'string', default: '', required: true, description: 'The staff account (客户经理)', displayOptions: show },
	{ displayName: 'Branch (所属机构)', name: 'branch', type: 'string', default: '', description: 'Leads of this branch are assigned to them first', displayOptions: show },
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', description: 'Where their alerts go', displayOptions: show },
	{ displayName: 'Daily Capacity', name: 'dailyCapacity', type: 'number', typeOptions: { minValue: 0 }, default: 50, description: 'At most this many new leads a day', displayOptions: show },
	{ displayName: 'Takes Leads', name: 'takesLeads', type: 'boolean', default: true, description: 'Whether to take part in assignment by the rules', displayOptions: show },
];

/** Who takes leads: a staff account's branch, alert e-mail and daily capacity. */
export async function execute(this: IExecuteFunctions, itemIndex: number, { store }: StoreConnection): Promise<IDataObject> {
	const settings = {
		username: stringParameter(this, 'username', itemIndex).toLowerCase(),
		branch: stringParameter(this, 'branch', itemIndex) || null,
		email: stringParameter(this, 'email', itemIndex) || null,
		dailyCapacity: this.getNodeParameter('dailyCapacity', itemIndex) as number,
		takesLeads: this.getNodeParameter('takesLeads', itemIndex) as boolean,
	};
	await saveOwnerSettings(store, settings);
	return settings;
}
