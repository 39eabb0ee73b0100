import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { DEFAULT_COOKIE_PATH } from '../../../../lib/console';
import { builtConsoleFolder } from '../../../../lib/consoleApp';

export interface ConsoleOptions {
	/** Where the console is served, `/webhook/console`: the page's base and the session cookie's Path. */
	consolePath: string;
	/** The built web app (index.html, assets/). */
	folder: string;
	allowedOrigins: string[];
	timeZone: string;
}

export const optionsDescription: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	displayOptions: { show: { operation: ['page', 'asset', 'api'] } },
	options: [
		{
			displayName: 'Allowed Origins',
			name: 'allowedOrigins',
			type: 'string',
			default: '',
			placeholder: 'https://console.bank.internal',
			description:
				"Comma-separated origins, besides the console's own, whose pages may call the API from a browser (e.g. behind a proxy that rewrites the Host header). Requests from pages of any other origin are refused.",
			displayOptions: { show: { '/operation': ['api'] } },
		},
		{
			displayName: 'Built Console Folder',
			name: 'folder',
			type: 'string',
			default: '',
			placeholder: '/opt/lead-monitor/console',
			description: 'A folder with a built console (index.html and assets/). Empty: the one this package ships.',
			displayOptions: { show: { '/operation': ['page', 'asset'] } },
		},
		{
			displayName: 'Console Path',
			name: 'consolePath',
			type: 'string',
			default: '',
			placeholder: '/webhook/console',
			description:
				"Where browsers reach the console: the page's base for its files and API calls, and the session cookie's path. Empty: from the webhook's URL (N8N_PATH and the webhook prefix included).",
			displayOptions: { show: { '/operation': ['page', 'api'] } },
		},
		{
			displayName: 'Time Zone',
			name: 'timeZone',
			type: 'string',
			default: '',
			placeholder: 'Asia/Shanghai',
			description: "The bank's time zone for the board's today and the audit log's days. Empty: the workflow's time zone.",
			displayOptions: { show: { '/operation': ['api'] } },
		},
	],
};

export function consoleOptions(context: IExecuteFunctions, itemIndex: number): ConsoleOptions {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const text = (name: string) => (typeof options[name] === 'string' ? (options[name] as string).trim() : '');
	return {
		consolePath: text('consolePath') || consolePathOf(context.getInputData()[itemIndex]?.json.webhookUrl),
		folder: text('folder') || builtConsoleFolder(),
		allowedOrigins: text('allowedOrigins')
			.split(',')
			.map((origin) => origin.trim())
			.filter(Boolean),
		timeZone: text('timeZone') || context.getTimezone(),
	};
}

/** `/webhook/console` from the webhook's URL (`…/webhook/console`, `…/webhook/console/api/:op`, `…/console/assets/:file`). */
function consolePathOf(webhookUrl: unknown): string {
	if (typeof webhookUrl !== 'string') return DEFAULT_COOKIE_PATH;
	try {
		const path = new URL(webhookUrl).pathname.replace(/\/(api|assets)\/[^/]*$/, '').replace(/\/+$/, '');
		return path || DEFAULT_COOKIE_PATH;
	} catch {
		return DEFAULT_COOKIE_PATH;
	}
}
