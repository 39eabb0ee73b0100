import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { connectToStore, type StoreConnection } from '../../shared/transport/storeConnection';
import * as evaluate from './rule/evaluate.operation';
import * as explain from './rule/explain.operation';
import * as preview from './rule/preview.operation';

const operations: Record<string, (this: IExecuteFunctions, connection: StoreConnection) => Promise<INodeExecutionData[]>> = {
	evaluate: evaluate.execute,
	preview: preview.execute,
	explain: explain.execute,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0) as string;
	const action = operations[operation];
	if (!action) throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported`);
	const connection = await connectToStore.call(this);
	try {
		return [await action.call(this, connection)];
	} catch (error) {
		// An invalid rule's message names the path and the problem (RuleValidationError).
		throw error instanceof NodeOperationError
			? error
			: new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex: 0 });
	}
}
