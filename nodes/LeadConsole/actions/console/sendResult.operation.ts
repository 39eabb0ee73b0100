import type { IDataObject, IExecuteFunctions, INodeExecutionData, IPairedItemData } from 'n8n-workflow';

import { answerSend, errorResponse, type ConsoleResponse, type ConsoleSend, type PushReport } from '../../../../lib/console';
import { connectToStore } from '../../../shared/transport/storeConnection';
import { logInternalError } from './api.operation';

/** It opens the store itself, so that a failure is answered too. */
export const usesStore = false;

/** Said when something on the path failed without naming a push; the cause is in n8n's log. */
const PATH_FAILED = '发送途中出错，请查看 n8n 的执行日志 (the send path failed)';

interface Request {
	send: ConsoleSend;
	reports: PushReport[];
	items: IPairedItemData[];
}

/**
 * The answer to a console send (board.send, push.test) once its pushes are through the
 * workflow: its input is everything the send path gave back, merged — the items Lead
 * Console sent out (each with `consoleSend`, the request), Push Gate's held items, and SMS /
 * Outbound Call results. One answer item per request, every push with its outcome (sent,
 * held by the policy with the rule and when it may go, …), audited as the person's send.
 */
export async function executeBatch(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const requests = new Map<string, Request>();
	const unattributed: Array<{ report?: PushReport; item: IPairedItemData }> = [];
	this.getInputData().forEach(({ json }, index) => {
		const item = { item: index };
		const report = reportOf(this, json);
		const send = consoleSendOf(json.consoleSend);
		if (!send) {
			unattributed.push({ report, item });
			return;
		}
		let request = requests.get(send.requestId);
		if (!request) requests.set(send.requestId, (request = { send, reports: [], items: [] }));
		if (report) request.reports.push(report);
		request.items.push(item);
	});

	// SMS and Outbound Call results do not carry the request; every execution of the console's
	// workflow answers one request, so they belong to it.
	const first = requests.values().next().value as Request | undefined;
	if (first) {
		for (const { report, item } of unattributed) {
			if (report) first.reports.push(report);
			first.items.push(item);
		}
	}

	if (!first) {
		const error = new Error('Lead Console Send Result got no item with consoleSend: connect the Lead Console API node\'s Send and Test Push outputs to the Merge before it');
		logInternalError(this, 'sendResult', error);
		return [[answerItem(errorResponse(error, new Date()), unattributed.map(({ item }) => item))]];
	}

	let answers: Array<{ response: ConsoleResponse; items: IPairedItemData[] }>;
	try {
		const { store, keys } = await connectToStore.call(this, { interactive: true });
		answers = [];
		for (const request of requests.values()) answers.push({ response: await answerSend({ store, keys }, request.send, request.reports), items: request.items });
	} catch (error) {
		answers = [...requests.values()].map((request) => ({ response: errorResponse(error, new Date()), items: request.items }));
	}
	for (const { response } of answers) if (response.internalError !== undefined) logInternalError(this, 'sendResult', response.internalError);
	return [answers.map(({ response, items }) => answerItem(response, items))];
}

function answerItem(response: ConsoleResponse, items: IPairedItemData[]): INodeExecutionData {
	return { json: { status: response.status, headers: response.headers, body: response.body as IDataObject }, pairedItem: items };
}

function consoleSendOf(value: unknown): ConsoleSend | undefined {
	const send = value as ConsoleSend | undefined;
	return send && typeof send === 'object' && typeof send.requestId === 'string' && typeof send.op === 'string' ? send : undefined;
}

/**
 * What an item says became of a push: an SMS / Outbound Call result (it has an outcome and
 * the template), a push Push Gate held (`push.decision` held), or an error item of a node
 * that continued on failure. An item Lead Console sent out reports nothing.
 */
function reportOf(context: IExecuteFunctions, json: IDataObject): PushReport | undefined {
	const hitId = typeof json.hitId === 'number' ? json.hitId : null;
	const push = json.push as IDataObject | undefined;
	if (typeof json.outcome === 'string' && 'templateId' in json) {
		return { hitId, channel: json.channel as PushReport['channel'], outcome: json.outcome, reason: typeof json.error === 'string' ? json.error : null };
	}
	if (push && typeof push === 'object' && push.decision === 'held') {
		return {
			hitId,
			channel: (push.channel ?? json.channel) as PushReport['channel'],
			outcome: 'held',
			reasonCode: typeof push.reasonCode === 'string' ? push.reasonCode : null,
			reason: typeof push.reason === 'string' ? push.reason : null,
			earliest: typeof push.earliestAt === 'string' ? push.earliestAt : null,
		};
	}
	if (typeof json.error === 'string') {
		logInternalError(context, 'sendResult', new Error(json.error));
		return { hitId, outcome: 'failed', reason: PATH_FAILED };
	}
	return undefined;
}
