import { closeWorkflowHarness, readWorkflowJson, runWorkflow, storeCredential, type StoreKind, type TestCredential } from '../harness';
import type { Store } from '../../lib/store';
import { createLead } from '../../lib/roster';
import { ReferenceGateway } from '../gateway/referenceGateway';
import { gatewayCredential, nodeStore, useSavedPolicy, workflowKeys } from '../push/workflowFixtures';
import { insertHit } from './boardSeed';

/**
 * Lead Board's own workflows, as the package shipped them before the board moved into the
 * console (workflows/console.json): the page, its JSON and its actions. They stay the
 * examples of the node's three operations; the shipped marketing-board.json now redirects.
 */
const BOARD = 'test/board/fixtures/marketing-board.json';
const ACTIONS = 'test/board/fixtures/board-actions.json';

function request(query: Record<string, string>, body: Record<string, unknown> = {}) {
	return { headers: { host: 'localhost:5678' }, params: {}, query, body };
}

let gateway: ReferenceGateway;
beforeAll(async () => {
	gateway = await ReferenceGateway.start();
});
afterAll(async () => {
	await closeWorkflowHarness();
	await gateway.close();
});

describe('the shipped marketing board workflow', () => {
	it('sends the old board URL to the console\'s board, with no login of its own', () => {
		const workflow = readWorkflowJson('workflows/marketing-board.json');
		const request = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.webhook');
		expect(request?.parameters).toEqual({ path: 'lead-board', httpMethod: 'GET', responseMode: 'responseNode', options: {} });
		expect(request?.credentials).toBeUndefined();
		const respond = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.respondToWebhook');
		// A relative Location (Respond With "Redirect" takes absolute URLs only): it works under any N8N_PATH.
		expect(respond?.parameters).toEqual({
			respondWith: 'noData',
			options: {
				responseCode: 302,
				responseHeaders: {
					entries: [
						{ name: 'Location', value: 'console#/board' },
						{ name: 'Cache-Control', value: 'no-store' },
					],
				},
			},
		});
		expect(workflow.connections[request?.name as string].main[0]?.[0]?.node).toBe(respond?.name);
	});
});

describe.each<StoreKind>(['postgres', 'pglite'])('Lead Board workflows on %s', (kind) => {
	let credential: TestCredential;
	let store: Store;
	const hitIds: number[] = [];

	beforeAll(async () => {
		credential = storeCredential(kind, { id: 'leadMonitorStore' });
		store = await nodeStore(credential);
		// The shipped actions workflow gates with the saved policy: one open around the clock, so the outcome does not depend on the hour.
		await useSavedPolicy(store);
		const now = Date.now();
		for (let i = 0; i < 25; i++) {
			const leadId = `WB${String(i).padStart(2, '0')}`;
			await createLead(store, workflowKeys, { leadId, name: `王小${i}`, phone: `1381234${String(1000 + i)}`, sourceChannel: '官网预约' });
			const createdAt = new Date(now - i * 3_600_000).toISOString();
			hitIds.push(await insertHit(store, { leadId, grade: i % 3 ? 'B' : 'A', source: i % 2 ? 'CRM自动导入' : '系统X', createdAt, hitDate: createdAt.slice(0, 10) }));
		}
	});

	it('renders the board page for the webhook request, with the query it was given', async () => {
		const run = await runWorkflow(BOARD, {
			credentials: [credential],
			input: { node: 'Board Request', items: [request({ grade: 'A', size: '10' })] },
		});
		expect(run.error).toBeUndefined();
		const [response] = run.outputOf('Respond With Page');
		const html = String(response.html);
		expect(html.startsWith('<!doctype html>')).toBe(true);
		expect(html).toContain('高潜线索营销');
		expect(html).toContain('显示第 1 至 9 条, 共 9 条线索');
		expect(html).toContain('action="lead-board-actions"');
		expect(response).toMatchObject({ total: 9, page: 1, pageCount: 1 });
		expect(html).not.toMatch(/1381234\d{4}/);
		expect(html).not.toContain('王小');
		expect(run.outputOf('Lead Board')).toHaveLength(1);
	});

	it('answers the JSON variant with the same data', async () => {
		const run = await runWorkflow(BOARD, {
			credentials: [credential],
			input: { node: 'Board Data Request', items: [request({ page: '2', size: '10' })] },
		});
		expect(run.error).toBeUndefined();
		const [data] = run.outputOf('Respond With Data');
		expect(data).toMatchObject({
			timeZone: 'Asia/Shanghai',
			kpis: { total: 25, awaiting: 25 },
			hits: { total: 25, page: 2, pageSize: 10, pageCount: 3, from: 11, to: 20 },
			query: { page: 2, pageSize: 10, lang: 'zh' },
		});
		expect((data.trend as unknown[]).length).toBe(7);
		expect(JSON.stringify(data)).not.toMatch(/1381234\d{4}/);
	});

	it('changes statuses from the board and sends the browser back where it was', async () => {
		const run = await runWorkflow(ACTIONS, {
			credentials: [credential],
			input: {
				items: [request({}, { action: 'status', hitIds: [String(hitIds[0]), String(hitIds[1])], status: 'converted', returnTo: 'grade=A&size=10' })],
			},
		});
		expect(run.error).toBeUndefined();
		const [answer] = run.outputOf('Back To Board');
		expect(answer).toMatchObject({
			action: 'status',
			count: 2,
			redirect: 'lead-board?grade=A&size=10&notice=status.2.0.converted',
		});
		const rows = await store.query<{ status: string }>('SELECT status FROM hits WHERE hit_id = ANY($1::bigint[])', [hitIds.slice(0, 2)]);
		expect(rows.rows.map((r) => r.status)).toEqual(['converted', 'converted']);
		expect(run.outputOf('Board Action', 1)).toEqual([]);
	});

	it('sends a batch SMS through Push Gate to the gateway: exactly the selected leads, once', async () => {
		gateway.reset();
		const selected = hitIds.slice(2, 5);
		const run = await runWorkflow(ACTIONS, {
			credentials: [credential, gatewayCredential(gateway)],
			input: { items: [request({}, { action: 'sms', hitIds: selected.join(','), returnTo: 'page=2' })] },
		});
		expect(run.error).toBeUndefined();
		expect(run.outputOf('Back To Board')).toEqual([expect.objectContaining({ action: 'sms', count: 3, redirect: 'lead-board?page=2&notice=sms.3.0' })]);
		const handedOver = run.outputOf('Board Action', 1);
		expect(handedOver.map((h) => [h.hitId, h.channel, h.phone])).toEqual(
			selected.map((id, i) => [id, 'sms', `138****${String(1002 + i)}`]),
		);
		expect(gateway.recipients().sort()).toEqual(['13812341002', '13812341003', '13812341004']);
		expect([...gateway.messages.values()].every((m) => m.channel === 'sms')).toBe(true);

		// The same click again: the ledger and the policy's daily cap keep it from going twice.
		await runWorkflow(ACTIONS, {
			credentials: [credential, gatewayCredential(gateway)],
			input: { items: [request({}, { action: 'sms', hitIds: selected.join(',') })] },
		});
		expect(gateway.recipients()).toHaveLength(3);
	});

	it('places batch calls through the call branch only', async () => {
		gateway.reset();
		const run = await runWorkflow(ACTIONS, {
			credentials: [credential, gatewayCredential(gateway)],
			input: { items: [request({}, { action: 'call', hitIds: [String(hitIds[10])] })] },
		});
		expect(run.error).toBeUndefined();
		expect(run.outputOf('Board Action', 1)).toEqual([]);
		expect(run.outputOf('Board Action', 2).map((h) => h.hitId)).toEqual([hitIds[10]]);
		expect([...gateway.messages.values()].map((m) => [m.channel, m.to])).toEqual([['call', '13812341010']]);
	});

	it('fails with the field named for a request that is not a board action', async () => {
		const run = await runWorkflow(ACTIONS, {
			credentials: [credential],
			input: { items: [request({}, { action: 'delete-everything', hitIds: '1' })] },
		});
		expect(run.nodeErrors['Board Action']?.message).toMatch(/^Field "action": "delete-everything" is not one of status, sms, call/);
	});
});
