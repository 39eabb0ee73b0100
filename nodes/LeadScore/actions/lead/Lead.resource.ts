import type { INodeProperties } from 'n8n-workflow';

import * as assign from './assign.operation';

export const operations = { assign };

export const operation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['lead'] } },
	options: [
		{
			name: 'Assign',
			value: 'assign',
			description: "Change a lead's owner or link it to its source lead",
			action: 'Assign a lead',
		},
	],
	default: 'assign',
};

export const description: INodeProperties[] = [...assign.description];
