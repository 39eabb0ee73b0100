import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { leadMonitorStoreConnectionTest } from '../shared/methods/credentialTest';
import { router } from '../shared/router';
import * as assign from './actions/lead/assign.operation';
import * as claimAlerts from './actions/lead/claimAlerts.operation';
import * as explain from './actions/lead/explain.operation';
import * as markAlertsSent from './actions/lead/markAlertsSent.operation';
import { modelParameters } from './actions/lead/modelParameters';
import * as score from './actions/lead/score.operation';
import * as setOwner from './actions/lead/setOwner.operation';

/** One resource (the node has no Resource parameter): leads, their scores and owners. */
const operations = { lead: { score, explain, assign, setOwner, claimAlerts, markAlertsSent } };

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
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Score and Assign',
						value: 'score',
						description: 'Score every lead for the day, assign the mature ones to owners, alert new grade-A leads',
						action: 'Score and assign leads',
					},
					{
						name: 'Explain a Lead',
						value: 'explain',
						description: 'A lead\'s score, grade, point ledger, suggestion and owner history',
						action: 'Explain a lead s score',
					},
					{
						name: 'Assign',
						value: 'assign',
						description: 'Change a lead\'s owner or link it to its source lead',
						action: 'Assign a lead',
					},
					{
						name: 'Set Owner',
						value: 'setOwner',
						description: 'Who takes leads: a staff account\'s branch, alert e-mail and daily capacity',
						action: 'Set an owner s branch and capacity',
					},
					{
						name: 'Claim Alerts',
						value: 'claimAlerts',
						description: 'Unsent alerts, one item per owner, for Send Email or a group robot',
						action: 'Claim alerts to send',
					},
					{
						name: 'Mark Alerts Sent',
						value: 'markAlertsSent',
						description: 'Record that an owner\'s alerts went out, so they are never sent again',
						action: 'Mark alerts as sent',
					},
				],
				default: 'score',
			},
			...modelParameters,
			...score.description,
			...explain.description,
			...assign.description,
			...setOwner.description,
			...claimAlerts.description,
			...markAlertsSent.description,
		],
	};

	methods = {
		credentialTest: { leadMonitorStoreConnectionTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return router.call(this, operations);
	}
}
