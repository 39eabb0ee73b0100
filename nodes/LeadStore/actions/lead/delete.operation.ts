import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { deleteLead } from '../../../../lib/roster';
import { runPerItem } from '../../../shared/runPerItem';
import type { StoreConnection } from '../../../shared/transport/storeConnection';
import { leadIdField } from './leadIdField';

export const description: INodeProperties[] = [leadIdField(['delete'], true)];

export async function execute(this: IExecuteFunctions, { store }: StoreConnection): Promise<INodeExecutionData[]> {
	return runPerItem(this, async (itemIndex) => {
		const leadId = String(this.getNodeParameter('leadId', itemIndex)).trim();
		return deleteLead(store, leadId);
	});
}
