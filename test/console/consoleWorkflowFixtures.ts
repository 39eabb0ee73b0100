import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { readWorkflowJson, runWorkflow, type TestCredential, type WorkflowJson, type WorkflowRunResult } from '../harness';

export const CONSOLE_WORKFLOW = 'workflows/console.json';

/**
 * workflows/console.json cut where n8n's core nodes begin (Switch and Merge are not in the
 * harness; Respond to Webhook has a stand-in): the API's sends stop at Push Gate, the
 * outreach nodes stop before the Merge. The tests run each piece and route between them
 * as Push Gate's outputs, the shipped Switch "Test Channel" and the Merge do (routeByChannel,
 * mergedOutcomes).
 */
export function consoleWorkflowPieces(): WorkflowJson {
	const workflow = readWorkflowJson(CONSOLE_WORKFLOW);
	const api = workflow.connections.API.main;
	api[1] = (api[1] ?? []).filter((connection) => connection.node === 'Push Gate');
	api[2] = [];
	delete workflow.connections['Push Gate'];
	for (const name of ['Send SMS', 'Place Call', 'Test SMS', 'Test Call']) delete workflow.connections[name];
	delete workflow.connections['Merge Outcomes'];
	return workflow;
}

/** Sets an option of every Lead Console node of one operation (the built console's folder, say). */
export function withConsoleOption(workflow: WorkflowJson, operation: string, option: string, value: string): WorkflowJson {
	for (const node of workflow.nodes.filter((n) => n.type === 'n8n-nodes-lead-monitor.leadConsole' && n.parameters.operation === operation)) {
		node.parameters = { ...node.parameters, options: { ...(node.parameters.options as Record<string, string>), [option]: value } };
	}
	return workflow;
}

/** The Switch "Test Channel": each item to the node of its channel. */
export function routeByChannel(items: IDataObject[], channelOf: (item: IDataObject) => unknown, nodes: { sms: string; call: string }): Map<string, IDataObject[]> {
	return new Map([
		[nodes.sms, items.filter((item) => channelOf(item) === 'sms')],
		[nodes.call, items.filter((item) => channelOf(item) === 'call')],
	]);
}

/** What "Merge Outcomes" (Append, three inputs) hands to Send Result: what Lead Console sent out, the results, Push Gate's held items. */
export function mergedOutcomes(sentOut: IDataObject[], results: IDataObject[], held: IDataObject[]): IDataObject[] {
	return [...sentOut, ...results, ...held];
}

export interface WebhookRequest {
	headers?: Record<string, string>;
	query?: Record<string, unknown>;
	body?: unknown;
	files?: Array<{ field: string; fileName: string; mimeType: string; data: Buffer }>;
}

/** The Webhook node's item for a request to /webhook/console/api/<op>. */
export function apiRequestItem(op: string, request: WebhookRequest = {}): IDataObject | { json: IDataObject; binary: INodeExecutionData['binary'] } {
	const json: IDataObject = {
		headers: { host: '127.0.0.1:5678', ...request.headers },
		params: { op },
		query: (request.query ?? {}) as IDataObject,
		body: (request.body ?? {}) as IDataObject,
		webhookUrl: 'http://127.0.0.1:5678/webhook/console/api/:op',
		executionMode: 'production',
	};
	if (!request.files?.length) return json;
	const binary: NonNullable<INodeExecutionData['binary']> = {};
	for (const file of request.files) binary[file.field] = { data: file.data.toString('base64'), mimeType: file.mimeType, fileName: file.fileName };
	return { json, binary };
}

/** A browser of one person against the workflow: keeps the session cookie and CSRF token, as the web app does. */
export class WorkflowBrowser {
	cookie: string | undefined;
	csrfToken: string | undefined;

	constructor(
		private readonly workflow: () => WorkflowJson,
		private readonly credentials: () => TestCredential[],
	) {}

	async login(username: string, password: string): Promise<WorkflowRunResult> {
		const run = await this.call('POST', 'session.login', { body: { username, password } });
		const [answer] = run.outputOf('Respond With JSON');
		const setCookie = (answer?.headers as IDataObject | undefined)?.['Set-Cookie'];
		if (answer?.status === 200 && typeof setCookie === 'string') {
			this.cookie = setCookie.split(';')[0];
			this.csrfToken = (answer.body as IDataObject).csrfToken as string;
		}
		return run;
	}

	/** One request through the Webhook (GET: output 1, POST: output 2). `csrf: null` leaves the token out. */
	call(method: 'GET' | 'POST', op: string, request: WebhookRequest & { csrf?: string | null } = {}): Promise<WorkflowRunResult> {
		const headers: Record<string, string> = { ...request.headers };
		if (method === 'POST') headers['content-type'] = request.files ? 'multipart/form-data; boundary=x' : 'application/json';
		if (this.cookie) headers.cookie = this.cookie;
		const csrf = request.csrf === undefined ? this.csrfToken : request.csrf;
		if (method === 'POST' && csrf) headers['x-csrf-token'] = csrf;
		return runWorkflow(this.workflow(), {
			credentials: this.credentials(),
			input: { node: 'Console API', output: method === 'GET' ? 0 : 1, items: [apiRequestItem(op, { ...request, headers })] },
		});
	}
}
