import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { errorResponse, handleConsoleRequest, isPlainAnswer, type ConsoleContext, type ConsoleResponse } from '../../../../lib/console';
import { connectToStore, type StoreConnection } from '../../../shared/transport/storeConnection';
import { consoleOptions } from './consoleOptions';
import { consoleRequestOf } from './webhookRequest';

/** It opens the store itself: a store that will not open is answered (500), like any other failure. */
export const usesStore = false;

export const API_OUTPUTS = ['Answer', 'Send', 'Test Push', 'File'];
/** Version 1.1 adds an output: the plain answers (200, the base headers, an object), as the body alone. */
export const API_OUTPUTS_V1_1 = [...API_OUTPUTS, 'Answer 200'];
const [ANSWER, SEND, TEST_PUSH, FILE, ANSWER_200] = [0, 1, 2, 3, 4];

/**
 * One console API request per Webhook item → lib/console → what answers it:
 * 1. the answer `{ status, headers, body }`, for Respond to Webhook (JSON);
 * 2. and 3. a send (board.send: the hits, masked; push.test: the number, already judged by the
 *    policy), each item with `consoleSend`, the request it answers; the workflow sends them
 *    and Lead Console Send Result answers;
 * 4. a file answer (rejected import rows), as 1. with the file as binary `data`;
 * 5. (version 1.1) a plain answer — status 200, only the base headers, an object — as the body
 *    alone, for a Respond to Webhook with no expressions (First Incoming Item, fixed headers):
 *    an execution that evaluates no expression takes no isolate of n8n's expression engine
 *    (with N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE), which otherwise costs each call a new one.
 * It never fails a request: whatever goes wrong is answered (a 500 says nothing of it; the
 * cause goes to n8n's log).
 */
export async function executeBatch(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const plainApart = this.getNode().typeVersion >= 1.1;
	const outputs: INodeExecutionData[][] = (plainApart ? API_OUTPUTS_V1_1 : API_OUTPUTS).map(() => []);
	let connection: StoreConnection | undefined;
	const items = this.getInputData();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const pairedItem = { item: itemIndex };
		let response: ConsoleResponse;
		let op = '';
		try {
			connection ??= await connectToStore.call(this, { interactive: true });
			const options = consoleOptions(this, itemIndex);
			const request = await consoleRequestOf(this, itemIndex);
			op = request.op;
			const ctx: ConsoleContext = {
				store: connection.store,
				keys: connection.keys,
				timeZone: options.timeZone,
				cookiePath: options.consolePath,
				allowedOrigins: options.allowedOrigins,
			};
			response = await handleConsoleRequest(ctx, request);
		} catch (error) {
			response = errorResponse(error, new Date());
		}
		if (response.internalError !== undefined) logInternalError(this, op, response.internalError);

		if (response.pushes) {
			const { send, hits, test } = response.pushes;
			for (const hit of hits) outputs[SEND].push({ json: { ...(hit as unknown as IDataObject), channel: send.channel, consoleSend: { ...send } }, pairedItem });
			if (test) outputs[TEST_PUSH].push({ json: { phone: test.phone, channel: send.channel, templateId: test.templateId, consoleSend: { ...send } }, pairedItem });
		} else if (Buffer.isBuffer(response.body)) {
			const data = await this.helpers.prepareBinaryData(response.body, downloadName(response.headers['Content-Disposition']), response.headers['Content-Type']);
			outputs[FILE].push({ json: { status: response.status, headers: response.headers }, binary: { data }, pairedItem });
		} else if (plainApart && isPlainAnswer(response)) {
			outputs[ANSWER_200].push({ json: response.body as IDataObject, pairedItem });
		} else {
			outputs[ANSWER].push({ json: { status: response.status, headers: response.headers, body: response.body as IDataObject }, pairedItem });
		}
	}
	return outputs;
}

/** The file's name as Content-Disposition gives it: the UTF-8 one (RFC 5987), else the plain one. */
function downloadName(disposition = ''): string {
	const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
	if (utf8) {
		try {
			return decodeURIComponent(utf8);
		} catch {
			// fall back to the plain name
		}
	}
	return /filename="([^"]*)"/.exec(disposition)?.[1] || 'download';
}

/** A fault of ours: the cause goes to n8n's log (never to the browser), with the operation it broke. */
export function logInternalError(context: IExecuteFunctions, op: string, error: unknown): void {
	const cause = error instanceof Error ? error : new Error(String(error));
	context.logger.error(`Lead Console: ${op || 'request'} failed: ${cause.message}`, { node: context.getNode().name, op, stack: cause.stack });
}
