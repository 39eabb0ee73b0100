import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { GatewayAuthError, GatewayClient, sendOutreach, type OutreachRequest, type OutreachResult } from '../../../lib/outreach';
import type { Channel } from '../../../lib/ledger';
import { nodeError, type ErrorWording } from '../errors';
import { hitIdOf } from '../hitIdOf';
import { perItemParameter } from '../parameters';
import { readItems, type BatchOperation } from '../router';
import type { StoreConnection } from '../transport/storeConnection';
import { gatewayCredentialsOf } from './gatewayCredentials';

interface OutreachNodeOptions {
	callbackUrl?: string;
	claimLeaseSeconds?: number;
	concurrency?: number;
	leadNameVariable?: string;
	retries?: number;
	retryDelayMs?: number;
	timeoutSeconds?: number;
	updateHitStatus?: boolean;
}

/**
 * SMS and Outbound Call: parameters in, lib/outreach does the sending (all items as one
 * batch), one output item per input item.
 */
async function executeOutreach(
	context: IExecuteFunctions,
	channel: Channel,
	{ store, keys }: StoreConnection,
): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const credentials = await gatewayCredentialsOf(context);
	const options = context.getNodeParameter('options', 0, {}) as OutreachNodeOptions;
	const dryRun = context.getNodeParameter('dryRun', 0, false) as boolean;
	const concurrency = Math.max(1, Math.floor(options.concurrency ?? 8));
	const timeoutMs = Math.max(1, options.timeoutSeconds ?? 10) * 1000;

	const read = itemReaders(context);
	const { values: requests, itemOf, failed } = readItems(context, (itemIndex) => requestFor(context, read, items[itemIndex].json, itemIndex));

	const gateway = dryRun ? null : new GatewayClient(credentials, { timeoutMs, maxSockets: concurrency });
	let results: OutreachResult[];
	try {
		results = await sendOutreach(store, keys, gateway, requests, {
			channel,
			keyScope: store.schema,
			dryRun,
			concurrency,
			retry: { retries: Math.max(0, Math.floor(options.retries ?? 3)), baseDelayMs: Math.max(0, options.retryDelayMs ?? 500), maxDelayMs: 30_000 },
			timeoutMs,
			updateHitStatus: options.updateHitStatus ?? true,
			leadNameVariable: options.leadNameVariable || undefined,
			callbackUrl: options.callbackUrl || undefined,
			leaseMs: options.claimLeaseSeconds ? options.claimLeaseSeconds * 1000 : undefined,
		});
	} catch (error) {
		// A refused signature fails the node; with "Continue On Fail" each push says it was refused (auth_failed).
		if (!(error instanceof GatewayAuthError && context.continueOnFail())) throw nodeError(context, error, 0, outreachErrorWording);
		results = error.results;
	} finally {
		gateway?.close();
	}
	const output = [...failed];
	for (const result of results) {
		const { index, ...json } = result;
		output.push({ json: json as unknown as IDataObject, pairedItem: { item: itemOf[index] } });
	}
	return [output.sort((a, b) => pairedIndex(a) - pairedIndex(b))];
}

/** The send operation of the SMS or the Outbound Call node. */
export function outreachOperation(channel: Channel): BatchOperation {
	return {
		executeBatch(this: IExecuteFunctions, connection: StoreConnection) {
			return executeOutreach(this, channel, connection);
		},
		errorWording: outreachErrorWording,
	};
}

/** A refused signature says what to check; nothing unsent is lost. */
const outreachErrorWording: ErrorWording = {
	describe: (error) =>
		error instanceof GatewayAuthError
			? '网关用同一密钥校验签名（HMAC-SHA-256，方法、路径、时间戳、nonce、请求体）。未发送的推送保留在台账中，修正凭据后重跑即可，不会重复发送。'
			: undefined,
};

type ItemReaders = ReturnType<typeof itemReaders>;

function itemReaders(context: IExecuteFunctions) {
	return {
		recipient: perItemParameter(context, 'recipient', 'hit'),
		phone: perItemParameter(context, 'phone', ''),
		hitIdField: perItemParameter(context, 'hitIdField', 'hitId'),
		templateId: perItemParameter(context, 'templateId', ''),
		hitFields: perItemParameter<string[]>(context, 'hitFields', []),
		variables: perItemParameter<IDataObject[]>(context, 'variables.values', []),
	};
}

/** The request of one item; an item that cannot be sent throws, naming what is wrong. */
function requestFor(context: IExecuteFunctions, read: ItemReaders, json: IDataObject, itemIndex: number): OutreachRequest {
	const templateId = String(read.templateId(itemIndex) ?? '').trim();
	if (!templateId) throw new NodeOperationError(context.getNode(), '模板 ID 为空', { itemIndex });
	const variables: Record<string, string> = {};
	for (const field of read.hitFields(itemIndex) ?? []) variables[field] = json[field] === undefined || json[field] === null ? '' : String(json[field]);
	for (const variable of read.variables(itemIndex) ?? []) {
		const name = String(variable.name ?? '').trim();
		if (name) variables[name] = variable.value === undefined || variable.value === null ? '' : String(variable.value);
	}
	if (read.recipient(itemIndex) === 'phone') {
		const phone = String(read.phone(itemIndex) ?? '').trim();
		// One key per execution and item: a retry of this step does not send twice, a new test push does send.
		return { phone, testKey: `${context.getExecutionId() ?? 'manual'}-${itemIndex}`, templateId, variables };
	}
	const hitId = hitIdOf(context, json, String(read.hitIdField(itemIndex)), itemIndex, 'Push Gate 或 Lead Store（命中）');
	return { hitId, templateId, variables };
}

function pairedIndex(item: INodeExecutionData): number {
	const paired = item.pairedItem;
	return typeof paired === 'object' && paired !== null && !Array.isArray(paired) ? paired.item : 0;
}
