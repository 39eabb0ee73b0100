import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { scoreAndAssign } from '../../../../lib/assignment';
import { DEFAULT_TIME_ZONE, isIsoDate } from '../../../../lib/calendar';
import { ScoringError } from '../../../../lib/scoring';
import { windowEndFor } from '../../../../lib/rules';
import type { StoreConnection } from '../../../shared/transport/storeConnection';
import { modelToUse } from './modelParameters';

export const description: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['score'], operation: ['score'] } },
		options: [
			{
				displayName: 'Scoring Date',
				name: 'scoredOn',
				type: 'string',
				default: '',
				placeholder: '2026-12-05',
				description: 'The business day scored (YYYY-MM-DD); default: yesterday in the time zone, as the logs arrive T+1',
			},
			{
				displayName: 'Time Zone',
				name: 'timeZone',
				type: 'string',
				default: DEFAULT_TIME_ZONE,
			},
		],
	},
];

/**
 * Scores every lead for the day, reassigns the leads of deactivated owners, assigns the leads
 * that reached the 及格线 and alerts owners of new grade-A leads: one summary item. Runs once
 * per execution, on the first item's settings.
 */
export async function executeBatch(this: IExecuteFunctions, { store }: StoreConnection): Promise<INodeExecutionData[][]> {
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const timeZone = String(options.timeZone || DEFAULT_TIME_ZONE);
	const scoredOn = String(options.scoredOn || windowEndFor(new Date(), timeZone));
	if (!isIsoDate(scoredOn)) throw new ScoringError('scoredOn', `Scoring Date "${scoredOn}" is not a date YYYY-MM-DD`);
	const { model, modelVersion } = await modelToUse(this, 0, store);
	const summary = await scoreAndAssign(store, model, { scoredOn, modelVersion, timeZone });
	return [[{ json: summary as unknown as IDataObject, pairedItem: this.getInputData().map((_, item) => ({ item })) }]];
}
