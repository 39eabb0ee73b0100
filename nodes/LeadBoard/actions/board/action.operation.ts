import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import {
	boardRedirect,
	changeHitStatuses,
	noticeCode,
	parseBoardAction,
	selectHitsForPush,
	type BoardActionResult,
} from '../../../../lib/board';
import { failedItem } from '../../../shared/runPerItem';
import type { StoreConnection } from '../../../shared/transport/storeConnection';
import { boardOptions, objectParameter } from './boardOptions';

export const bodyDescription: INodeProperties = {
	displayName: 'Request Body',
	name: 'body',
	type: 'json',
	default: '={{ $json.body }}',
	description:
		'The action: action (status, sms or call), hitIds (repeated, comma-separated or an array), status (for action=status), returnTo (the board query to go back to). By default the incoming webhook request\'s body.',
	displayOptions: { show: { operation: ['action'] } },
};

export const ACTION_OUTPUTS = ['Response', 'Send SMS', 'Place Call'];

/**
 * Output 1 gets one item per request (the redirect back to the board and the outcome) for
 * Respond to Webhook. A status change is made here, before that answer. For SMS and calls
 * the selected hits (masked) leave by outputs 2 and 3 towards Push Gate, so the contact
 * policy still decides what is sent and when.
 */
export async function execute(this: IExecuteFunctions, { store }: StoreConnection): Promise<INodeExecutionData[][]> {
	const response: INodeExecutionData[] = [];
	const sms: INodeExecutionData[] = [];
	const call: INodeExecutionData[] = [];
	const items = this.getInputData();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const pairedItem = { item: itemIndex };
		try {
			const options = boardOptions(this, itemIndex);
			const action = parseBoardAction(objectParameter(this, 'body', itemIndex), options);
			let result: BoardActionResult;
			if (action.kind === 'status') {
				result = await changeHitStatuses(store, action.hitIds, action.status!);
			} else {
				result = await selectHitsForPush(store, action.hitIds, action.kind);
				const output = action.kind === 'sms' ? sms : call;
				for (const hit of result.hits) output.push({ json: { ...hit, channel: action.kind } as unknown as IDataObject, pairedItem });
			}
			response.push({
				json: {
					action: action.kind,
					...(action.status ? { status: action.status } : {}),
					count: result.hits.length,
					hitIds: result.hits.map((hit) => hit.hitId),
					missing: result.missing,
					notice: noticeCode(result.notice),
					redirect: boardRedirect(options.boardUrl, action, result.notice),
				},
				pairedItem,
			});
		} catch (error) {
			response.push(failedItem(this, error as Error, itemIndex));
		}
	}
	return [response, sms, call];
}
