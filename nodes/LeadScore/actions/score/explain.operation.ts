import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ownerHistory } from '../../../../lib/assignment';
import { explainScore, ScoringError } from '../../../../lib/scoring';
import { stringParameter } from '../../../shared/parameters';
import type { StoreConnection } from '../../../shared/transport/storeConnection';
import { modelToUse } from './modelParameters';

export const description: INodeProperties[] = [
	{
		displayName: 'Lead ID (线索ID)',
		name: 'leadId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'L1024589',
		displayOptions: { show: { resource: ['score'], operation: ['explain'] } },
	},
];

/** One lead's score and grade, its ledger (which adds up to the score), 跟进建议 and owner history. */
export async function execute(this: IExecuteFunctions, itemIndex: number, { store }: StoreConnection): Promise<IDataObject> {
	const leadId = stringParameter(this, 'leadId', itemIndex);
	if (!leadId) throw new ScoringError('leadId', 'Lead ID is empty: give the lead to explain');
	const { model } = await modelToUse(this, itemIndex, store);
	const explained = await explainScore(store, model, leadId);
	return { ...explained, ownerHistory: await ownerHistory(store, leadId) } as unknown as IDataObject;
}
