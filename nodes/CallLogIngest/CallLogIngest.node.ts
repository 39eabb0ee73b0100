import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { leadMonitorStoreConnectionTest } from '../shared/methods/credentialTest';
import { router } from '../shared/router';
import * as callLog from './actions/callLog/CallLog.resource';

const operations = { callLog: callLog.operations };

export class CallLogIngest implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Call Log Ingest',
		name: 'callLogIngest',
		icon: { light: 'file:callLogIngest.svg', dark: 'file:callLogIngest.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description:
			'Streams the day\'s identity-verification call logs (调用日志) into the Lead Monitor store: checked, pseudonymised, deduplicated; one summary per file',
		defaults: { name: 'Call Log Ingest' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'leadMonitorStoreApi', required: true, testedBy: 'leadMonitorStoreConnectionTest' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Call Log (调用日志)', value: 'callLog' }],
				default: 'callLog',
			},
			...callLog.description,
		],
	};

	methods = {
		credentialTest: { leadMonitorStoreConnectionTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return router.call(this, operations);
	}
}
