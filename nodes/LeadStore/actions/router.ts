import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { connectToStore } from '../../shared/transport/storeConnection';
import * as lead from './lead/Lead.resource';

const resources = { lead } as const;

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as keyof typeof resources;
	const operation = this.getNodeParameter('operation', 0) as string;
	const operations = resources[resource]?.operations as
		| Record<string, { execute: typeof lead.operations.create.execute }>
		| undefined;
	const action = operations?.[operation];
	if (!action) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	const connection = await connectToStore.call(this);
	return [await action.execute.call(this, connection)];
}
