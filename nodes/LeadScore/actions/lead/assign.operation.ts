import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { changeOwner, linkToSourceLead, ownerHistory } from '../../../../lib/assignment';
import { DEFAULT_TIME_ZONE } from '../../../../lib/calendar';
import { ScoringError } from '../../../../lib/scoring';
import { windowEndFor } from '../../../../lib/rules';
import { stringParameter } from '../../../shared/parameters';
import type { StoreConnection } from '../../../shared/transport/storeConnection';

export const description: INodeProperties[] = [
	{
		displayName: 'Lead ID (线索ID)',
		name: 'leadId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'L1024589',
		displayOptions: { show: { resource: ['lead'], operation: ['assign'] } },
	},
	{
		displayName: 'Action',
		name: 'assignAction',
		type: 'options',
		options: [
			{ name: 'Change Owner (变更负责人)', value: 'changeOwner', description: 'Move the lead to another owner and notify the previous one' },
			{ name: 'Link to Source Lead (关联源头线索)', value: 'link', description: 'Mark the lead a duplicate of a source lead; assignment hands it to that lead\'s owner' },
		],
		default: 'changeOwner',
		displayOptions: { show: { resource: ['lead'], operation: ['assign'] } },
	},
	{
		displayName: 'New Owner (Username)',
		name: 'toOwner',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { resource: ['lead'], operation: ['assign'], assignAction: ['changeOwner'] } },
	},
	{
		displayName: 'Source Lead ID',
		name: 'sourceLeadId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { resource: ['lead'], operation: ['assign'], assignAction: ['link'] } },
	},
	{
		displayName: 'Reason (原因)',
		name: 'reason',
		type: 'string',
		default: '',
		displayOptions: { show: { resource: ['lead'], operation: ['assign'], assignAction: ['changeOwner'] } },
	},
	{
		displayName: 'Actor',
		name: 'actor',
		type: 'string',
		default: 'n8n',
		description: 'Who is recorded as making the change',
		displayOptions: { show: { resource: ['lead'], operation: ['assign'] } },
	},
];

/** Changes a lead's owner (kept with who / why, the previous owner alerted) or links it to its source lead. */
export async function execute(this: IExecuteFunctions, itemIndex: number, { store }: StoreConnection): Promise<IDataObject> {
	const leadId = stringParameter(this, 'leadId', itemIndex);
	if (!leadId) throw new ScoringError('leadId', 'Lead ID is empty: give the lead to assign');
	const actor = stringParameter(this, 'actor', itemIndex) || 'n8n';
	if (this.getNodeParameter('assignAction', itemIndex) === 'link') {
		const sourceLeadId = stringParameter(this, 'sourceLeadId', itemIndex);
		await linkToSourceLead(store, { leadId, sourceLeadId, actor });
		return { leadId, linkedTo: sourceLeadId };
	}
	const change = await changeOwner(store, {
		leadId,
		toOwner: stringParameter(this, 'toOwner', itemIndex),
		actor,
		reason: stringParameter(this, 'reason', itemIndex),
		day: windowEndFor(new Date(), DEFAULT_TIME_ZONE),
	});
	return { leadId, ...change, ownerHistory: await ownerHistory(store, leadId) } as unknown as IDataObject;
}
