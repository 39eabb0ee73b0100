import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteLead from './delete.operation';
import * as get from './get.operation';
import * as importLeads from './import.operation';
import * as list from './list.operation';
import * as update from './update.operation';

export const operations = { create, get, list, update, delete: deleteLead, import: importLeads };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['lead'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Add a lead to the roster', action: 'Create a lead' },
			{ name: 'Delete', value: 'delete', description: 'Remove a lead from the roster', action: 'Delete a lead' },
			{ name: 'Get', value: 'get', description: 'Get one lead by its lead ID', action: 'Get a lead' },
			{
				name: 'Import',
				value: 'import',
				description: 'Import many leads from a CSV, XLSX or JSON file, or from the input items, with cleansing and duplicate checks',
				action: 'Import leads',
			},
			{ name: 'Get Many', value: 'list', description: 'List leads with filters', action: 'Get many leads' },
			{ name: 'Update', value: 'update', description: 'Change fields of a lead', action: 'Update a lead' },
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...deleteLead.description,
	...list.description,
	...update.description,
	...importLeads.description,
];
