import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { leadMonitorStoreConnectionTest } from '../shared/methods/credentialTest';
import { router } from '../shared/router';
import * as api from './actions/console/api.operation';
import * as asset from './actions/console/asset.operation';
import { optionsDescription } from './actions/console/consoleOptions';
import * as firstAdmin from './actions/console/firstAdmin.operation';
import * as page from './actions/console/page.operation';
import * as sendResult from './actions/console/sendResult.operation';

/** One resource (the node has no Resource parameter): the console. */
const operations = { console: { page, asset, api, sendResult, firstAdmin } };

const outputsOf = (names: string[]) => JSON.stringify(names.map((displayName) => ({ type: NodeConnectionTypes.Main, displayName })));

/**
 * Outputs follow the operation: the API answers (from version 1.1 plain answers apart),
 * sends (hits, a test push) or answers with a file; an asset is text or a file.
 */
const outputsByOperation =
	`={{ $parameter.operation === "api" ? ($nodeVersion >= 1.1 ? ${outputsOf(api.API_OUTPUTS_V1_1)} : ${outputsOf(api.API_OUTPUTS)}) : $parameter.operation === "asset" ? ${outputsOf(asset.ASSET_OUTPUTS)} : ${outputsOf(['Answer'])} }}` as const;

// Not usable as a tool: it answers the console's own webhook requests, which an AI agent does not make.
// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool
export class LeadConsole implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Lead Console',
		name: 'leadConsole',
		icon: { light: 'file:leadConsole.svg', dark: 'file:leadConsole.dark.svg' },
		group: ['output'],
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{ {page: "控制台页面", asset: "控制台静态文件", api: "控制台接口", sendResult: "推送结果应答", firstAdmin: "首个管理员"}[$parameter["operation"]] }}',
		description:
			'The console (控制台): serves its web app and answers its API — staff sign-in, the roster, monitoring indicators, push frequencies, the marketing board — for Respond to Webhook',
		defaults: { name: 'Lead Console' },
		inputs: [NodeConnectionTypes.Main],
		outputs: outputsByOperation,
		credentials: [
			{
				name: 'leadMonitorStoreApi',
				required: true,
				testedBy: 'leadMonitorStoreConnectionTest',
				displayOptions: { show: { operation: ['api', 'sendResult', 'firstAdmin'] } },
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
						name: 'Answer API Request',
						value: 'api',
						description: 'Answer one request of the console API (the Webhook GET + POST api/:op)',
						action: 'Answer an API request',
					},
					{
						name: 'Answer Send Result',
						value: 'sendResult',
						description: 'Answer a batch send or test push once SMS / Outbound Call have sent it, and audit it',
						action: 'Answer a send result',
					},
					{
						name: 'Create First Administrator',
						value: 'firstAdmin',
						description: 'Create the console\'s first administrator (once, with a generated password)',
						action: 'Create the first administrator',
					},
					{
						name: 'Serve Asset',
						value: 'asset',
						description: "Serve one file of the console's web app (the Webhook assets/:file)",
						action: 'Serve an asset',
					},
					{
						name: 'Serve Page',
						value: 'page',
						description: "Serve the console's page (the Webhook console)",
						action: 'Serve the page',
					},
				],
				default: 'api',
			},
			{
				displayName:
					'Put it right after the Webhook (GET and POST, path api/:op). Answer 200 → Respond to Webhook (First Incoming Item, headers Content-Type application/json; charset=utf-8, Cache-Control no-store, X-Content-Type-Options nosniff: no expressions); Answer → Respond to Webhook (JSON, status {{ $json.status }}, headers from {{ $json.headers }}); File → Respond to Webhook (binary "data"); Send → Push Gate → Switch → SMS / Outbound Call; Test Push → SMS / Outbound Call (to a phone number); all of those and Push Gate\'s held output → Merge → Lead Console (Answer Send Result).',
				name: 'apiNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { operation: ['api'] } },
			},
			{
				displayName:
					'Its input: everything the send path gave back, merged (Merge, Append): the Send and Test Push items of Lead Console, Push Gate\'s held items and the SMS / Outbound Call results. Its answer goes to Respond to Webhook (JSON).',
				name: 'sendResultNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { operation: ['sendResult'] } },
			},
			{
				displayName:
					'Respond to Webhook: Respond With "Text", Response Body {{ $json.body }}, status and headers from the item. A font or image leaves by the File output (Respond With "Binary File", field "data").',
				name: 'staticNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { operation: ['page', 'asset'] } },
			},
			...firstAdmin.description,
			optionsDescription,
		],
	};

	methods = {
		credentialTest: { leadMonitorStoreConnectionTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return router.call(this, operations);
	}
}
