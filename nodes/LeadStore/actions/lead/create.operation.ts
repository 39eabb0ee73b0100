import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { createLead } from '../../../../lib/roster';
import { stringParameter } from '../../../shared/parameters';
import type { StoreConnection } from '../../../shared/transport/storeConnection';
import { leadIdField } from './leadIdField';
import { leadInputFrom, optionalLeadFields, personalLeadFields } from './leadFields';

const show = { resource: ['lead'], operation: ['create'] };

export const description: INodeProperties[] = [
	leadIdField(['create'], false),
	...personalLeadFields.map((field) => ({ ...field, displayOptions: { show } })),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: optionalLeadFields,
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number, { store, keys }: StoreConnection): Promise<IDataObject> {
	const fields: IDataObject = {
		...(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
		name: this.getNodeParameter('name', itemIndex, ''),
		phone: this.getNodeParameter('phone', itemIndex, ''),
		idNumber: this.getNodeParameter('idNumber', itemIndex, ''),
	};
	const leadId = stringParameter(this, 'leadId', itemIndex);
	return (await createLead(store, keys, { leadId, ...leadInputFrom(fields) })) as unknown as IDataObject;
}
