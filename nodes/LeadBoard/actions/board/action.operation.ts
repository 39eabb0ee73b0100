import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	boardRedirect,
	changeHitStatuses,
	noticeCode,
	parseBoardAction,
	selectHitsForPush,
	type BoardActionResult,
} from '../../../../lib/board';
import { toOutputs, type ItemsByOutput } from '../../../shared/router';
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

export const outputs = ACTION_OUTPUTS.length;

/**
 * Output 1 gets one item per request (the redirect back to the board and the outcome) for
 * Respond to Webhook. A status change is made here, before that answer. For SMS and calls
 * the selected hits (masked) leave by outputs 2 and 3 towards Push Gate, so the contact
 * policy still decides what is sent and when.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number, { store }: StoreConnection): Promise<ItemsByOutput> {
	const options = boardOptions(this, itemIndex);
	const action = parseBoardAction(objectParameter(this, 'body', itemIndex), options);
	let result: BoardActionResult;
	let selected: IDataObject[] = [];
	if (action.kind === 'status') {
		result = await changeHitStatuses(store, action.hitIds, action.status!);
	} else {
		result = await selectHitsForPush(store, action.hitIds, action.kind);
		selected = result.hits.map((hit) => ({ ...hit, channel: action.kind }) as unknown as IDataObject);
	}
	const response: IDataObject = {
		action: action.kind,
		...(action.status ? { status: action.status } : {}),
		count: result.hits.length,
		hitIds: result.hits.map((hit) => hit.hitId),
		missing: result.missing,
		notice: noticeCode(result.notice),
		redirect: boardRedirect(options.boardUrl, action, result.notice),
	};
	return toOutputs([response], action.kind === 'sms' ? selected : [], action.kind === 'call' ? selected : []);
}
