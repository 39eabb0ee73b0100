import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { UnreadableFileError } from '../../../../lib/files';
import { conversionRowsOfObjects, conversionRowsOfSource, importConversions, type ConversionImportReport } from '../../../../lib/roi';
import type { ErrorWording } from '../../../shared/errors';
import { fileInputParameters } from '../../../shared/descriptions/fileInputParameters';
import { eachItem } from '../../../shared/router';
import { dropItemBinary, itemFileSources } from '../../../shared/transport/itemFileSources';
import type { StoreConnection } from '../../../shared/transport/storeConnection';
import { windowDaysOption } from './windowDaysOption';

const show = { resource: ['conversion'], operation: ['import'] };

export const description: INodeProperties[] = [
	...fileInputParameters(show, {
		binaryFile: 'A CSV (UTF-8 or GBK), XLSX or JSON file',
		itemsHold: 'The conversions',
		pathPlaceholder: '/data/conversions/*.xlsx',
		pathDescription: 'Each matching file is imported on its own, with its own report',
		inputDescription: 'Columns by their usual names, no mapping: 身份证号 and / or 手机号, 产品, 金额 (元), 转化日期, optional 流水号',
	}),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [windowDaysOption],
	},
];

/**
 * A file (binary or path): one report per file, paired with its item. Input items: all the
 * items' conversions as one import, one report paired with every item.
 */
export async function executeBatch(this: IExecuteFunctions, { store, keys }: StoreConnection): Promise<INodeExecutionData[][]> {
	const windowDaysAt = (itemIndex: number) => (this.getNodeParameter('options', itemIndex, {}) as IDataObject).windowDays as number | undefined;
	if (this.getNodeParameter('inputSource', 0) === 'items') {
		const objects = this.getInputData().flatMap((item, itemIndex) => conversionsOf(this, item.json, itemIndex));
		const report = await importConversions(store, keys, conversionRowsOfObjects(objects), { sourceName: 'input items', windowDays: windowDaysAt(0) });
		return [[{ json: reportJson('input items', report), pairedItem: this.getInputData().map((_, item) => ({ item })) }]];
	}
	return eachItem(this, (itemIndex) => importFiles(this, { store, keys }, itemIndex, windowDaysAt(itemIndex)), { errorWording });
}

/** One report per file of the item, each as it is imported: when a later file fails, those before it are reported. */
async function* importFiles(
	context: IExecuteFunctions,
	{ store, keys }: Pick<StoreConnection, 'store' | 'keys'>,
	itemIndex: number,
	windowDays: number | undefined,
): AsyncIterable<IDataObject> {
	for (const source of await sourcesOf(context, itemIndex)) {
		// Read (stored or refused): the delivered file leaves n8n's binary data either way.
		const report = await importConversions(store, keys, conversionRowsOfSource(source), { sourceName: source.name, windowDays }).finally(() =>
			dropItemBinary(context, itemIndex),
		);
		yield reportJson(source.name, report);
	}
}

async function sourcesOf(context: IExecuteFunctions, itemIndex: number) {
	const sources = await itemFileSources(context, itemIndex);
	if (context.getNodeParameter('inputSource', itemIndex) !== 'binary') return sources;
	const propertyName = context.getNodeParameter('binaryPropertyName', itemIndex) as string;
	const mimeType = context.getInputData()[itemIndex]?.binary?.[propertyName]?.mimeType;
	return sources.map((source) => ({ ...source, mimeType }));
}

function reportJson(file: string, report: ConversionImportReport): IDataObject {
	return { file, ...report } as unknown as IDataObject;
}

/** The conversions an item carries: a webhook's `body`, or the item itself; a list, or `{ conversions: [...] }`, gives several. */
function conversionsOf(context: IExecuteFunctions, json: IDataObject, itemIndex: number): unknown[] {
	const payload = (json.body ?? json) as unknown;
	const list = Array.isArray(payload) ? payload : ((payload as IDataObject).conversions ?? [payload]);
	if (!Array.isArray(list)) throw new NodeOperationError(context.getNode(), 'conversions must be a list of objects', { itemIndex });
	return list;
}

export const errorWording: ErrorWording = {
	field: (option) => `Option "${option}": `,
	unexpected: 'Import failed, nothing was stored: ',
	describe: (error) => (error instanceof UnreadableFileError ? 'Use a .csv, .xlsx or .json file.' : undefined),
};
