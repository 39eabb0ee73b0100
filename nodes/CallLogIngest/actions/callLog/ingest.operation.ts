import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { CallLogFileError, ingestCallLog, IngestOptionsError, type IngestTarget } from '../../../../lib/ingest';
import type { StoreConnection } from '../../../shared/transport/storeConnection';
import { callLogSources } from './callLogSources';
import { ingestDescription, ingestOptionsFrom } from './ingestParameters';

export const description: INodeProperties[] = ingestDescription;

/**
 * One summary item per file: each file is its own batch (own checksum, so a file ingested
 * before is reported as such and adds nothing), whether it came as binary data or as one
 * of the files a path pattern matched. Events never become items.
 */
export async function execute(this: IExecuteFunctions, { store, keys, config }: StoreConnection): Promise<INodeExecutionData[]> {
	const target: IngestTarget = { store, keys, postgres: config.mode === 'postgres' ? config : undefined };
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < this.getInputData().length; itemIndex++) {
		const options = ingestOptionsFrom(this.getNodeParameter('options', itemIndex, {}) as IDataObject);
		try {
			for (const source of await callLogSources(this, itemIndex)) {
				const summary = await ingestCallLog(target, source, options);
				output.push({ json: summary as unknown as IDataObject, pairedItem: { item: itemIndex } });
			}
		} catch (error) {
			const failure = asNodeError(this, error as Error, itemIndex);
			if (!this.continueOnFail()) throw failure;
			output.push({
				json: { error: failure.message, file: error instanceof CallLogFileError ? error.file : undefined },
				pairedItem: { item: itemIndex },
			});
		}
	}
	return output;
}

function asNodeError(context: IExecuteFunctions, error: Error, itemIndex: number): NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	if (error instanceof CallLogFileError) {
		return new NodeOperationError(context.getNode(), error.message, {
			itemIndex,
			description: `File: ${error.file}. Problem: ${error.problem}.`,
		});
	}
	if (error instanceof IngestOptionsError) {
		return new NodeOperationError(context.getNode(), `Option "${error.option}": ${error.message}`, { itemIndex });
	}
	return new NodeOperationError(context.getNode(), `Ingest failed, nothing was stored: ${error.message}`, { itemIndex });
}
