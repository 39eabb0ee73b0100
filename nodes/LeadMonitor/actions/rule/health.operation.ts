import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { dailyRunHealth } from '../../../../lib/monitor';
import type { StoreConnection } from '../../../shared/transport/storeConnection';
import { timeFrom } from './timeOptions';

export const description: INodeProperties[] = [
	{
		displayName: 'Due By (Hour)',
		name: 'dueHour',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 23 },
		default: 4,
		description: 'Local hour by which yesterday\'s daily run should have finished (the shipped schedule runs at 02:00)',
		displayOptions: { show: { operation: ['health'] } },
	},
];

/**
 * Whether the daily run covered every business date it should have by now: `status` ok,
 * missed (the dates no run covered, e.g. a schedule that never fired) or never (a fresh
 * install), with the call logs the last run found missing or short.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number, { store }: StoreConnection): Promise<IDataObject> {
	const { asOf, timeZone } = timeFrom(this, itemIndex);
	const dueHour = this.getNodeParameter('dueHour', itemIndex, 4) as number;
	return (await dailyRunHealth(store, { now: asOf, timeZone, dueHour })) as unknown as IDataObject;
}
