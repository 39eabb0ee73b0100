import type { INodeProperties } from 'n8n-workflow';

import * as list from './list.operation';
import * as updateStatus from './updateStatus.operation';

export const operations = { list, updateStatus };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['hit'] } },
		options: [
			{ name: 'Get Many', value: 'list', description: 'List high-potential hits with filters', action: 'Get many hits' },
			{
				name: 'Update Status',
				value: 'updateStatus',
				description: 'Move a hit to in progress, converted or contact failed',
				action: 'Update the status of a hit',
			},
		],
		default: 'list',
	},
	...list.description,
	...updateStatus.description,
];
