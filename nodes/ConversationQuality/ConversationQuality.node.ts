import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { leadMonitorStoreConnectionTest } from '../shared/methods/credentialTest';
import { router } from '../shared/router';
import * as conversation from './actions/conversation/Conversation.resource';

const operations = { conversation: conversation.operations };

export class ConversationQuality implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Conversation Quality',
		name: 'conversationQuality',
		icon: { light: 'file:conversationQuality.svg', dark: 'file:conversationQuality.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description:
			'Scores the service conversations that follow a lead (会话质检): ingests messages and ratings, scores each session, reports agents, teams and sessions',
		defaults: { name: 'Conversation Quality' },
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
				options: [{ name: 'Conversation (会话)', value: 'conversation' }],
				default: 'conversation',
			},
			...conversation.description,
		],
	};

	methods = {
		credentialTest: { leadMonitorStoreConnectionTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return router.call(this, operations);
	}
}
