import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ConsoleRequest, UploadedFile } from '../../../../lib/console';
import { dropBinaryInput } from '../../../shared/transport/binaryInput';

type Headers = Record<string, string | string[] | undefined>;

/**
 * The console's request from the Webhook node's item (`{ headers, params, query, body }` and a
 * binary property per uploaded file): the operation from the `:op` path parameter, the method
 * from the Webhook output it came by (one output per method).
 */
export async function consoleRequestOf(context: IExecuteFunctions, itemIndex: number): Promise<ConsoleRequest> {
	const item = context.getInputData()[itemIndex];
	const json = item.json;
	const headers = (isObject(json.headers) ? json.headers : {}) as Headers;
	const params = isObject(json.params) ? json.params : {};
	const files: UploadedFile[] = [];
	for (const [field, binary] of Object.entries(item.binary ?? {})) {
		files.push({ field, fileName: binary.fileName ?? field, mimeType: binary.mimeType, data: await context.helpers.getBinaryDataBuffer(itemIndex, field) });
		// In memory now: the upload (a roster, a blacklist) leaves n8n's binary-data folder.
		await dropBinaryInput(context, itemIndex, field);
	}
	const clientAddress = rightmostForwardedFor(headers);
	return {
		method: webhookMethod(context),
		op: String(params.op ?? ''),
		query: isObject(json.query) ? json.query : {},
		body: json.body ?? {},
		headers,
		...(files.length ? { files } : {}),
		...(clientAddress ? { clientAddress } : {}),
		secure: isSecure(headers, json.webhookUrl),
	};
}

/** A static answer's request: the If-None-Match header, and the path parameter. */
export function webhookHeader(json: IDataObject, name: string): string | undefined {
	const headers = (isObject(json.headers) ? json.headers : {}) as Headers;
	const value = headers[name];
	return Array.isArray(value) ? value[0] : value;
}

/**
 * The HTTP method: a Webhook with several methods has one output per method, in the order of
 * its HTTP Method parameter, so the output the item came by names it. A Webhook with one
 * method names it; anything else (no webhook before this node) counts as GET, which can
 * never run a write.
 */
function webhookMethod(context: IExecuteFunctions): string {
	let source: { previousNode: string; previousNodeOutput?: number } | undefined;
	try {
		source = context.getInputSourceData();
	} catch {
		return 'GET';
	}
	if (!source) return 'GET';
	const parent = context.getParentNodes(context.getNode().name, { includeNodeParameters: true }).find((node) => node.name === source.previousNode);
	const methods = parent?.parameters?.httpMethod;
	if (Array.isArray(methods)) return String(methods[source.previousNodeOutput ?? 0] ?? 'GET').toUpperCase();
	return typeof methods === 'string' ? methods.toUpperCase() : 'GET';
}

/**
 * The client's address as the nearest proxy saw it: the last X-Forwarded-For entry (the
 * earlier ones are whatever the client sent). The webhook item carries no address of its
 * own, so without a proxy there is none and login throttling counts per account only.
 */
function rightmostForwardedFor(headers: Headers): string | undefined {
	const value = headers['x-forwarded-for'];
	const entries = (Array.isArray(value) ? value.join(',') : (value ?? '')).split(',').map((entry) => entry.trim()).filter(Boolean);
	return entries.at(-1)?.slice(0, 64);
}

/** Over https: the proxy says so (X-Forwarded-Proto), or n8n's own webhook URL is https. */
function isSecure(headers: Headers, webhookUrl: unknown): boolean {
	const proto = headers['x-forwarded-proto'];
	const first = (Array.isArray(proto) ? proto[0] : (proto ?? '')).split(',')[0].trim().toLowerCase();
	if (first) return first === 'https';
	return typeof webhookUrl === 'string' && webhookUrl.startsWith('https:');
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
