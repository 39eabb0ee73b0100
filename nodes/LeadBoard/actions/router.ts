import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { connectToStore } from '../../shared/transport/storeConnection';
import * as action from './board/action.operation';
import * as data from './board/data.operation';
import * as page from './board/page.operation';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0) as string;
	if (operation !== 'page' && operation !== 'data' && operation !== 'action') {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported`);
	}
	const connection = await connectToStore.call(this);
	if (operation === 'action') return action.execute.call(this, connection);
	return [await (operation === 'page' ? page : data).execute.call(this, connection)];
}
