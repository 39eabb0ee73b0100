import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listLeads, type LeadListOptions } from '../../../../lib/roster';
import { limitFrom, returnAllAndLimit } from '../../../shared/descriptions/returnAllAndLimit';
import type { StoreConnection } from '../../../shared/transport/storeConnection';

const show = { resource: ['lead'], operation: ['list'] };

export const description: INodeProperties[] = [
	...returnAllAndLimit(show),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'Created After', name: 'createdFrom', type: 'dateTime', default: '' },
			{ displayName: 'Created Before', name: 'createdTo', type: 'dateTime', default: '' },
			{ displayName: 'Owner (负责人)', name: 'owner', type: 'string', default: '' },
			{
				displayName: 'Search (搜索)',
				name: 'search',
				type: 'string',
				default: '',
				description: 'Part of the lead ID or the name',
			},
			{ displayName: 'Source Channel (来源渠道)', name: 'sourceChannel', type: 'string', default: '' },
			{ displayName: 'Status (状态)', name: 'status', type: 'string', default: '' },
		],
	},
	{
		displayName: 'Options',
		name: 'listOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Offset',
				name: 'offset',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'Skip this many leads first (for paging: page × limit)',
			},
			{
				displayName: 'Sort',
				name: 'sort',
				type: 'options',
				options: [
					{ name: 'Lead ID', value: 'leadId' },
					{ name: 'Name', value: 'name' },
					{ name: 'Newest First', value: 'newest' },
					{ name: 'Oldest First', value: 'oldest' },
				],
				default: 'newest',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number, { store }: StoreConnection): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('listOptions', itemIndex, {}) as IDataObject;
	const leads = await listLeads(store, {
		status: filters.status as string | undefined,
		sourceChannel: filters.sourceChannel as string | undefined,
		owner: filters.owner as string | undefined,
		search: filters.search as string | undefined,
		createdFrom: (filters.createdFrom as string | undefined) || undefined,
		createdTo: (filters.createdTo as string | undefined) || undefined,
		sort: options.sort as LeadListOptions['sort'],
		offset: options.offset as number | undefined,
		limit: limitFrom(this, itemIndex),
	});
	return leads as unknown as IDataObject[];
}
