import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { leadMonitorStoreConnectionTest } from '../shared/methods/credentialTest';
import { router } from '../shared/router';
import * as evaluate from './actions/rule/evaluate.operation';
import * as explain from './actions/rule/explain.operation';
import * as health from './actions/rule/health.operation';
import * as preview from './actions/rule/preview.operation';
import * as publish from './actions/rule/publish.operation';
import { ruleSetParameters } from './actions/rule/ruleSetParameters';
import { timeOptions } from './actions/rule/timeOptions';
import { getInstitutions, getPresets } from './methods/loadOptions';

/** One resource (the node has no Resource parameter): the rule set the parameters describe. */
const operations = { rule: { evaluate, preview, explain, publish, health } };

export class LeadMonitor implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Lead Monitor',
		name: 'leadMonitor',
		icon: { light: 'file:leadMonitor.svg', dark: 'file:leadMonitor.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description: 'Find high-potential leads (高潜线索) in the call logs with monitoring rules: hits with reason and grade',
		defaults: { name: 'Lead Monitor' },
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
						name: 'Evaluate',
						value: 'evaluate',
						description: 'Run the rules and store the new hits (one per lead, rule and window); output them, or one summary of the run',
						action: 'Evaluate rules and output new hits',
					},
					{
						name: 'Check Daily Runs',
						value: 'health',
						description: 'Whether the daily run covered every business date by now; names the dates it missed',
						action: 'Check that no daily run was missed',
					},
					{
						name: 'Explain a Lead',
						value: 'explain',
						description: 'Every rule for one lead, with each condition\'s value and result',
						action: 'Explain why a lead hits or not',
					},
					{
						name: 'Preview Coverage',
						value: 'preview',
						description: 'Leads this configuration would cover on each of the last days; writes nothing',
						action: 'Preview how many leads the rules cover',
					},
					{
						name: 'Publish (发布为新版本)',
						value: 'publish',
						description: 'Save these rules as a new version of the saved configuration, active from the next run',
						action: 'Publish the rules as the saved configuration',
					},
				],
				default: 'evaluate',
			},
			...ruleSetParameters,
			...evaluate.description,
			...preview.description,
			...explain.description,
			...publish.description,
			...health.description,
			timeOptions(['evaluate', 'preview', 'explain', 'health']),
		],
	};

	methods = {
		credentialTest: { leadMonitorStoreConnectionTest },
		loadOptions: { getInstitutions, getPresets },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return router.call(this, operations);
	}
}
