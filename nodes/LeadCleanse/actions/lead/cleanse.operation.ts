import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { screenLeads } from '../../../../lib/roster/import';
import { screeningFrom } from '../../../shared/descriptions/screeningOptions';
import { readingFile, type ErrorWording } from '../../../shared/errors';
import { leadRowsFromFile, leadRowsFromItems } from '../../../shared/leadRows';
import { eachItem, toOutputs } from '../../../shared/router';
import type { StoreConnection } from '../../../shared/transport/storeConnection';
import { screenedOutputs } from './screenedItems';

/** A file or batch that cannot be screened leaves by the Rejected output with "Continue On Fail". */
export const errorWording: ErrorWording = { output: 1 };

/**
 * Input items: one batch, each lead paired with its item. Files: one batch per file item
 * (duplicates are found within the file and against the store).
 */
export async function executeBatch(this: IExecuteFunctions, { store, keys }: StoreConnection): Promise<INodeExecutionData[][]> {
	if (this.getNodeParameter('source', 0) === 'items') {
		const options = screeningFrom(this.getNodeParameter('screening', 0, {}) as IDataObject);
		const outputs = screenedOutputs(keys, await screenLeads(store, keys, leadRowsFromItems(this, keys), options));
		return outputs.map((items) => items.map((json) => ({ json, pairedItem: { item: (json.row as number) - 1 } })));
	}
	return eachItem(
		this,
		async (itemIndex) => {
			const options = screeningFrom(this.getNodeParameter('screening', itemIndex, {}) as IDataObject);
			const { rows, fileName } = await leadRowsFromFile(this, itemIndex);
			return toOutputs(...screenedOutputs(keys, await readingFile(fileName, () => screenLeads(store, keys, rows, options))));
		},
		{ outputs: 2, errorWording },
	);
}
