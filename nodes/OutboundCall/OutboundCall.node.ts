import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { leadMonitorStoreConnectionTest } from '../shared/methods/credentialTest';
import { outreachGatewayConnectionTest } from '../shared/outreach/gatewayCredentials';
import { outreachProperties } from '../shared/outreach/outreachDescription';
import { router } from '../shared/router';
import * as place from './actions/call/place.operation';

/** One resource and one operation (the node has neither parameter): place a call. */
const operations = { call: { place } };

export class OutboundCall implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Outbound Call',
		name: 'outboundCall',
		icon: { light: 'file:outboundCall.svg', dark: 'file:outboundCall.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["dryRun"] ? "演练: " : "外呼: "}}{{$parameter["templateId"]}}',
		description: 'Place marketing calls (外呼) for high-potential hits through the bank’s outreach gateway, exactly once per hit',
		defaults: { name: 'Place Call' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'leadMonitorStoreApi', required: true, testedBy: 'leadMonitorStoreConnectionTest' },
			{ name: 'outreachGatewayApi', required: true, testedBy: 'outreachGatewayConnectionTest' },
		],
		properties: outreachProperties('call'),
	};

	methods = {
		credentialTest: { leadMonitorStoreConnectionTest, outreachGatewayConnectionTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return router.call(this, operations);
	}
}
