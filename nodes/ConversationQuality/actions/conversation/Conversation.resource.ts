import type { INodeProperties } from 'n8n-workflow';

import * as ingest from './ingest.operation';
import * as report from './report.operation';
import * as score from './score.operation';

export const operations = { ingest, score, report };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['conversation'] } },
		options: [
			{
				name: 'Ingest',
				value: 'ingest',
				description: 'Load service messages or customer ratings (a file, or the input items): one summary per file',
				action: 'Ingest conversations or ratings',
			},
			{
				name: 'Report',
				value: 'report',
				description: 'Agents or teams ranked with stars and badges, one session’s breakdown, or a lead’s conversations',
				action: 'Report conversation quality',
			},
			{
				name: 'Score',
				value: 'score',
				description: 'Score the sessions that changed since their last score, with the active scoring model',
				action: 'Score conversations',
			},
		],
		default: 'ingest',
	},
	...ingest.description,
	...score.description,
	...report.description,
];
