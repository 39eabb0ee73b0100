import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { previewCoverage } from '../../../../lib/monitor';
import type { StoreConnection } from '../../../shared/transport/storeConnection';
import { ruleSetToRun } from './ruleSetParameters';
import { timeFrom } from './timeOptions';

export const description: INodeProperties[] = [
	{
		displayName: 'Days',
		name: 'days',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 90 },
		default: 5,
		description: 'How many past days to show (当前配置覆盖线索预估)',
		displayOptions: { show: { operation: ['preview'] } },
	},
];

/** Leads this configuration would have covered on each of the last N days; writes nothing. */
export async function executeBatch(this: IExecuteFunctions, { store }: StoreConnection): Promise<INodeExecutionData[][]> {
	const { ruleSet, ruleSetVersion } = await ruleSetToRun(this, 0, store);
	const { asOf, timeZone } = timeFrom(this, 0);
	const days = await previewCoverage(store, ruleSet, { asOf, timeZone, days: this.getNodeParameter('days', 0) as number });
	const version = ruleSetVersion === undefined ? {} : { ruleSetVersion };
	return [days.map((day) => ({ json: { ...day, ...version } as unknown as IDataObject, pairedItem: { item: 0 } }))];
}
