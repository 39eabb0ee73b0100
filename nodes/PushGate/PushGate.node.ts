import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { leadMonitorStoreConnectionTest } from '../shared/methods/credentialTest';
import { outreachGatewayConnectionTest } from '../shared/outreach/gatewayCredentials';
import { router } from '../shared/router';
import * as gate from './actions/push/gate.operation';
import { policyProperties } from './actions/push/policyParameters';
import * as recordCallback from './actions/push/recordCallback.operation';
import * as simulate from './actions/push/simulate.operation';

/** One resource (the node has no Resource parameter): pushes. */
const operations = { push: { gate, simulate, recordCallback } };

/** Outputs follow the operation: gate → Send Now / Held; record callback → Status Change / Recorded; simulate → Plan. */
const outputsByOperation =
	'={{ $parameter.operation === "gate" ? [{ type: "main", displayName: "Send Now" }, { type: "main", displayName: "Held" }] : $parameter.operation === "recordCallback" ? [{ type: "main", displayName: "Hit Status Change" }, { type: "main", displayName: "Recorded" }] : [{ type: "main", displayName: "Plan" }] }}' as const;

export class PushGate implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Push Gate',
		name: 'pushGate',
		icon: { light: 'file:pushGate.svg', dark: 'file:pushGate.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ {gate: "推送闸门", simulate: "模拟今日推送流", recordCallback: "记录网关回执"}[$parameter["operation"]] }}',
		description:
			'The contact policy (推送频率管理): quiet hours, weekly grid, weekend rule, burst protection, caps per lead and channel, opt-outs — decided against the push ledger',
		defaults: { name: 'Push Gate' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: outputsByOperation,
		credentials: [
			{ name: 'leadMonitorStoreApi', required: true, testedBy: 'leadMonitorStoreConnectionTest' },
			{
				name: 'outreachGatewayApi',
				required: true,
				testedBy: 'outreachGatewayConnectionTest',
				displayOptions: { show: { operation: ['recordCallback'] } },
			},
		],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Gate Hits',
						value: 'gate',
						description: 'Apply the policy: send now, or hold with the earliest time and the reason',
						action: 'Gate hits',
					},
					{
						name: 'Record Gateway Callback',
						value: 'recordCallback',
						description: 'Verify and record a delivery, conversion or opt-out callback from the gateway',
						action: 'Record a gateway callback',
					},
					{
						name: 'Simulate Today',
						value: 'simulate',
						description: "Today's planned push times for the pending hits (模拟今日推送流); sends nothing",
						action: 'Simulate today s push flow',
					},
				],
				default: 'gate',
			},
			...policyProperties,
			...gate.description,
			...simulate.description,
			...recordCallback.description,
		],
	};

	methods = {
		credentialTest: { leadMonitorStoreConnectionTest, outreachGatewayConnectionTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return router.call(this, operations);
	}
}
