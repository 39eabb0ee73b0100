import type { INodeProperties } from 'n8n-workflow';

import * as setOwner from './setOwner.operation';

export const operations = { setOwner };

export const operation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['owner'] } },
	options: [
		{
			name: 'Set Owner',
			value: 'setOwner',
			description: "Who takes leads: a staff account's branch, alert e-mail and daily capacity",
			action: "Set an owner's branch and capacity",
		},
	],
	default: 'setOwner',
};

export const description: INodeProperties[] = [...setOwner.description];
