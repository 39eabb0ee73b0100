import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listHits, type HitFilters } from '../../../../lib/hits';
import { limitFrom, returnAllAndLimit } from '../../../shared/descriptions/returnAllAndLimit';
import type { StoreConnection } from '../../../shared/transport/storeConnection';
import { hitStatusOptions } from './hitStatusOptions';

const show = { resource: ['hit'], operation: ['list'] };

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
			{ displayName: 'From Date (命中日期起)', name: 'dateFrom', type: 'string', default: '', placeholder: '2026-11-01' },
			{ displayName: 'Grade (分级)', name: 'grade', type: 'string', default: '', placeholder: 'A' },
			{ displayName: 'Rule ID (命中规则)', name: 'ruleId', type: 'string', default: '' },
			{ displayName: 'Search', name: 'search', type: 'string', default: '', description: 'Part of the lead ID or the rule label' },
			{ displayName: 'Source (线索来源系统)', name: 'source', type: 'string', default: '' },
			{ displayName: 'Status (状态)', name: 'status', type: 'options', options: hitStatusOptions, default: 'pending' },
			{ displayName: 'To Date (命中日期止)', name: 'dateTo', type: 'string', default: '', placeholder: '2026-11-30' },
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number, { store }: StoreConnection): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as HitFilters;
	const limit = limitFrom(this, itemIndex);
	return (await listHits(store, filters, { limit })) as unknown as IDataObject[];
}
