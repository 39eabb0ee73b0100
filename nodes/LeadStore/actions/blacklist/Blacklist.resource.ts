import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import {
	addToBlacklist,
	BLACKLIST_KIND_LABELS,
	BLACKLIST_KINDS,
	listBlacklist,
	removeFromBlacklist,
} from '../../../../lib/blacklist';
import { runPerItem } from '../../../shared/runPerItem';
import type { StoreConnection } from '../../../shared/transport/storeConnection';

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

async function add(this: IExecuteFunctions, { store, keys }: StoreConnection): Promise<INodeExecutionData[]> {
	return runPerItem(this, async (i) => {
		const note = String(this.getNodeParameter('note', i, '')).trim();
		const kind = String(this.getNodeParameter('kind', i));
		const value = String(this.getNodeParameter('value', i));
		return (await addToBlacklist(store, keys, kind, value, note || undefined)) as unknown as IDataObject;
	});
}

async function remove(this: IExecuteFunctions, { store, keys }: StoreConnection): Promise<INodeExecutionData[]> {
	return runPerItem(this, async (i) =>
		removeFromBlacklist(store, keys, String(this.getNodeParameter('kind', i)), String(this.getNodeParameter('value', i))),
	);
}

async function list(this: IExecuteFunctions, { store }: StoreConnection): Promise<INodeExecutionData[]> {
	return runPerItem(
		this,
		async (i) => (await listBlacklist(store, this.getNodeParameter('limit', i, 50) as number)) as unknown as IDataObject[],
	);
}

export const operations = { add: { execute: add }, remove: { execute: remove }, list: { execute: list } };
