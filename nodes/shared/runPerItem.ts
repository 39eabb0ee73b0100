import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

/**
 * Runs `work` once per input item. Each result item is paired with its input item.
 * A failure becomes a NodeOperationError naming the item and, where the error knows it,
 * the field; or, with "Continue On Fail", an error item in its place so the run goes on.
 */
export async function runPerItem(
	context: IExecuteFunctions,
	work: (itemIndex: number) => Promise<IDataObject | IDataObject[]>,
): Promise<INodeExecutionData[]> {
	const items = context.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await work(itemIndex);
			for (const json of Array.isArray(result) ? result : [result]) {
				output.push({ json, pairedItem: { item: itemIndex } });
			}
		} catch (error) {
			output.push(failedItem(context, error as Error, itemIndex));
		}
	}
	return output;
}

/**
 * An item's failure: thrown as a NodeOperationError naming the item and, where the error
 * knows it, the field; with "Continue On Fail", the error item to output in its place.
 */
export function failedItem(context: IExecuteFunctions, error: Error, itemIndex: number): INodeExecutionData {
	const field = (error as { field?: unknown }).field;
	const message = typeof field === 'string' ? `Field "${field}": ${error.message}` : error.message;
	if (!context.continueOnFail()) throw new NodeOperationError(context.getNode(), error, { itemIndex, message });
	return { json: { error: message, ...(typeof field === 'string' ? { field } : {}) }, pairedItem: { item: itemIndex } };
}

/** A string parameter as typed: an expression that found nothing gives '' (not "undefined"). */
export function stringParameter(context: IExecuteFunctions, name: string, itemIndex: number): string {
	const value = context.getNodeParameter(name, itemIndex, '');
	return value === undefined || value === null ? '' : String(value).trim();
}
