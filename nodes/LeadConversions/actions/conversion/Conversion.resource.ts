import type { INodeProperties } from 'n8n-workflow';

import * as attribute from './attribute.operation';
import * as importOperation from './import.operation';
import * as report from './report.operation';

export const operations = { import: importOperation, attribute, report };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['conversion'] } },
		options: [
			{
				name: 'Attribute',
				value: 'attribute',
				description: 'Attribute every stored conversion again (after a late daily run, or with another window)',
				action: 'Attribute conversions to hits',
			},
			{
				name: 'Import',
				value: 'import',
				description: 'Load conversions (a file, or the input items) and attribute them to hits and pushes: one report per file',
				action: 'Import conversions',
			},
			{
				name: 'Report',
				value: 'report',
				description: 'Per rule, grade, source or push channel: hits, held out, contacted, converted, uplift with its interval, amount, cost',
				action: 'Report conversions and uplift',
			},
		],
		default: 'import',
	},
	...importOperation.description,
	...attribute.description,
	...report.description,
];
