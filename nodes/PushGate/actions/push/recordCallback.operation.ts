import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { applyStatusCallback, NonceCache, parseStatusCallback, verifySignature, type GatewayCredentials } from '../../../../lib/outreach';
import type { Store } from '../../../../lib/store';
import type { ErrorWording } from '../../../shared/errors';
import { gatewayCredentialsOf } from '../../../shared/outreach/gatewayCredentials';
import { eachItem, toOutputs, type ItemsByOutput } from '../../../shared/router';
import type { StoreConnection } from '../../../shared/transport/storeConnection';

const show = { operation: ['recordCallback'] };

export const description: INodeProperties[] = [
	{
		displayName:
			'Takes the Webhook items of the gateway’s status callbacks (Webhook option "Raw Body" on), checks their signature, records delivery, conversion and opt-outs. Hits whose status should change leave by the first output, for Lead Store → Update Status.',
		name: 'callbackNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Callback Path',
		name: 'callbackPath',
		type: 'string',
		default: '/webhook/outreach-callback',
		description: 'The path the gateway posts to, as it signs it (the Webhook node’s production path)',
		displayOptions: { show },
	},
	{
		displayName: 'Raw Body Property',
		name: 'rawBodyProperty',
		type: 'string',
		default: 'data',
		description: 'Binary property holding the raw request body (Webhook option "Raw Body"); the JSON body is used when it is missing',
		displayOptions: { show },
	},
];

/** Replays within the window are caught per process; applying a callback twice changes nothing anyway. */
const nonces = new NonceCache();

/** Webhook items → [hit status changes, recorded without a change]. */
export async function executeBatch(this: IExecuteFunctions, { store }: StoreConnection): Promise<INodeExecutionData[][]> {
	const credentials = await gatewayCredentialsOf(this);
	return eachItem(this, (itemIndex) => recordCallback(this, itemIndex, store, credentials), { outputs: 2, errorWording });
}

/** A callback that cannot be recorded says so, and goes to the second output with "Continue On Fail". */
export const errorWording: ErrorWording = {
	field: (field) => `网关回执无法处理：字段 "${field}"：`,
	unexpected: '网关回执无法处理：',
	output: 1,
	item: () => ({ recorded: false }),
};

async function recordCallback(context: IExecuteFunctions, itemIndex: number, store: Store, credentials: GatewayCredentials): Promise<ItemsByOutput> {
	const json = context.getInputData()[itemIndex].json;
	const raw = await rawBody(context, itemIndex, json);
	const verified = verifySignature({
		method: 'POST',
		path: String(context.getNodeParameter('callbackPath', itemIndex, '/webhook/outreach-callback')),
		body: raw,
		headers: (json.headers ?? {}) as Record<string, string>,
		secretOf: (appId) => (appId === credentials.appId ? credentials.secret : undefined),
		nonceSeen: (appId, nonce) => nonces.seenBefore(appId, nonce),
	});
	if (!verified.ok) {
		throw new NodeOperationError(context.getNode(), `网关回执签名校验失败（${verified.problem}）：${verified.message}`, {
			itemIndex,
			description: '回执未记录。请确认网关使用 Outreach Gateway 凭据中的 App ID 与签名密钥，且 Callback Path 与网关签名的路径一致。',
		});
	}
	const callback = parseStatusCallback(JSON.parse(raw.toString('utf8')));
	const record = await applyStatusCallback(store, callback);
	const item = { ...record, hitStatus: record.newHitStatus ?? record.hitStatus } as unknown as IDataObject;
	return record.newHitStatus && record.hitId !== null ? toOutputs([item], []) : toOutputs([], [item]);
}

async function rawBody(context: IExecuteFunctions, itemIndex: number, json: IDataObject): Promise<Buffer> {
	const property = String(context.getNodeParameter('rawBodyProperty', itemIndex, 'data'));
	if (context.getInputData()[itemIndex].binary?.[property]) return context.helpers.getBinaryDataBuffer(itemIndex, property);
	return Buffer.from(JSON.stringify(json.body ?? {}), 'utf8');
}
