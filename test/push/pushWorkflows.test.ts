import type { IDataObject } from 'n8n-workflow';

import { closeWorkflowHarness, readWorkflowJson, runWorkflow, storeCredential, type StoreKind, type TestCredential } from '../harness';
import { activeConfig, saveConfig } from '../../lib/config';
import { hitStatuses } from '../../lib/hits';
import { keyedHash } from '../../lib/privacy';
import { recordContactPreference } from '../../lib/ledger';
import { frequenciesConfig, policyConfig } from '../../lib/push';
import type { Store } from '../../lib/store';
import { ReferenceGateway } from '../gateway/referenceGateway';
import { ledgerRows, seedHits, uniqueSeed } from './pushFixtures';
import { gatewayCredential, nodeStore, PUSH_WORKFLOW, runPushWorkflow, tierItem, useSavedPolicy, workflowKeys } from './workflowFixtures';

const STORE_CREDENTIAL = { id: 'leadMonitorStore', name: 'Lead Monitor Store (embedded)' };

describe('the shipped push workflow', () => {
	it('push-by-frequency: every 15 minutes → Due Tiers → pending hits of the tier → Push Gate (saved policy) → Switch → SMS / Call → status; Finish Tier Run', () => {
		const workflow = readWorkflowJson(PUSH_WORKFLOW);
		expect(workflow.settings).toMatchObject({ executionOrder: 'v1', timezone: 'Asia/Shanghai' });
		const byName = Object.fromEntries(workflow.nodes.map((node) => [node.name, node]));
		expect(byName['Every 15 Minutes'].parameters).toEqual({ rule: { interval: [{ field: 'minutes', minutesInterval: 15 }] } });
		expect(byName['Run Now']).toMatchObject({
			type: 'n8n-nodes-base.webhook',
			parameters: { httpMethod: 'POST', path: 'push-by-frequency-run', authentication: 'headerAuth', responseMode: 'responseNode' },
			credentials: { httpHeaderAuth: { id: 'leadImportApiKey', name: 'Lead Import API Key' } },
		});
		expect(byName['Due Tiers']).toMatchObject({ type: 'n8n-nodes-lead-monitor.pushGate', parameters: { resource: 'tier', operation: 'dueTiers' } });
		expect(byName['Due Tiers'].parameters.now).toBeUndefined();
		expect(byName['Pending Hits of Tier'].parameters).toEqual({
			resource: 'hit',
			operation: 'list',
			returnAll: true,
			filters: { status: 'pending', grades: '={{ $json.grades }}', rules: '={{ $json.rules }}', exceptRules: '={{ $json.exceptRules }}' },
		});
		expect(byName['Push Gate']).toMatchObject({ type: 'n8n-nodes-lead-monitor.pushGate', parameters: { operation: 'gate', policySource: 'saved', outputs: 'channel' } });
		// No node after the gate evaluates an expression per hit (in n8n 2.x's vm engine 1.2–1.8 ms each: 10 000 hits, 15–30 s).
		expect(workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.switch' || node.name === 'Update Hit Status')).toEqual([]);
		expect(byName['Send SMS'].type).toBe('n8n-nodes-lead-monitor.sms');
		expect(byName['Place Call'].type).toBe('n8n-nodes-lead-monitor.outboundCall');
		expect(byName['Finish Tier Run'].parameters).toEqual({ resource: 'tier', operation: 'finishTierRun', tier: '={{ $json.tier }}', periodKey: '={{ $json.periodKey }}' });

		const next = (node: string, output = 0) => workflow.connections[node].main[output]?.map((c) => c.node);
		expect(next('Every 15 Minutes')).toEqual(['Due Tiers']);
		expect(next('Run Now')).toEqual(['Due Tiers']);
		expect(next('Due Tiers')).toEqual(['Pending Hits of Tier', 'Finish Tier Run']);
		expect(next('Pending Hits of Tier')).toEqual(['Push Gate']);
		expect(workflow.connections['Push Gate'].main.map((out) => out?.map((c) => c.node))).toEqual([['Send SMS'], ['Place Call'], []]);
		expect([workflow.connections['Send SMS'], workflow.connections['Place Call']]).toEqual([undefined, undefined]);
		// Each send records its hit's status itself (the option's default).
		expect([byName['Send SMS'].parameters.options, byName['Place Call'].parameters.options]).not.toContainEqual(expect.objectContaining({ updateHitStatus: false }));
		expect(next('Finish Tier Run')).toEqual(['Respond With Runs']);
		// n8n's v1 order runs a node's children top to bottom, each branch to its end: Finish Tier Run, placed
		// below the push branch, runs after it, once per tier, even when the branch had nothing to send.
		expect(byName['Finish Tier Run'].position[1]).toBeGreaterThan(byName['Pending Hits of Tier'].position[1]);

		for (const node of workflow.nodes.filter((n) => n.type.startsWith('n8n-nodes-lead-monitor.'))) {
			expect(node.credentials?.leadMonitorStoreApi).toEqual(STORE_CREDENTIAL);
		}
		expect(byName['Send SMS'].credentials?.outreachGatewayApi).toEqual({ id: 'outreachGateway', name: 'Outreach Gateway (demo)' });
		const note = String(byName['About'].parameters.content);
		expect(note).toContain('推送频率管理');
		expect(note).toContain('A 级每小时（整点起），B 级每天 09:15，C 级每周一 10:00，D 级每月 1 日 10:00');
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

const tiersOf = (run: { tiers: IDataObject[] }) => run.tiers.map((tier) => tier.periodKey);

/** Between tests on one store: no tier run, no pending hit, the cold-start push frequencies active again. */
async function startAfresh(store: Store): Promise<void> {
	await store.query('DELETE FROM tier_runs');
	await store.query(`UPDATE hits SET status = 'contact_failed' WHERE status = 'pending'`);
	const active = await activeConfig(store, frequenciesConfig);
	await saveConfig(store, frequenciesConfig, frequenciesConfig.coldStart(), { author: 'test', baseVersion: active.version });
}

describe.each<StoreKind>(['postgres', 'pglite'])('push-by-frequency through the real engine on %s', (kind) => {
	let gateway: ReferenceGateway;
	let credentials: TestCredential[];
	let store: Store;
	beforeAll(async () => {
		gateway = await ReferenceGateway.start();
		const storeCred = storeCredential(kind, { id: 'leadMonitorStore' });
		credentials = [storeCred, gatewayCredential(gateway)];
		store = await nodeStore(storeCred);
	});
	// Each test starts as a fresh install would tick: no tier has run, no earlier test's hit is pending.
	beforeEach(async () => {
		await startAfresh(store);
		await useSavedPolicy(store);
	});
	afterEach(() => gateway.reset());
	afterAll(() => gateway.close());

	it('an hourly tick calls the A hits; the B hits are texted only at 09:15; each once, however often the trigger fires', async () => {
		const aHits = await seedHits(store, workflowKeys, { ...uniqueSeed(), leads: 3, grade: () => 'A' });
		const bHits = await seedHits(store, workflowKeys, { ...uniqueSeed(), leads: 4, grade: () => 'B' });

		const policyVersion = (await activeConfig(store, policyConfig)).version;
		// Tuesday 08:00: A's hour has come; C (Mondays 10:00) and D (the 1st) never ran, so they catch up, with nothing to send.
		const eight = await runPushWorkflow(credentials, { now: '2027-01-05T08:00:00+08:00' });
		expect(tiersOf(eight)).toEqual(['A:2027-01-05T08', 'C:2027-W01', 'D:2027-01']);
		expect(eight.tiers[0]).toEqual({
			tier: 'A',
			label: 'A 级线索：每小时（第 00 分）',
			periodKey: 'A:2027-01-05T08',
			periodStart: '2027-01-05T00:00:00.000Z',
			dueFrom: '2027-01-05T00:00:00.000Z',
			missedPeriods: 0,
			grades: ['A'],
			rules: [],
			exceptRules: [],
			frequenciesVersion: (await activeConfig(store, frequenciesConfig)).version,
		});
		// Lead Store lists the newest hits first.
		const newestFirst = [...aHits].reverse();
		expect(eight.send.map((item) => [item.hitId, (item.push as { channel: string }).channel])).toEqual(newestFirst.map((hit) => [hit.hitId, 'call']));
		expect(eight.send.every((item) => (item.push as IDataObject).policyVersion === policyVersion)).toBe(true);
		const calls = eight.outreach.get('Place Call');
		expect(calls?.error).toBeUndefined();
		expect(calls?.outputOf('Place Call').map((r) => r.outcome)).toEqual(['sent', 'sent', 'sent']);
		expect(calls?.outputOf('Place Call').map((r) => r.hitStatus)).toEqual(['in_progress', 'in_progress', 'in_progress']);
		expect([...(await hitStatuses(store, aHits.map((hit) => hit.hitId))).values()]).toEqual(['in_progress', 'in_progress', 'in_progress']);
		expect(eight.outreach.has('Send SMS')).toBe(false);
		expect(eight.finished.map((run) => [run.periodKey, run.summary])).toEqual([
			['A:2027-01-05T08', { pushes: { call: { sent: 3 } }, stillPending: 0 }],
			['C:2027-W01', { pushes: {}, stillPending: 0 }],
			['D:2027-01', { pushes: {}, stillPending: 0 }],
		]);
		expect(eight.finished.every((run) => typeof run.finishedAt === 'string' && run.frequenciesVersion === eight.tiers[0].frequenciesVersion)).toBe(true);

		// The same period again (a second trigger, a second worker): nothing is due, nothing runs.
		for (const now of ['2027-01-05T08:00:00+08:00', '2027-01-05T08:15:00+08:00', '2027-01-05T08:59:59+08:00']) {
			const again = await runPushWorkflow(credentials, { now });
			expect(again.tiers).toEqual([]);
			expect(again.gate.executedNodes).not.toContain('Pending Hits of Tier');
		}
		// 09:00: A's next hour, nothing left to call; B is not due before 09:15.
		const nine = await runPushWorkflow(credentials, { now: '2027-01-05T09:00:00+08:00' });
		expect(tiersOf(nine)).toEqual(['A:2027-01-05T09']);
		expect(nine.send).toEqual([]);
		expect(gateway.messages.size).toBe(3);

		const nineFifteen = await runPushWorkflow(credentials, { now: '2027-01-05T09:15:00+08:00' });
		expect(tiersOf(nineFifteen)).toEqual(['B:2027-01-05']);
		expect(nineFifteen.outreach.get('Send SMS')?.outputOf('Send SMS').map((r) => r.outcome)).toEqual(['sent', 'sent', 'sent', 'sent']);
		expect(nineFifteen.finished.map((run) => run.summary)).toEqual([{ pushes: { sms: { sent: 4 } }, stillPending: 0 }]);
		expect(gateway.recipients().sort()).toEqual([...aHits, ...bHits].map((hit) => hit.phone).sort());
		expect([...gateway.messages.values()].filter((m) => m.channel === 'sms')[0].variables).toEqual({ label: '活跃机构命中', reason: '近7天内在3家机构核验5次' });

		for (const now of ['2027-01-05T09:30:00+08:00', '2027-01-05T09:45:00+08:00']) expect((await runPushWorkflow(credentials, { now })).tiers).toEqual([]);
		expect(gateway.messages.size).toBe(7);
		expect([...gateway.sendsByKey().values()].every((n) => n === 1)).toBe(true);
		expect((await ledgerRows(store, [...aHits, ...bHits])).map((row) => row.state)).toEqual(Array(7).fill('sent'));
	});

	it('two executions of the same tick at once: one wins each tier, the hits are sent once', async () => {
		const hits = await seedHits(store, workflowKeys, { ...uniqueSeed(), leads: 6, grade: (lead) => (lead % 2 ? 'A' : 'B') });
		const now = '2027-01-05T09:15:00+08:00';
		const [one, two] = await Promise.all([runPushWorkflow(credentials, { now }), runPushWorkflow(credentials, { now })]);
		expect([...tiersOf(one), ...tiersOf(two)].sort()).toEqual(['A:2027-01-05T09', 'B:2027-01-05', 'C:2027-W01', 'D:2027-01']);
		expect(gateway.messages.size).toBe(6);
		expect([...gateway.sendsByKey().values()].every((n) => n === 1)).toBe(true);
		expect((await ledgerRows(store, hits)).map((row) => row.state)).toEqual(Array(6).fill('sent'));
		const runs = await store.query<{ n: number }>('SELECT count(*)::int AS n FROM tier_runs');
		expect(runs.rows[0].n).toBe(4);
	});

	it('runs the frequencies saved in the store from the next tick: a rule with a tier of its own leaves its grade’s tier', async () => {
		// Grade B hits of rule-1 and (other leads) of rule-2; rule-2 gets an hourly tier of its own.
		const ruleOne = await seedHits(store, workflowKeys, { ...uniqueSeed(), leads: 3, grade: () => 'B' });
		const ruleTwo = await seedHits(store, workflowKeys, { ...uniqueSeed(), leads: 3, grade: () => 'B' });
		await store.query(`UPDATE hits SET rule_id = 'rule-2' WHERE hit_id = ANY($1::bigint[])`, [ruleTwo.map((hit) => hit.hitId)]);
		const active = await activeConfig(store, frequenciesConfig);
		const frequencies = structuredClone(active.body);
		frequencies.tiers.push({ id: 'R2', title: '关键行为指标', rules: ['rule-2'], frequency: { kind: 'hourly', minute: 30 } });
		const saved = await saveConfig(store, frequenciesConfig, frequencies, { author: 'console: 李雷', note: 'rule-2 每小时推送', baseVersion: active.version });
		const version = saved.active.version;
		expect(version).toBe(active.version + 1);

		const first = await runPushWorkflow(credentials, { now: '2027-01-05T08:30:00+08:00' });
		expect(first.tiers.map((tier) => [tier.periodKey, tier.label, tier.grades, tier.rules, tier.exceptRules, tier.frequenciesVersion])).toEqual([
			['A:2027-01-05T08', 'A 级线索：每小时（第 00 分）', ['A'], [], ['rule-2'], version],
			['C:2027-W01', 'C 级线索：每7日（每周一 10:00）', ['C'], [], ['rule-2'], version],
			['D:2027-01', 'D 级线索：每30日（每月 1 日 10:00）', ['D'], [], ['rule-2'], version],
			['R2:2027-01-05T08', '关键行为指标：每小时（第 30 分）', [], ['rule-2'], [], version],
		]);
		expect(first.send.map((item) => item.hitId).sort()).toEqual(ruleTwo.map((hit) => hit.hitId).sort());

		// The next day at 09:15 B sends its rule-1 hits only; R2 is due from 09:30.
		const next = await runPushWorkflow(credentials, { now: '2027-01-06T09:15:00+08:00' });
		expect(tiersOf(next)).toEqual(['A:2027-01-06T09', 'B:2027-01-06']);
		expect(next.send.map((item) => item.hitId).sort()).toEqual(ruleOne.map((hit) => hit.hitId).sort());
		expect(gateway.messages.size).toBe(6);
	});

	it('two gates at once on the same hits (overlapping tier runs, or the board) send each hit once and keep the cap', async () => {
		// Two hits per lead: the SMS cap (1 a day) lets one through per lead, whichever execution decides first.
		const hits = await seedHits(store, workflowKeys, { ...uniqueSeed(), leads: 15, hitsPerLead: 2, grade: () => 'C' });
		const tiers = [tierItem('C', { grades: ['C'] })];
		const [one, two] = await Promise.all([runPushWorkflow(credentials, { tiers }), runPushWorkflow(credentials, { tiers })]);
		for (const run of [one, two]) for (const outreach of run.outreach.values()) expect(outreach.error).toBeUndefined();
		expect(gateway.messages.size).toBe(15);
		expect([...gateway.sendsByKey().values()].every((n) => n === 1)).toBe(true);
		expect(new Set(gateway.recipients()).size).toBe(15);
		const sent = (await ledgerRows(store, hits)).filter((row) => row.state === 'sent');
		expect(new Set(sent.map((row) => row.lead_id)).size).toBe(15);
		expect(sent).toHaveLength(15);
	});

	it('rides out 5xx and dropped connections with retries, and a re-run of the SMS step sends nothing', async () => {
		const [hit] = await seedHits(store, workflowKeys, { ...uniqueSeed(), leads: 1, grade: () => 'B' });
		gateway.failNext({ kind: 'status', status: 500 }, { kind: 'drop' }, { kind: 'acceptThenDrop' });
		const run = await runPushWorkflow(credentials, { now: '2027-01-05T09:15:00+08:00' });
		const sms = run.outreach.get('Send SMS');
		expect(sms?.outputOf('Send SMS')).toEqual([expect.objectContaining({ hitId: hit.hitId, outcome: 'duplicate', attempts: 4, hitStatus: 'in_progress' })]);
		expect(gateway.received.map((r) => r.verdict)).toEqual(['fault:status:500', 'fault:drop', 'accepted+drop', 'duplicate']);
		expect(gateway.messages.size).toBe(1);

		const rerun = await runWorkflow(readWorkflowJson(PUSH_WORKFLOW), { credentials, input: { node: 'Send SMS', items: run.send } });
		expect(rerun.outputOf('Send SMS')).toEqual([expect.objectContaining({ outcome: 'already_sent', outcomeLabel: '此前已发送，未重复发送' })]);
		expect(gateway.received).toHaveLength(4);
	});

	it('holds an opted-out lead with the reason, and sends the others', async () => {
		const hits = await seedHits(store, workflowKeys, { ...uniqueSeed(), leads: 2, grade: () => 'D' });
		await recordContactPreference(store, { subjectHash: keyedHash(workflowKeys.hashKey, hits[0].phone), channel: 'all', optedOut: true, reason: '回复TD退订' });
		const run = await runPushWorkflow(credentials, { now: '2027-02-01T10:00:00+08:00' });
		expect(run.held).toEqual([
			expect.objectContaining({
				hitId: hits[0].hitId,
				push: expect.objectContaining({ decision: 'held', reasonCode: 'opted_out', final: true, earliestAt: null }),
			}),
		]);
		expect(gateway.recipients()).toEqual([hits[1].phone]);
		expect(run.finished.find((finished) => finished.tier === 'D')?.summary).toEqual({ pushes: { sms: { sent: 1 } }, stillPending: 1 });
	});

	it('reports a signature the gateway refuses, sends nothing; with the credential corrected the tier’s next run sends', async () => {
		const [hit] = await seedHits(store, workflowKeys, { ...uniqueSeed(), leads: 1, grade: () => 'B' });
		const wrong = [credentials[0], gatewayCredential(gateway, 'a-wrong-secret-0123456789')];
		const refused = await runPushWorkflow(wrong, { now: '2027-01-05T09:15:00+08:00' });
		const sms = refused.outreach.get('Send SMS');
		expect(sms?.nodeErrors['Send SMS']?.message).toBe(
			'网关拒绝了请求签名（HTTP 401：bad_signature 签名不正确（密钥不一致或请求被改动））：请检查 Outreach Gateway 凭据的 App ID 与签名密钥',
		);
		expect(gateway.received.map((r) => r.verdict)).toEqual(['rejected:bad_signature']);
		expect(gateway.messages.size).toBe(0);
		expect((await ledgerRows(store, [hit]))[0]).toMatchObject({ state: 'failed', detail: expect.objectContaining({ retryable: true, code: 'bad_signature' }) });
		expect(refused.finished.find((finished) => finished.tier === 'B')?.summary).toEqual({ pushes: { sms: { failed: 1 } }, stillPending: 1 });

		const fixed = await runPushWorkflow(credentials, { now: '2027-01-06T09:15:00+08:00' });
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
