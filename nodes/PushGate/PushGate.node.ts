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
import * as policy from './actions/policy/Policy.resource';
import { policyProperties } from './actions/policy/policyParameters';
import * as push from './actions/push/Push.resource';
import * as tier from './actions/tier/Tier.resource';

const operations = { push: push.operations, tier: tier.operations, policy: policy.operations };

/**
 * Outputs follow the operation: gate → Send Now / Held (or by channel: 短信 SMS / 外呼 Call / 暂缓 Held); record callback → Status Change / Recorded;
 * simulate → Plan; due tiers → Due Tiers; finish tier run → Finished; publish → Published.
 */
const outputsByOperation =
	'={{ ({ gate: $parameter.outputs === "channel" ? [{ type: "main", displayName: "短信 SMS" }, { type: "main", displayName: "外呼 Call" }, { type: "main", displayName: "暂缓 Held" }] : [{ type: "main", displayName: "Send Now" }, { type: "main", displayName: "Held" }], recordCallback: [{ type: "main", displayName: "Hit Status Change" }, { type: "main", displayName: "Recorded" }], dueTiers: [{ type: "main", displayName: "Due Tiers" }], finishTierRun: [{ type: "main", displayName: "Finished" }], publish: [{ type: "main", displayName: "Published" }] })[$parameter.operation] ?? [{ type: "main", displayName: "Plan" }] }}' as const;

export class PushGate implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Push Gate',
		name: 'pushGate',
		icon: { light: 'file:pushGate.svg', dark: 'file:pushGate.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ {gate: "推送闸门", simulate: "模拟今日推送流", recordCallback: "记录网关回执", dueTiers: "到期推送档位", finishTierRun: "记录档位运行", publish: "发布为新版本"}[$parameter["operation"]] }}',
		description:
			'Push frequencies and the contact policy (推送频率管理): which tier is due; quiet hours, weekly grid, weekend rule, burst protection, caps per lead and channel, opt-outs — decided against the push ledger',
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
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Policy (推送策略)', value: 'policy', description: 'The contact policy kept in the store' },
					{ name: 'Push (推送)', value: 'push', description: 'Gate hits, simulate the day, record gateway callbacks' },
					{ name: 'Push Tier (推送档位)', value: 'tier', description: 'Which tiers are due by the push frequencies, and their runs' },
				],
				default: 'push',
			},
			push.operation,
			tier.operation,
			policy.operation,
			...policyProperties,
			...push.description,
			...tier.description,
			...policy.description,
		],
	};

	methods = {
		credentialTest: { leadMonitorStoreConnectionTest, outreachGatewayConnectionTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return router.call(this, operations);
	}
}
