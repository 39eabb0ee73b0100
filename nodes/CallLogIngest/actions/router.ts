import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { connectToStore, type StoreConnection } from '../../shared/transport/storeConnection';
import * as callLog from './callLog/CallLog.resource';

type Operation = { execute: (this: IExecuteFunctions, connection: StoreConnection) => Promise<INodeExecutionData[]> };

const resources: Record<string, Record<string, Operation>> = {
	callLog: callLog.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const action = resources[resource]?.[operation];
	if (!action) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	const connection = await connectToStore.call(this);
	return [await action.execute.call(this, connection)];
}
