import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { leadSourceFields } from '../shared/descriptions/leadSourceFields';
import { screeningOptions } from '../shared/descriptions/screeningOptions';
import { leadMonitorStoreConnectionTest } from '../shared/methods/credentialTest';
import { router } from '../shared/router';
import * as cleanse from './actions/lead/cleanse.operation';

/** One resource and one operation (the node has neither parameter): cleanse leads. */
const operations = { lead: { cleanse } };

export class LeadCleanse implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Lead Cleanse',
		name: 'leadCleanse',
		icon: { light: 'file:leadCleanse.svg', dark: 'file:leadCleanse.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{"清洗: " + $parameter["source"]}}',
		description:
			'Cleanse leads (线索清洗): fake phones, bad IDs and e-mails, sensitive words, blacklist, duplicates in the batch and in the store',
		defaults: { name: 'Lead Cleanse' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Clean', 'Rejected'],
		credentials: [{ name: 'leadMonitorStoreApi', required: true, testedBy: 'leadMonitorStoreConnectionTest' }],
		properties: [
			{
				displayName:
					'Clean leads leave by the first output with phone and ID number masked and sealed for Lead Store → Import; rejected ones by the second, each with every reason.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			...leadSourceFields({}),
			screeningOptions({}),
		],
	};

	methods = {
		credentialTest: { leadMonitorStoreConnectionTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return router.call(this, operations);
	}
}
