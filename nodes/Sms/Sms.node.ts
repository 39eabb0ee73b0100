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
import * as send from './actions/sms/send.operation';

/** One resource and one operation (the node has neither parameter): send an SMS. */
const operations = { sms: { send } };

export class Sms implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SMS',
		name: 'sms',
		icon: { light: 'file:sms.svg', dark: 'file:sms.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["dryRun"] ? "演练: " : "短信: "}}{{$parameter["templateId"]}}',
		description: 'Send marketing SMS (营销短信) for high-potential hits through the bank’s outreach gateway, exactly once per hit',
		defaults: { name: 'Send SMS' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'leadMonitorStoreApi', required: true, testedBy: 'leadMonitorStoreConnectionTest' },
			{ name: 'outreachGatewayApi', required: true, testedBy: 'outreachGatewayConnectionTest' },
		],
		properties: outreachProperties('sms'),
	};

	methods = {
		credentialTest: { leadMonitorStoreConnectionTest, outreachGatewayConnectionTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return router.call(this, operations);
	}
}
