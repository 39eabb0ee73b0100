import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { DEFAULT_TIME_ZONE } from '../../../../lib/calendar';

/** When the evaluation happens and in which time zone its days are counted. */
export function timeOptions(operations: string[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { operation: operations } },
		options: [
			{
				displayName: 'As Of',
				name: 'asOf',
				type: 'dateTime',
				default: '',
				description: 'Evaluate as if it were this moment (default: now). The window ends the day before, as the logs arrive T+1.',
			},
			{
				displayName: 'Time Zone',
				name: 'timeZone',
				type: 'string',
				default: DEFAULT_TIME_ZONE,
				description: 'The bank\'s calendar: which day a call belongs to',
			},
		],
	};
}

export function timeFrom(context: IExecuteFunctions, itemIndex: number): { asOf: Date; timeZone: string } {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const asOf = options.asOf ? new Date(String(options.asOf)) : new Date();
	if (Number.isNaN(asOf.getTime())) throw new Error(`As Of "${String(options.asOf)}" is not a date and time`);
	return { asOf, timeZone: String(options.timeZone || DEFAULT_TIME_ZONE) };
}
