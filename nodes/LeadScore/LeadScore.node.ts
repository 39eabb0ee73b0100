import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { leadMonitorStoreConnectionTest } from '../shared/methods/credentialTest';
import { router } from '../shared/router';
import * as alert from './actions/alert/Alert.resource';
import * as lead from './actions/lead/Lead.resource';
import * as owner from './actions/owner/Owner.resource';
import * as score from './actions/score/Score.resource';

const operations = { score: score.operations, lead: lead.operations, owner: owner.operations, alert: alert.operations };

export class LeadScore implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Lead Score',
		name: 'leadScore',
		icon: { light: 'file:leadScore.svg', dark: 'file:leadScore.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description: 'Score leads (线索评分, grades A1–D3), explain a score, assign owners (客户经理) and send their alerts',
		defaults: { name: 'Lead Score' },
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
					{ name: 'Alert (提醒)', value: 'alert', description: "Owners' alerts: claim them for sending, mark them sent" },
					{ name: 'Lead (线索)', value: 'lead', description: "A lead's owner, or its source lead" },
					{ name: 'Owner (负责人)', value: 'owner', description: 'Who takes leads: branch, e-mail, daily capacity' },
					{ name: 'Score (评分)', value: 'score', description: 'Score and assign for the day; explain a score' },
				],
				default: 'score',
			},
			score.operation,
			lead.operation,
			owner.operation,
			alert.operation,
			...score.description,
			...lead.description,
			...owner.description,
			...alert.description,
		],
	};

	methods = {
		credentialTest: { leadMonitorStoreConnectionTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return router.call(this, operations);
	}
}
