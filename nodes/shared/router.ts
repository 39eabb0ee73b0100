import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { errorOutput, failedItem, type ErrorWording } from './errors';
import { connectToStore, type StoreConnection } from './transport/storeConnection';

/** Items for several outputs, e.g. `toOutputs([response], [], hits)`. */
export class ItemsByOutput {
	constructor(readonly outputs: IDataObject[][]) {}
}

export function toOutputs(...outputs: IDataObject[][]): ItemsByOutput {
	return new ItemsByOutput(outputs);
}

/**
 * What one input item's work gives: items for the first output, or `toOutputs(…)`. Work
 * that yields its items one by one (an async generator) keeps those it gave before failing.
 */
export type ItemResult = Promise<IDataObject | IDataObject[] | ItemsByOutput> | AsyncIterable<IDataObject>;

/** An operation that runs once per input item; every item it gives is paired with that input item. */
export interface ItemOperation {
	execute(this: IExecuteFunctions, itemIndex: number, connection: StoreConnection): ItemResult;
	/** How many outputs the node has for this operation (default one). */
	outputs?: number;
	errorWording?: ErrorWording;
	/** False: the router opens no store for it (it needs none, or opens it itself to answer a failure). */
	usesStore?: false;
}

/**
 * An operation that works on all input items at once, because it aggregates them (one
 * summary, one batch). It pairs its items itself and maps each item's failure with
 * `failedItem` (or `eachItem`, `readItems`), as the router does for item operations.
 */
export interface BatchOperation {
	executeBatch(this: IExecuteFunctions, connection: StoreConnection): Promise<INodeExecutionData[][]>;
	errorWording?: ErrorWording;
	usesStore?: false;
}

export type NodeOperation = ItemOperation | BatchOperation;

/** A node's operations: resource → operation → the operation module. */
export type OperationTable = Record<string, Record<string, NodeOperation>>;

/**
 * Every node's `execute`: finds the operation for the node's Resource and Operation
 * parameters (a node with one resource, or one operation, needs no such parameter), opens
 * the store, and runs the operation per item or on all items at once.
 */
export async function router(this: IExecuteFunctions, resources: OperationTable): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0, onlyName(resources)) as string;
	const operations = Object.hasOwn(resources, resource) ? resources[resource] : {};
	const operation = this.getNodeParameter('operation', 0, onlyName(operations)) as string;
	if (!Object.hasOwn(operations, operation)) {
		const of = onlyName(resources) ? '' : ` of "${resource}"`;
		throw new NodeOperationError(this.getNode(), `The operation "${operation}"${of} is not supported`);
	}
	const action = operations[operation];
	const connection = action.usesStore === false ? NO_STORE : await connectToStore.call(this);
	if (!('executeBatch' in action)) {
		return eachItem(this, (itemIndex) => action.execute.call(this, itemIndex, connection), action);
	}
	try {
		return await action.executeBatch.call(this, connection);
	} catch (error) {
		// The batch failed as a whole. It ran on the first item's settings, so the error names
		// that item; with "Continue On Fail" one error item stands for every input item.
		const failed = failedItem(this, error, 0, action.errorWording);
		failed.pairedItem = this.getInputData().map((_, item) => ({ item }));
		const output = errorOutput(this, action.errorWording);
		return Array.from({ length: output + 1 }, (_, index) => (index === output ? [failed] : []));
	}
}

/** What an operation that opens no store through the router is given: any use of it is a bug, said plainly. */
const NO_STORE: StoreConnection = Object.defineProperties({} as StoreConnection, {
	store: { get: noStore },
	keys: { get: noStore },
	config: { get: noStore },
});

function noStore(): never {
	throw new Error('This operation declares usesStore: false; it cannot use the connection the router opens');
}

function onlyName(table: object): string | undefined {
	const names = Object.keys(table);
	return names.length === 1 ? names[0] : undefined;
}

/**
 * Runs `work` once per input item and pairs what it gives with the item. A failure is
 * thrown as the node error, or with "Continue On Fail" becomes an error item in the item's
 * place (errors.ts), so the run goes on.
 */
export async function eachItem(
	context: IExecuteFunctions,
	work: (itemIndex: number) => ItemResult,
	{ outputs = 1, errorWording = {} }: { outputs?: number; errorWording?: ErrorWording } = {},
): Promise<INodeExecutionData[][]> {
	const output = Array.from({ length: outputs }, (): INodeExecutionData[] => []);
	const count = context.getInputData().length;
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		const pair = (json: IDataObject, index = 0) => output[index].push({ json, pairedItem: { item: itemIndex } });
		try {
			const given = work(itemIndex);
			if (Symbol.asyncIterator in given) {
				for await (const json of given) pair(json);
				continue;
			}
			const result = await given;
			const byOutput = result instanceof ItemsByOutput ? result.outputs : [Array.isArray(result) ? result : [result]];
			byOutput.forEach((items, index) => items.forEach((json) => pair(json, index)));
		} catch (error) {
			output[errorOutput(context, errorWording)].push(failedItem(context, error, itemIndex, errorWording));
		}
	}
	return output;
}

/**
 * For operations that work on all items at once: reads each input item (into a request, say),
 * keeping the values with their item indexes, and the error items of the items it cannot read.
 */
export function readItems<T>(
	context: IExecuteFunctions,
	read: (itemIndex: number) => T,
	errorWording: ErrorWording = {},
): { values: T[]; itemOf: number[]; failed: INodeExecutionData[] } {
	const values: T[] = [];
	const itemOf: number[] = [];
	const failed: INodeExecutionData[] = [];
	const count = context.getInputData().length;
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			values.push(read(itemIndex));
			itemOf.push(itemIndex);
		} catch (error) {
			failed.push(failedItem(context, error, itemIndex, errorWording));
		}
	}
	return { values, itemOf, failed };
}
