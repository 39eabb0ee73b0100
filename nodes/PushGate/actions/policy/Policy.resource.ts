import type { INodeProperties } from 'n8n-workflow';

import * as publish from './publish.operation';

export const operations = { publish };

/** The Operation parameter; the node lists each resource's before the policy parameters, then the operations' own. */
export const operation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['policy'] } },
	options: [
		{
			name: 'Publish (发布为新版本)',
			value: 'publish',
			description: 'Save the policy configured here as a new version of the saved configuration, active from the next run',
			action: 'Publish the policy as the saved configuration',
		},
	],
	default: 'publish',
};

export const description: INodeProperties[] = publish.description;
