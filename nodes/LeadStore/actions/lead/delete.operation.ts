import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { deleteLead } from '../../../../lib/roster';
import { runPerItem } from '../../../shared/runPerItem';
import type { StoreConnection } from '../../../shared/transport/storeConnection';
import { leadIdField, requiredLeadId } from './leadIdField';

export const description: INodeProperties[] = [leadIdField(['delete'], true)];

export async function execute(this: IExecuteFunctions, { store }: StoreConnection): Promise<INodeExecutionData[]> {
	return runPerItem(this, async (itemIndex) => {
		const leadId = requiredLeadId(this, itemIndex);
		return deleteLead(store, leadId);
	});
}
