import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { DEFAULT_ACTIONS_URL, DEFAULT_PAGE_SIZE, type BoardLanguage } from '../../../../lib/board';

export interface BoardOptions {
	lang: BoardLanguage;
	pageSize: number;
	timeZone: string;
	actionsUrl: string;
	boardUrl: string;
	editorUrl: string;
}

export const boardOptionsDescription: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Actions URL',
			name: 'actionsUrl',
			type: 'string',
			default: DEFAULT_ACTIONS_URL,
			description:
				'Where the page posts row and batch actions: the webhook of the board-actions workflow, relative to the board (same login)',
			displayOptions: { show: { '/operation': ['page'] } },
		},
		{
			displayName: 'Board URL',
			name: 'boardUrl',
			type: 'string',
			default: 'lead-board',
			description: 'Where the browser goes back to after an action: the board webhook, relative to the actions webhook',
			displayOptions: { show: { '/operation': ['action'] } },
		},
		{
			displayName: 'Default Language',
			name: 'lang',
			type: 'options',
			options: [
				{ name: '中文', value: 'zh' },
				{ name: 'English', value: 'en' },
			],
			default: 'zh',
			description: 'The language of the page when the request does not ask for one (?lang=en or ?lang=zh)',
		},
		{
			displayName: 'Default Page Size',
			name: 'pageSize',
			type: 'options',
			options: [
				{ name: '10', value: 10 },
				{ name: '20', value: 20 },
				{ name: '50', value: 50 },
				{ name: '100', value: 100 },
			],
			default: DEFAULT_PAGE_SIZE,
			description: 'Hits per page when the request does not ask for a size',
		},
		{
			displayName: 'Editor URL',
			name: 'editorUrl',
			type: 'string',
			default: '/home/workflows',
			description: 'Where the tabs 线索管理, 监控指标管理 and 推送频率管理 lead: they are managed in the n8n editor',
			displayOptions: { show: { '/operation': ['page'] } },
		},
		{
			displayName: 'Time Zone',
			name: 'timeZone',
			type: 'string',
			default: '',
			placeholder: 'Asia/Shanghai',
			description: "The bank's time zone for today, yesterday and this month. Empty: the workflow's time zone.",
		},
	],
};

export function boardOptions(context: IExecuteFunctions, itemIndex: number): BoardOptions {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const text = (name: string, fallback: string) => {
		const value = typeof options[name] === 'string' ? (options[name] as string).trim() : '';
		return value || fallback;
	};
	return {
		lang: options.lang === 'en' ? 'en' : 'zh',
		pageSize: Number(options.pageSize ?? DEFAULT_PAGE_SIZE),
		timeZone: text('timeZone', context.getTimezone()),
		actionsUrl: text('actionsUrl', DEFAULT_ACTIONS_URL),
		boardUrl: text('boardUrl', 'lead-board'),
		editorUrl: text('editorUrl', '/home/workflows'),
	};
}

/** A parameter holding an object: the expression's value, or JSON typed into the field. */
export function objectParameter(context: IExecuteFunctions, name: string, itemIndex: number): unknown {
	const value = context.getNodeParameter(name, itemIndex, {});
	if (typeof value !== 'string') return value;
	if (value.trim() === '') return {};
	try {
		return JSON.parse(value);
	} catch {
		return value;
	}
}
