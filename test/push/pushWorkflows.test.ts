import { closeWorkflowHarness, readWorkflowJson, runWorkflow, storeCredential, type StoreKind, type TestCredential } from '../harness';
import { keyedHash } from '../../lib/privacy';
import { recordContactPreference } from '../../lib/ledger';
import type { Store } from '../../lib/store';
import { ReferenceGateway } from '../gateway/referenceGateway';
import { ledgerRows, seedHits, uniqueSeed } from './pushFixtures';
import { gatewayCredential, nodeStore, runPushWorkflow, workflowKeys } from './workflowFixtures';

const TIERS = [
	['push-hourly', 'A', { field: 'hours', hoursInterval: 1 }],
	['push-daily', 'B', { field: 'days', daysInterval: 1, triggerAtHour: 9, triggerAtMinute: 15 }],
	['push-weekly', 'C', { field: 'days', daysInterval: 7, triggerAtHour: 10 }],
	['push-monthly', 'D', { field: 'days', daysInterval: 30, triggerAtHour: 10 }],
] as const;

describe('shipped push workflows', () => {
	it.each(TIERS)('%s: schedule → pending hits of grade %s → Push Gate → Switch → SMS / Call → status', (name, grade, interval) => {
		const workflow = readWorkflowJson(`workflows/${name}.json`);
		expect(workflow.settings).toEqual({ executionOrder: 'v1', timezone: 'Asia/Shanghai' });
		const byName = Object.fromEntries(workflow.nodes.map((node) => [node.name, node]));
		expect(byName['Schedule'].parameters).toEqual({ rule: { interval: [interval] } });
		expect(byName['Pending Hits'].parameters).toMatchObject({ resource: 'hit', operation: 'list', returnAll: true, filters: { status: 'pending', grade } });
		expect(byName['Push Gate']).toMatchObject({ type: 'n8n-nodes-lead-monitor.pushGate', parameters: { operation: 'gate', preset: 'standard' } });
		expect(byName['By Channel']).toMatchObject({ type: 'n8n-nodes-base.switch', typeVersion: 3.2 });
		expect(byName['Send SMS'].type).toBe('n8n-nodes-lead-monitor.sms');
		expect(byName['Place Call'].type).toBe('n8n-nodes-lead-monitor.outboundCall');
		expect(workflow.connections['Push Gate'].main[0]).toEqual([{ node: 'By Channel', type: 'main', index: 0 }]);
		expect(workflow.connections['By Channel'].main.map((out) => out?.[0].node)).toEqual(['Send SMS', 'Place Call']);
		for (const node of workflow.nodes.filter((n) => n.type.startsWith('n8n-nodes-lead-monitor.'))) {
			expect(node.credentials?.leadMonitorStoreApi).toEqual({ id: 'leadMonitorStore', name: 'Lead Monitor Store (embedded)' });
		}
		expect(byName['Send SMS'].credentials?.outreachGatewayApi).toEqual({ id: 'outreachGateway', name: 'Outreach Gateway (demo)' });
	});

	it('outreach-callback and test-push are wired as documented', () => {
		const callback = readWorkflowJson('workflows/outreach-callback.json');
		expect(callback.nodes.find((n) => n.name === 'Gateway Callback')?.parameters).toMatchObject({ path: 'outreach-callback', options: { rawBody: true } });
		expect(callback.connections['Record Callback'].main.map((out) => out?.[0].node)).toEqual(['Update Hit Status', 'Acknowledge']);
		const test = readWorkflowJson('workflows/test-push.json');
		expect(test.nodes.find((n) => n.name === 'Test SMS')?.parameters).toMatchObject({ recipient: 'phone' });
	});
});

afterAll(closeWorkflowHarness);

describe.each<StoreKind>(['postgres', 'pglite'])('push workflows through the real engine on %s', (kind) => {
	let gateway: ReferenceGateway;
	let credentials: TestCredential[];
	let store: Store;
	beforeAll(async () => {
		gateway = await ReferenceGateway.start();
		const storeCred = storeCredential(kind, { id: 'leadMonitorStore' });
		credentials = [storeCred, gatewayCredential(gateway)];
		store = await nodeStore(storeCred);
	});
	afterEach(() => gateway.reset());
	afterAll(() => gateway.close());

	it('push-hourly calls A hits, push-daily texts B hits, once; a second run sends nothing', async () => {
		const aHits = await seedHits(store, workflowKeys, { ...uniqueSeed(), leads: 3, grade: () => 'A' });
		const bHits = await seedHits(store, workflowKeys, { ...uniqueSeed(), leads: 4, grade: () => 'B' });

		const hourly = await runPushWorkflow('workflows/push-hourly.json', credentials);
		// Lead Store lists the newest hits first.
		const newestFirst = [...aHits].reverse();
		expect(hourly.send.map((item) => [item.hitId, (item.push as { channel: string }).channel])).toEqual(newestFirst.map((hit) => [hit.hitId, 'call']));
		const calls = hourly.outreach.get('Place Call');
		expect(calls?.error).toBeUndefined();
		expect(calls?.outputOf('Place Call').map((r) => r.outcome)).toEqual(['sent', 'sent', 'sent']);
		expect(calls?.outputOf('Update Hit Status').map((hit) => hit.status)).toEqual(['in_progress', 'in_progress', 'in_progress']);

		const daily = await runPushWorkflow('workflows/push-daily.json', credentials);
		expect(daily.outreach.get('Send SMS')?.outputOf('Send SMS').map((r) => r.outcome)).toEqual(['sent', 'sent', 'sent', 'sent']);
		expect(gateway.recipients().sort()).toEqual([...aHits, ...bHits].map((hit) => hit.phone).sort());
		expect([...gateway.messages.values()].filter((m) => m.channel === 'sms')[0].variables).toEqual({ label: '活跃机构命中', reason: '近7天内在3家机构核验5次' });

		const again = await runPushWorkflow('workflows/push-daily.json', credentials);
		expect(again.send).toEqual([]);
		expect(gateway.messages.size).toBe(7);
		expect((await ledgerRows(store, [...aHits, ...bHits])).map((row) => row.state)).toEqual(Array(7).fill('sent'));
	});

	it('rides out 5xx and dropped connections with retries, and a re-run of the SMS step sends nothing', async () => {
		const [hit] = await seedHits(store, workflowKeys, { ...uniqueSeed(), leads: 1, grade: () => 'B' });
		gateway.failNext({ kind: 'status', status: 500 }, { kind: 'drop' }, { kind: 'acceptThenDrop' });
		const run = await runPushWorkflow('workflows/push-daily.json', credentials);
		const sms = run.outreach.get('Send SMS');
		expect(sms?.outputOf('Send SMS')).toEqual([expect.objectContaining({ hitId: hit.hitId, outcome: 'duplicate', attempts: 4, hitStatus: 'in_progress' })]);
		expect(gateway.received.map((r) => r.verdict)).toEqual(['fault:status:500', 'fault:drop', 'accepted+drop', 'duplicate']);
		expect(gateway.messages.size).toBe(1);

		const rerun = await runWorkflow(readWorkflowJson('workflows/push-daily.json'), { credentials, input: { node: 'Send SMS', items: run.send } });
		expect(rerun.outputOf('Send SMS')).toEqual([expect.objectContaining({ outcome: 'already_sent', outcomeLabel: '此前已发送，未重复发送' })]);
		expect(gateway.received).toHaveLength(4);
	});

	it('two executions of the same workflow at once send each hit once and keep the cap', async () => {
		// Two hits per lead: the SMS cap (1 a day) lets one through per lead, whichever execution decides first.
		const hits = await seedHits(store, workflowKeys, { ...uniqueSeed(), leads: 15, hitsPerLead: 2, grade: () => 'C' });
		const [one, two] = await Promise.all([
			runPushWorkflow('workflows/push-weekly.json', credentials),
			runPushWorkflow('workflows/push-weekly.json', credentials),
		]);
		for (const run of [one, two]) for (const outreach of run.outreach.values()) expect(outreach.error).toBeUndefined();
		expect(gateway.messages.size).toBe(15);
		expect([...gateway.sendsByKey().values()].every((n) => n === 1)).toBe(true);
		expect(new Set(gateway.recipients()).size).toBe(15);
		const sent = (await ledgerRows(store, hits)).filter((row) => row.state === 'sent');
		expect(new Set(sent.map((row) => row.lead_id)).size).toBe(15);
		expect(sent).toHaveLength(15);
	});

	it('holds an opted-out lead with the reason, and sends the others', async () => {
		const hits = await seedHits(store, workflowKeys, { ...uniqueSeed(), leads: 2, grade: () => 'D' });
		await recordContactPreference(store, { subjectHash: keyedHash(workflowKeys.hashKey, hits[0].phone), channel: 'all', optedOut: true, reason: '回复TD退订' });
		const run = await runPushWorkflow('workflows/push-monthly.json', credentials);
		expect(run.held).toEqual([
			expect.objectContaining({
				hitId: hits[0].hitId,
				push: expect.objectContaining({ decision: 'held', reasonCode: 'opted_out', final: true, earliestAt: null }),
			}),
		]);
		expect(gateway.recipients()).toEqual([hits[1].phone]);
	});

	it('reports a signature the gateway refuses, sends nothing, and a corrected credential then sends', async () => {
		const [hit] = await seedHits(store, workflowKeys, { ...uniqueSeed(), leads: 1, grade: () => 'B' });
		const wrong = [credentials[0], gatewayCredential(gateway, 'a-wrong-secret-0123456789')];
		const refused = await runPushWorkflow('workflows/push-daily.json', wrong);
		const sms = refused.outreach.get('Send SMS');
		expect(sms?.nodeErrors['Send SMS']?.message).toBe(
			'网关拒绝了请求签名（HTTP 401：bad_signature 签名不正确（密钥不一致或请求被改动））：请检查 Outreach Gateway 凭据的 App ID 与签名密钥',
		);
		expect(gateway.received.map((r) => r.verdict)).toEqual(['rejected:bad_signature']);
		expect(gateway.messages.size).toBe(0);
		expect((await ledgerRows(store, [hit]))[0]).toMatchObject({ state: 'failed', detail: expect.objectContaining({ retryable: true, code: 'bad_signature' }) });

		const fixed = await runPushWorkflow('workflows/push-daily.json', credentials);
		expect(fixed.outreach.get('Send SMS')?.outputOf('Send SMS')).toEqual([expect.objectContaining({ hitId: hit.hitId, outcome: 'sent' })]);
	});

	it('test-push sends one message to the given number through the same gateway and ledger', async () => {
		const run = await runWorkflow('workflows/test-push.json', { credentials, input: { items: [{ phone: '139 0013 9000' }] } });
		expect(run.error).toBeUndefined();
		expect(run.outputOf('Test SMS')).toEqual([expect.objectContaining({ outcome: 'sent', phone: '139****9000', hitId: null })]);
		expect(gateway.recipients()).toEqual(['13900139000']);
		expect([...gateway.messages.values()][0]).toMatchObject({ templateId: 'SMS_TEST', variables: { label: '测试推送', reason: '这是一条测试短信，无需回复' } });
	});
});
