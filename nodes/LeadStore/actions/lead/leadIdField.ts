import type { INodeProperties } from 'n8n-workflow';

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
