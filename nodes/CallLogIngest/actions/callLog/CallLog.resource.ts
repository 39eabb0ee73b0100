import type { INodeProperties } from 'n8n-workflow';

import * as applyRetention from './applyRetention.operation';
import * as ingest from './ingest.operation';
import * as listRejects from './listRejects.operation';

export const operations = { ingest, listRejects, applyRetention };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['callLog'] } },
		options: [
			{
				name: 'Apply Retention',
				value: 'applyRetention',
				description: 'Delete call events older than N days, whole days at a time (数据最小化)',
				action: 'Apply retention to call logs',
			},
			{
				name: 'Ingest',
				value: 'ingest',
				description: 'Load a call-log file into the store: one summary item per file',
				action: 'Ingest a call log file',
			},
			{
				name: 'List Rejects',
				value: 'listRejects',
				description: 'Show the rows of an ingest that were rejected, with line, field and reason',
				action: 'List rejected call log rows',
			},
		],
		default: 'ingest',
	},
	...ingest.description,
	...listRejects.description,
	...applyRetention.description,
];
