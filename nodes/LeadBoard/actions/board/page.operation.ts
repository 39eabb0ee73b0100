import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { loadBoard, parseBoardQuery, renderBoardPage } from '../../../../lib/board';
import type { StoreConnection } from '../../../shared/transport/storeConnection';
import { boardOptions, objectParameter } from './boardOptions';

export const queryDescription: INodeProperties = {
	displayName: 'Query',
	name: 'query',
	type: 'json',
	default: '={{ $json.query }}',
	description:
		"What to show: page, size, status, grade, rule, source, from, to (hit dates), q (search), sort, dir, lang. By default the incoming webhook request's query string.",
	displayOptions: { show: { operation: ['page', 'data'] } },
};

/** The board as one HTML document in `json.html`, for Respond to Webhook (text, Content-Type text/html). */
export async function execute(this: IExecuteFunctions, itemIndex: number, { store }: StoreConnection): Promise<IDataObject> {
	const options = boardOptions(this, itemIndex);
	const query = parseBoardQuery(objectParameter(this, 'query', itemIndex), options);
	const data = await loadBoard(store, query, { timeZone: options.timeZone });
	const html = renderBoardPage(data, {
		actionsUrl: options.actionsUrl,
		navigation: { leads: options.editorUrl, rules: options.editorUrl, push: options.editorUrl },
	});
	return { html, total: data.hits.total, page: data.hits.page, pageCount: data.hits.pageCount };
}
