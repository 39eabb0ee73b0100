import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { leadMonitorStoreConnectionTest } from '../shared/methods/credentialTest';
import { router } from '../shared/router';
import * as action from './actions/board/action.operation';
import { boardOptionsDescription } from './actions/board/boardOptions';
import * as data from './actions/board/data.operation';
import * as page from './actions/board/page.operation';

/** One resource (the node has no Resource parameter): the board. */
const operations = { board: { page, data, action } };

const actionOutputs = JSON.stringify(action.ACTION_OUTPUTS.map((displayName) => ({ type: NodeConnectionTypes.Main, displayName })));

export class LeadBoard implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Lead Board',
		name: 'leadBoard',
		icon: { light: 'file:leadBoard.svg', dark: 'file:leadBoard.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ {"page": "HTML 看板", "data": "JSON 数据", "action": "看板操作"}[$parameter["operation"]] }}',
		description: 'The marketing board (高潜线索营销 智能营销看板): KPIs, the hit list, trend and source mix, and its actions',
		defaults: { name: 'Lead Board' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: `={{ $parameter["operation"] === "action" ? ${actionOutputs} : ["${NodeConnectionTypes.Main}"] }}`,
		credentials: [{ name: 'leadMonitorStoreApi', required: true, testedBy: 'leadMonitorStoreConnectionTest' }],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Board Action',
						value: 'action',
						description: 'Apply a status change from the board, or hand selected hits to SMS or calls',
						action: 'Apply a board action',
					},
					{
						name: 'HTML Page',
						value: 'page',
						description: 'Render the board as one HTML page for Respond to Webhook',
						action: 'Render the board page',
					},
					{
						name: 'JSON Data',
						value: 'data',
						description: 'The same data as JSON: KPIs, trend, source mix and one page of hits',
						action: 'Get the board data',
					},
				],
				default: 'page',
			},
			{
				displayName:
					'Connect Respond to Webhook: Respond With "Text", Response Body {{ $json.html }}, header Content-Type text/html; charset=utf-8',
				name: 'pageNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { operation: ['page'] } },
			},
			{
				displayName:
					'Output 1 answers the request (Respond to Webhook: Redirect to {{ $json.redirect }}, code 303). Outputs 2 and 3 carry the selected hits to Push Gate → SMS / Outbound Call.',
				name: 'actionNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { operation: ['action'] } },
			},
			page.queryDescription,
			action.bodyDescription,
			boardOptionsDescription,
		],
	};

	methods = {
		credentialTest: { leadMonitorStoreConnectionTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return router.call(this, operations);
	}
}
