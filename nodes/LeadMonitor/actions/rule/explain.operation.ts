import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { explainLead } from '../../../../lib/monitor';
import { LeadError } from '../../../../lib/roster';
import { stringParameter } from '../../../shared/parameters';
import type { StoreConnection } from '../../../shared/transport/storeConnection';
import { ruleSetToRun } from './ruleSetParameters';
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
export async function execute(this: IExecuteFunctions, itemIndex: number, { store }: StoreConnection): Promise<IDataObject> {
	const leadId = stringParameter(this, 'leadId', itemIndex);
	if (!leadId) throw new LeadError('Lead ID is empty: give the lead to explain', 'leadId');
	const { asOf, timeZone } = timeFrom(this, itemIndex);
	const { ruleSet, ruleSetVersion } = await ruleSetToRun(this, itemIndex, store);
	const explained = await explainLead(store, ruleSet, { leadId }, { asOf, timeZone });
	return { ...explained, ...(ruleSetVersion === undefined ? {} : { ruleSetVersion }) } as unknown as IDataObject;
}
