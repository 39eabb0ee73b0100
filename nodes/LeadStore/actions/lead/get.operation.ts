import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getLead } from '../../../../lib/roster';
import type { StoreConnection } from '../../../shared/transport/storeConnection';
import { leadIdField, requiredLeadId } from './leadIdField';

export const description: INodeProperties[] = [leadIdField(['get'], true)];

export async function execute(this: IExecuteFunctions, itemIndex: number, { store }: StoreConnection): Promise<IDataObject> {
	const leadId = requiredLeadId(this, itemIndex);
	return (await getLead(store, leadId)) as unknown as IDataObject;
}
