import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { applyRetention, DEFAULT_TIME_ZONE } from '../../../../lib/ingest';
import type { StoreConnection } from '../../../shared/transport/storeConnection';

const show = { resource: ['callLog'], operation: ['applyRetention'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Keep Days (保留天数)',
		name: 'keepDays',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 180,
		required: true,
		description: 'Call events of the last this many days (today included) are kept; older days are deleted whole',
		displayOptions: { show },
	},
	{
		displayName: 'Preview Only',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		description: 'Whether to only report what would be deleted',
		displayOptions: { show },
	},
	{
		displayName: 'Time Zone (时区)',
		name: 'timeZone',
		type: 'string',
		default: DEFAULT_TIME_ZONE,
		description: 'Time zone that decides what "today" is',
		displayOptions: { show },
	},
];

/** One item: the days dropped (or that would be), with their event counts. */
export async function execute(this: IExecuteFunctions, itemIndex: number, { store }: StoreConnection): Promise<IDataObject> {
	const result = await applyRetention(store, {
		keepDays: this.getNodeParameter('keepDays', itemIndex) as number,
		dryRun: this.getNodeParameter('dryRun', itemIndex, false) as boolean,
		timeZone: this.getNodeParameter('timeZone', itemIndex, DEFAULT_TIME_ZONE) as string,
	});
	return result as unknown as IDataObject;
}
