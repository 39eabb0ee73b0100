import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { LeadError } from '../../../../lib/roster';
import { stringParameter } from '../../../shared/parameters';

/** The "Lead ID" parameter, shown for the given operations. */
export function leadIdField(operations: string[], required: boolean): INodeProperties {
	return {
		displayName: 'Lead ID (线索ID)',
		name: 'leadId',
		type: 'string',
		required,
		default: '',
		placeholder: 'L1024589',
		description: required ? 'The lead to act on' : 'Leave empty to generate one like L1000001',
		displayOptions: { show: { resource: ['lead'], operation: operations } },
	};
}

/** The lead ID of an operation that needs one; empty is an error that says so. */
export function requiredLeadId(context: IExecuteFunctions, itemIndex: number): string {
	const leadId = stringParameter(context, 'leadId', itemIndex);
	if (!leadId) throw new LeadError('Lead ID is empty: give the lead to act on, e.g. L1024589', 'leadId');
	return leadId;
}
