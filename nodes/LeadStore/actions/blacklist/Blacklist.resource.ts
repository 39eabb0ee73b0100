import type { INodeProperties } from 'n8n-workflow';

import { BLACKLIST_KIND_LABELS, BLACKLIST_KINDS } from '../../../../lib/blacklist';
import * as add from './add.operation';
import * as list from './list.operation';
import * as remove from './remove.operation';

export const operations = { add, remove, list };

const kindOptions = BLACKLIST_KINDS.map((kind) => ({ name: `${BLACKLIST_KIND_LABELS[kind]} (${kind})`, value: kind }));
const showEntry = { resource: ['blacklist'], operation: ['add', 'remove'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['blacklist'] } },
		options: [
			{ name: 'Add', value: 'add', description: 'Put a value on the blacklist', action: 'Add to the blacklist' },
			{ name: 'Get Many', value: 'list', description: 'List blacklist entries (masked)', action: 'Get many blacklist entries' },
			{ name: 'Remove', value: 'remove', description: 'Take a value off the blacklist', action: 'Remove from the blacklist' },
		],
		default: 'add',
	},
	{
		displayName: 'Kind',
		name: 'kind',
		type: 'options',
		options: kindOptions,
		default: 'phone',
		displayOptions: { show: showEntry },
	},
	{
		displayName: 'Value',
		name: 'value',
		type: 'string',
		required: true,
		default: '',
		description: 'Stored only as a keyed hash; lists show it masked',
		displayOptions: { show: showEntry },
	},
	{
		displayName: 'Note (备注)',
		name: 'note',
		type: 'string',
		default: '',
		displayOptions: { show: { resource: ['blacklist'], operation: ['add'] } },
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { resource: ['blacklist'], operation: ['list'] } },
	},
];
