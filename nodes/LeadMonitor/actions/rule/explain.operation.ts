import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { explainLead } from '../../../../lib/monitor';
import { runPerItem, stringParameter } from '../../../shared/runPerItem';
import type { StoreConnection } from '../../../shared/transport/storeConnection';
import { ruleSetFrom } from './ruleSetParameters';
import { timeFrom } from './timeOptions';

export const description: INodeProperties[] = [
	{
		displayName: 'Lead ID (线索ID)',
		name: 'leadId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'L1024589',
		displayOptions: { show: { operation: ['explain'] } },
	},
];

/** One lead: every rule, each condition's fact value and result (json-rules-engine's shape). */
export async function execute(this: IExecuteFunctions, { store }: StoreConnection): Promise<INodeExecutionData[]> {
	return runPerItem(this, async (itemIndex) => {
		const leadId = stringParameter(this, 'leadId', itemIndex);
		if (!leadId) throw Object.assign(new Error('Lead ID is empty: give the lead to explain'), { field: 'leadId' });
		const { asOf, timeZone } = timeFrom(this, itemIndex);
		return (await explainLead(store, ruleSetFrom(this, itemIndex), { leadId }, { asOf, timeZone })) as unknown as IDataObject;
	});
}
