import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { leadMonitorStoreConnectionTest } from '../shared/methods/credentialTest';
import { router } from '../shared/router';
import * as blacklist from './actions/blacklist/Blacklist.resource';
import * as hit from './actions/hit/Hit.resource';
import * as lead from './actions/lead/Lead.resource';

const operations = { lead: lead.operations, hit: hit.operations, blacklist: blacklist.operations };

export class LeadStore implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Lead Store',
		name: 'leadStore',
		icon: { light: 'file:leadStore.svg', dark: 'file:leadStore.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'The lead roster (线索名单), its high-potential hits and the blacklist, with personal data protected',
		defaults: { name: 'Lead Store' },
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
				options: [
					{ name: 'Blacklist (黑名单)', value: 'blacklist' },
					{ name: 'Hit (高潜命中)', value: 'hit' },
					{ name: 'Lead (线索)', value: 'lead' },
				],
				default: 'lead',
			},
			...lead.description,
			...hit.description,
			...blacklist.description,
		],
	};

	methods = {
		credentialTest: { leadMonitorStoreConnectionTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return router.call(this, operations);
	}
}
