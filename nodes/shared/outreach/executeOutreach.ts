import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { GatewayAuthError, GatewayClient, sendOutreach, type OutreachRequest, type OutreachResult } from '../../../lib/outreach';
import type { Channel } from '../../../lib/ledger';
import { hitIdOf } from '../hitIdOf';
import { connectToStore } from '../transport/storeConnection';
import { gatewayCredentialsOf } from './gatewayCredentials';
import { perItemParameter } from '../parameters';

interface OutreachNodeOptions {
	callbackUrl?: string;
	concurrency?: number;
	leadNameVariable?: string;
	retries?: number;
	retryDelayMs?: number;
	timeoutSeconds?: number;
	updateHitStatus?: boolean;
}

/** SMS and Outbound Call: parameters in, lib/outreach does the sending, one output item per input item. */
export async function executeOutreach(context: IExecuteFunctions, channel: Channel): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const { store, keys } = await connectToStore.call(context);
	const credentials = await gatewayCredentialsOf(context);
	const options = context.getNodeParameter('options', 0, {}) as OutreachNodeOptions;
	const dryRun = context.getNodeParameter('dryRun', 0, false) as boolean;
	const concurrency = Math.max(1, Math.floor(options.concurrency ?? 8));
	const timeoutMs = Math.max(1, options.timeoutSeconds ?? 10) * 1000;

	const output: INodeExecutionData[] = [];
	const requests: OutreachRequest[] = [];
	const itemOf: number[] = [];
	const read = itemReaders(context);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const request = requestFor(context, read, items[itemIndex].json, itemIndex);
		if (request instanceof NodeOperationError) {
			if (!context.continueOnFail()) throw request;
			output.push({ json: { error: request.message }, pairedItem: { item: itemIndex } });
			continue;
		}
		requests.push(request);
		itemOf.push(itemIndex);
	}

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
		});
	} catch (error) {
		if (!(error instanceof GatewayAuthError)) {
			throw new NodeOperationError(context.getNode(), error as Error, { message: (error as Error).message });
		}
		if (!context.continueOnFail()) {
			throw new NodeOperationError(context.getNode(), error.message, {
				description: '网关用同一密钥校验签名（HMAC-SHA-256，方法、路径、时间戳、nonce、请求体）。未发送的推送保留在台账中，修正凭据后重跑即可，不会重复发送。',
			});
		}
		results = error.results;
	} finally {
		gateway?.close();
	}
	for (const result of results) {
		const { index, ...json } = result;
		output.push({ json: json as unknown as IDataObject, pairedItem: { item: itemOf[index] } });
	}
	return [output.sort((a, b) => pairedIndex(a) - pairedIndex(b))];
}

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

/** The request of one item, or the error that names what is wrong with it. */
function requestFor(context: IExecuteFunctions, read: ItemReaders, json: IDataObject, itemIndex: number): OutreachRequest | NodeOperationError {
	const templateId = String(read.templateId(itemIndex) ?? '').trim();
	if (!templateId) return new NodeOperationError(context.getNode(), '模板 ID 为空', { itemIndex });
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
	return hitId instanceof NodeOperationError ? hitId : { hitId, templateId, variables };
}

function pairedIndex(item: INodeExecutionData): number {
	const paired = item.pairedItem;
	return typeof paired === 'object' && paired !== null && !Array.isArray(paired) ? paired.item : 0;
}
