import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { roiReport, ROI_DIMENSION_LABELS, ROI_DIMENSIONS, type RoiDimension } from '../../../../lib/roi';
import type { StoreConnection } from '../../../shared/transport/storeConnection';

const show = { resource: ['conversion'], operation: ['report'] };

const DIMENSION_NAMES: Record<RoiDimension, string> = {
	rule: 'Rule',
	grade: 'Grade',
	sourceChannel: 'Source Channel',
	institution: 'Institution',
	pushChannel: 'Push Channel',
};

export const description: INodeProperties[] = [
	{
		displayName: 'Group By',
		name: 'dimension',
		type: 'options',
		noDataExpression: true,
		options: ROI_DIMENSIONS.map((value) => ({ name: `${DIMENSION_NAMES[value]} (${ROI_DIMENSION_LABELS[value].zh})`, value })),
		default: 'rule',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'Hits From (YYYY-MM-DD)', name: 'dateFrom', type: 'string', default: '' },
			{ displayName: 'Hits To (YYYY-MM-DD)', name: 'dateTo', type: 'string', default: '' },
			{ displayName: 'Cost per SMS (短信单价, 元)', name: 'smsCost', type: 'number', typeOptions: { minValue: 0, numberPrecision: 4 }, default: 0 },
			{ displayName: 'Cost per Call (外呼单价, 元)', name: 'callCost', type: 'number', typeOptions: { minValue: 0, numberPrecision: 4 }, default: 0 },
		],
	},
];

/** One item per group (rule, grade, source channel or push channel), largest first. */
export async function execute(this: IExecuteFunctions, itemIndex: number, { store }: StoreConnection): Promise<IDataObject[]> {
	const dimension = this.getNodeParameter('dimension', itemIndex) as RoiDimension;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const report = await roiReport(store, {
		dimension,
		dateFrom: (options.dateFrom as string) || undefined,
		dateTo: (options.dateTo as string) || undefined,
		costs: { smsCents: Number(options.smsCost ?? 0) * 100, callCents: Number(options.callCost ?? 0) * 100 },
	});
	return report.rows.map((row) => ({ dimension, ...row }) as unknown as IDataObject);
}
