import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { UnreadableFileError } from '../../lib/files';
import { screenLeads, type ImportRow } from '../../lib/roster/import';
import { leadSourceFields } from '../shared/descriptions/leadSourceFields';
import { screeningFrom, screeningOptions } from '../shared/descriptions/screeningOptions';
import { leadRowsFromFile, leadRowsFromItems } from '../shared/leadRows';
import { leadMonitorStoreConnectionTest } from '../shared/methods/credentialTest';
import { connectToStore } from '../shared/transport/storeConnection';
import { cleanItem, rejectedItems } from './actions/lead/screenedItems';

export class LeadCleanse implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Lead Cleanse',
		name: 'leadCleanse',
		icon: { light: 'file:leadCleanse.svg', dark: 'file:leadCleanse.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{"清洗: " + $parameter["source"]}}',
		description:
			'Cleanse leads (线索清洗): fake phones, bad IDs and e-mails, sensitive words, blacklist, duplicates in the batch and in the store',
		defaults: { name: 'Lead Cleanse' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Clean', 'Rejected'],
		credentials: [{ name: 'leadMonitorStoreApi', required: true, testedBy: 'leadMonitorStoreConnectionTest' }],
		properties: [
			{
				displayName:
					'Clean leads leave by the first output with phone and ID number masked and sealed for Lead Store → Import; rejected ones by the second, each with every reason.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			...leadSourceFields({}),
			screeningOptions({}),
		],
	};

	methods = {
		credentialTest: { leadMonitorStoreConnectionTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const { store, keys } = await connectToStore.call(this);
		const source = this.getNodeParameter('source', 0) as 'binary' | 'items';
		const clean: INodeExecutionData[] = [];
		const rejected: INodeExecutionData[] = [];
		// Items: one batch, each row paired with its item. Files: one batch per file item.
		const batches: Array<{ rows: AsyncIterable<ImportRow> | ImportRow[]; itemOf: (row: number) => number; itemIndex: number; file?: string }> = [];
		if (source === 'items') {
			batches.push({ rows: leadRowsFromItems(this, keys), itemOf: (row) => row - 1, itemIndex: 0 });
		} else {
			for (let itemIndex = 0; itemIndex < this.getInputData().length; itemIndex++) {
				const { rows, fileName } = await leadRowsFromFile(this, itemIndex);
				batches.push({ rows, itemOf: () => itemIndex, itemIndex, file: fileName });
			}
		}
		for (const batch of batches) {
			const options = screeningFrom(this.getNodeParameter('screening', batch.itemIndex, {}) as IDataObject);
			try {
				const screened = await screenLeads(store, keys, batch.rows, options);
				const updates = new Set(screened.updates);
				for (const lead of [...screened.creates, ...screened.updates].sort((a, b) => a.row - b.row)) {
					clean.push({ json: cleanItem(keys, lead, updates.has(lead)), pairedItem: { item: batch.itemOf(lead.row) } });
				}
				for (const json of rejectedItems(screened)) rejected.push({ json, pairedItem: { item: batch.itemOf(json.row as number) } });
			} catch (error) {
				const message =
					error instanceof UnreadableFileError ? `File "${batch.file}" cannot be read: ${error.message}` : (error as Error).message;
				if (!this.continueOnFail()) throw new NodeOperationError(this.getNode(), message, { itemIndex: batch.itemIndex });
				rejected.push({ json: { file: batch.file, error: message }, pairedItem: { item: batch.itemIndex } });
			}
		}
		return [clean, rejected];
	}
}
