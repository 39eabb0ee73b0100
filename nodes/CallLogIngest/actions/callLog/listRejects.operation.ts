import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listBatchRejects, REJECT_CODES, REJECT_REASONS } from '../../../../lib/ingest';
import { limitFrom, returnAllAndLimit } from '../../../shared/descriptions/returnAllAndLimit';
import type { StoreConnection } from '../../../shared/transport/storeConnection';

const show = { resource: ['callLog'], operation: ['listRejects'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Batch ID',
		name: 'batchId',
		type: 'string',
		default: '',
		placeholder: '={{ $json.batchId }}',
		description: 'The batch whose rejected rows to list (the batchId of an ingest summary); empty lists the latest batch',
		displayOptions: { show },
	},
	{
		displayName: 'Reason (原因)',
		name: 'code',
		type: 'options',
		options: [
			{ name: 'Any Reason', value: '' },
			...REJECT_CODES.map((code) => ({ name: `${code}: ${REJECT_REASONS[code]}`, value: code })).sort((a, b) =>
				a.name.localeCompare(b.name),
			),
		],
		default: '',
		displayOptions: { show },
	},
	...returnAllAndLimit(show),
];

/** One item per rejected row: line, field, reason (code and text) and a masked excerpt. */
export async function execute(this: IExecuteFunctions, itemIndex: number, { store }: StoreConnection): Promise<IDataObject[]> {
	const listing = await listBatchRejects(store, {
		batchId: this.getNodeParameter('batchId', itemIndex, '') as string,
		code: (this.getNodeParameter('code', itemIndex, '') as string) || undefined,
		limit: limitFrom(this, itemIndex),
	});
	return listing.rejects as unknown as IDataObject[];
}
