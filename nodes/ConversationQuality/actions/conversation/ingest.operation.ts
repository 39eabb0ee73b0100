import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { bufferSource, CallLogFileError } from '../../../../lib/ingest';
import { ingestQualityFile, type QualityFileFormat, type QualityFileKind, type QualityIngestOptions } from '../../../../lib/quality';
import { dropItemBinary, itemFileSources } from '../../../shared/transport/itemFileSources';
import type { ErrorWording } from '../../../shared/errors';
import { fileInputParameters } from '../../../shared/descriptions/fileInputParameters';
import { eachItem } from '../../../shared/router';
import type { StoreConnection } from '../../../shared/transport/storeConnection';

const show = { resource: ['conversation'], operation: ['ingest'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Data',
		name: 'fileKind',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Messages (会话消息)', value: 'messages', description: 'sessionId, agentId, role, sentAt, text; optional team, leadId, phone' },
			{ name: 'Ratings (客服评价)', value: 'ratings', description: 'sessionId, rating (1–5), ratedAt; optional comment' },
		],
		default: 'messages',
		displayOptions: { show },
	},
	...fileInputParameters(show, {
		binaryFile: 'A CSV or JSON Lines file',
		itemsHold: 'The messages or ratings',
		pathPlaceholder: '/data/conversations/*.csv',
		pathDescription: 'Each matching file is its own batch with its own summary item',
	}),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Format (格式)',
				name: 'format',
				type: 'options',
				options: [
					{ name: 'Auto-Detect', value: 'auto' },
					{ name: 'CSV', value: 'csv' },
					{ name: 'JSON Lines', value: 'jsonl' },
				],
				default: 'auto',
			},
			{
				displayName: 'Encoding (编码)',
				name: 'encoding',
				type: 'options',
				options: [
					{ name: 'Auto-Detect (UTF-8 or GBK)', value: 'auto' },
					{ name: 'UTF-8', value: 'utf8' },
					{ name: 'GBK', value: 'gbk' },
				],
				default: 'auto',
			},
			{
				displayName: 'Time Zone (时区)',
				name: 'timeZone',
				type: 'string',
				default: 'Asia/Shanghai',
				description: 'The zone of times written without an offset',
			},
		],
	},
];

/**
 * A file (binary or path): one summary per file, paired with its item. Input items: all
 * items' messages as one batch, one summary paired with every item; the messages are never
 * passed on as items.
 */
export async function executeBatch(this: IExecuteFunctions, { store, keys }: StoreConnection): Promise<INodeExecutionData[][]> {
	const optionsAt = (itemIndex: number): QualityIngestOptions => {
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		return {
			kind: this.getNodeParameter('fileKind', itemIndex) as QualityFileKind,
			format: (options.format as QualityFileFormat | undefined) ?? 'auto',
			encoding: (options.encoding as 'auto' | 'utf8' | 'gbk' | undefined) ?? 'auto',
			timeZone: (options.timeZone as string | undefined) || undefined,
		};
	};
	if (this.getNodeParameter('inputSource', 0) === 'items') {
		const lines = this.getInputData().flatMap((item, itemIndex) => recordsOf(this, item.json, itemIndex).map((record) => JSON.stringify(record)));
		const options = optionsAt(0);
		const summary = await ingestQualityFile(store, keys, bufferSource(`input items (${options.kind})`, Buffer.from(lines.join('\n'), 'utf8')), { ...options, format: 'jsonl', encoding: 'utf8' });
		return [[{ json: summary as unknown as IDataObject, pairedItem: this.getInputData().map((_, item) => ({ item })) }]];
	}
	return eachItem(this, (itemIndex) => ingestFiles(this, { store, keys }, itemIndex, optionsAt(itemIndex)), { errorWording });
}

/** One summary per file of the item, each as it is stored: when a later file fails, those before it are reported. */
async function* ingestFiles(context: IExecuteFunctions, { store, keys }: Pick<StoreConnection, 'store' | 'keys'>, itemIndex: number, options: QualityIngestOptions): AsyncIterable<IDataObject> {
	for (const source of await itemFileSources(context, itemIndex)) {
		// Read (stored or refused): the delivered file leaves n8n's binary data either way.
		const summary = await ingestQualityFile(store, keys, source, options).finally(() => dropItemBinary(context, itemIndex));
		yield summary as unknown as IDataObject;
	}
}

/** The records an item carries: a webhook's `body`, or the item itself; a list, or `{ messages: [...] }` / `{ ratings: [...] }`, gives several. */
function recordsOf(context: IExecuteFunctions, json: IDataObject, itemIndex: number): IDataObject[] {
	const payload = (json.body ?? json) as unknown;
	const list = Array.isArray(payload) ? payload : ((payload as IDataObject).messages ?? (payload as IDataObject).ratings ?? [payload]);
	if (!Array.isArray(list) || list.some((entry) => entry === null || typeof entry !== 'object' || Array.isArray(entry))) {
		throw new NodeOperationError(context.getNode(), 'Each message or rating must be a JSON object', { itemIndex });
	}
	return list as IDataObject[];
}

export const errorWording: ErrorWording = {
	field: (option) => `Option "${option}": `,
	unexpected: 'Ingest failed, nothing was stored: ',
	describe: (error) => (error instanceof CallLogFileError ? `File: ${error.file}. Problem: ${error.problem}.` : undefined),
};
