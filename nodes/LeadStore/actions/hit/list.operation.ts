import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listHits, type HitFilters } from '../../../../lib/hits';
import { GRADES } from '../../../../lib/rules';
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
			{
				displayName: 'Except Rule IDs (排除规则)',
				name: 'exceptRules',
				type: 'string',
				default: '',
				placeholder: 'dormant-and-back, new-institution',
				description: 'Not the hits of these rules (comma-separated, or a list from an expression, e.g. {{ $json.exceptRules }} from Push Gate → Due Tiers)',
			},
			{ displayName: 'From Date (命中日期起)', name: 'dateFrom', type: 'string', default: '', placeholder: '2026-11-01' },
			{ displayName: 'Grade (分级)', name: 'grade', type: 'string', default: '', placeholder: 'A' },
			{
				displayName: 'Grades (分级，多选)',
				name: 'grades',
				type: 'multiOptions',
				options: GRADES.map((grade) => ({ name: grade, value: grade })),
				default: [],
				description: 'Hits of any of these grades; none selected means all (a push tier: {{ $json.grades }} from Push Gate → Due Tiers)',
			},
			{ displayName: 'Rule ID (命中规则)', name: 'ruleId', type: 'string', default: '' },
			{
				displayName: 'Rule IDs (命中规则，多个)',
				name: 'rules',
				type: 'string',
				default: '',
				placeholder: 'key-behaviour, active-institutions',
				description: 'Hits of any of these rules (comma-separated, or a list from an expression, e.g. {{ $json.rules }} from Push Gate → Due Tiers)',
			},
			{ displayName: 'Search', name: 'search', type: 'string', default: '', description: 'Part of the lead ID or the rule label' },
			{ displayName: 'Source (线索来源系统)', name: 'source', type: 'string', default: '' },
			{ displayName: 'Status (状态)', name: 'status', type: 'options', options: hitStatusOptions, default: 'pending' },
			{ displayName: 'To Date (命中日期止)', name: 'dateTo', type: 'string', default: '', placeholder: '2026-11-30' },
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number, { store }: StoreConnection): Promise<IDataObject[]> {
	const given = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const filters: HitFilters = {
		...(given as HitFilters),
		grades: listOf(given.grades),
		rules: listOf(given.rules),
		exceptRules: listOf(given.exceptRules),
	};
	const limit = limitFrom(this, itemIndex);
	return (await listHits(store, filters, { limit })) as unknown as IDataObject[];
}

/** A list typed as "a, b" or given by an expression as an array; empty entries dropped. */
function listOf(value: unknown): string[] {
	const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
	return items.map((item) => String(item ?? '').trim()).filter(Boolean);
}
