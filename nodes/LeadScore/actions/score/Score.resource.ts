import type { INodeProperties } from 'n8n-workflow';

import * as explain from './explain.operation';
import { modelParameters } from './modelParameters';
import * as score from './score.operation';

export const operations = { score, explain };

export const operation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['score'] } },
	options: [
		{
			name: 'Score and Assign',
			value: 'score',
			description: 'Score every lead for the day, assign the mature ones to owners, alert new grade-A leads',
			action: 'Score and assign leads',
		},
		{
			name: 'Explain a Lead',
			value: 'explain',
			description: "A lead's score, grade, point ledger, suggestion and owner history",
			action: "Explain a lead's score",
		},
	],
	default: 'score',
};

export const description: INodeProperties[] = [...modelParameters, ...score.description, ...explain.description];
