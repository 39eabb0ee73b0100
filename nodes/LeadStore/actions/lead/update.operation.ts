import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateLead } from '../../../../lib/roster';
import type { StoreConnection } from '../../../shared/transport/storeConnection';
import { leadIdField, requiredLeadId } from './leadIdField';
import { leadInputFrom, optionalLeadFields, personalLeadFields } from './leadFields';

export const description: INodeProperties[] = [
	leadIdField(['update'], true),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { resource: ['lead'], operation: ['update'] } },
		options: [...personalLeadFields, ...optionalLeadFields].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number, { store, keys }: StoreConnection): Promise<IDataObject> {
	const leadId = requiredLeadId(this, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	return (await updateLead(store, keys, leadId, leadInputFrom(fields))) as unknown as IDataObject;
}
