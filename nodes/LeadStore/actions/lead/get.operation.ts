import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { getLead } from '../../../../lib/roster';
import { runPerItem } from '../../../shared/runPerItem';
import type { StoreConnection } from '../../../shared/transport/storeConnection';
import { leadIdField } from './leadIdField';

export const description: INodeProperties[] = [leadIdField(['get'], true)];

export async function execute(this: IExecuteFunctions, { store }: StoreConnection): Promise<INodeExecutionData[]> {
	return runPerItem(this, async (itemIndex) => {
		const leadId = String(this.getNodeParameter('leadId', itemIndex)).trim();
		return (await getLead(store, leadId)) as unknown as IDataObject;
	});
}
