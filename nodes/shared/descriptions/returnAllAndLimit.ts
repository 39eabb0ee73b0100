import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** Upper bound for "Return All", so one run never pulls an unbounded table into n8n items. */
const RETURN_ALL_CAP = 100_000;

/** n8n's usual "Return All" switch and "Limit" field. */
export function returnAllAndLimit(show: IDisplayOptions['show']): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}

export function limitFrom(context: IExecuteFunctions, itemIndex: number): number {
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as boolean;
	return returnAll ? RETURN_ALL_CAP : (context.getNodeParameter('limit', itemIndex, 50) as number);
}
