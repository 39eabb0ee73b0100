import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { importLeads, withEarlierRejections, type EarlierRejection } from '../../../../lib/roster/import';
import { leadSourceFields } from '../../../shared/descriptions/leadSourceFields';
import { screeningFrom, screeningOptions } from '../../../shared/descriptions/screeningOptions';
import { readingFile } from '../../../shared/errors';
import { leadRowsFromFile, leadRowsFromItems } from '../../../shared/leadRows';
import { eachItem } from '../../../shared/router';
import type { StoreConnection } from '../../../shared/transport/storeConnection';

const show = { resource: ['lead'], operation: ['import'] };

export const description: INodeProperties[] = [
	...leadSourceFields(show),
	{
		displayName: 'Rows Rejected Earlier',
		name: 'earlierRejections',
		type: 'json',
		default: '[]',
		placeholder: '={{ $("Lead Cleanse").all(1).map(item => item.json) }}',
		description:
			'The items of a Lead Cleanse node\'s Rejected output, so the report covers every row of the file: read = created + updated + rejected + duplicate',
		displayOptions: { show: { ...show, source: ['items'] } },
	},
	screeningOptions(show),
];

/**
 * One report item per file (or one for all input items): rows read, created, updated,
 * rejected (row, field, reason) and duplicates (row → existing lead).
 */
export async function executeBatch(this: IExecuteFunctions, { store, keys }: StoreConnection): Promise<INodeExecutionData[][]> {
	const source = this.getNodeParameter('source', 0) as 'binary' | 'items';
	if (source === 'items') {
		const options = screeningFrom(this.getNodeParameter('screening', 0, {}) as IDataObject);
		const report = withEarlierRejections(
			await importLeads(store, keys, leadRowsFromItems(this, keys), options),
			earlierRejections(this),
		);
		return [[{ json: report as unknown as IDataObject, pairedItem: this.getInputData().map((_, item) => ({ item })) }]];
	}
	return eachItem(this, async (itemIndex) => {
		const options = screeningFrom(this.getNodeParameter('screening', itemIndex, {}) as IDataObject);
		const { rows, fileName } = await leadRowsFromFile(this, itemIndex);
		const report = await readingFile(fileName, () => importLeads(store, keys, rows, options));
		return { file: fileName, ...report } as unknown as IDataObject;
	});
}

function earlierRejections(context: IExecuteFunctions): EarlierRejection[] {
	const value = context.getNodeParameter('earlierRejections', 0, []) as unknown;
	const parsed = typeof value === 'string' ? (JSON.parse(value || '[]') as unknown) : value;
	if (!Array.isArray(parsed)) {
		throw new NodeOperationError(context.getNode(), 'Rows Rejected Earlier must be a list of Lead Cleanse rejected items', {
			itemIndex: 0,
		});
	}
	return parsed.map((entry) => ((entry as { json?: unknown }).json ?? entry) as EarlierRejection);
}
