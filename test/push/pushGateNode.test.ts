import { closeWorkflowHarness, runWorkflow, storeCredential, type StoreKind, type TestCredential, type WorkflowJson } from '../harness';
import { activeConfig, saveConfig } from '../../lib/config';
import { frequenciesConfig, policyConfig } from '../../lib/push';
import type { Store } from '../../lib/store';
import { seedHits, uniqueSeed } from './pushFixtures';
import { ALWAYS_OPEN_POLICY, nodeStore, workflowKeys } from './workflowFixtures';

const STORE = { leadMonitorStoreApi: { id: 'leadMonitorStore', name: 'Lead Monitor Store (embedded)' } };

function gateWorkflow(parameters: Record<string, unknown>): WorkflowJson {
	return {
		name: 'Push Gate node test',
		nodes: [
			{ id: 't', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'g', name: 'Push Gate', type: 'n8n-nodes-lead-monitor.pushGate', typeVersion: 1, position: [240, 0], parameters, credentials: STORE },
		],
		connections: { Start: { main: [[{ node: 'Push Gate', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1', timezone: 'Asia/Shanghai' },
	} as WorkflowJson;
}

afterAll(closeWorkflowHarness);

describe.each<StoreKind>(['postgres', 'pglite'])('the Push Gate node on %s', (kind) => {
	let credentials: TestCredential[];
	let store: Store;
	beforeAll(async () => {
		const credential = storeCredential(kind, { id: 'leadMonitorStore' });
		credentials = [credential];
		store = await nodeStore(credential);
	});

	it("simulates today's push flow for the pending hits with a preset, sending and writing nothing", async () => {
		const hits = await seedHits(store, workflowKeys, { ...uniqueSeed(), leads: 2, grade: (lead) => (lead === 0 ? 'A' : 'B') });
		const run = await runWorkflow(
			gateWorkflow({ operation: 'simulate', policySource: 'preset', preset: 'standard', simulateHits: 'items', date: '2025-12-24', fromTime: '11:45' }),
			{ credentials, input: { items: hits.map((hit) => ({ hitId: hit.hitId })) } },
		);
		expect(run.error).toBeUndefined();
		const plan = run.outputOf('Push Gate');
		expect(plan.map((entry) => [entry.time, entry.actionLabel, entry.channel, entry.hitId])).toEqual([
			['11:45', '暂缓', 'call', hits[0].hitId],
			['11:45', '暂缓', 'sms', hits[1].hitId],
			['13:00', '发送', 'call', hits[0].hitId],
			['13:00', '发送', 'sms', hits[1].hitId],
		]);
		expect(plan[1].line).toMatch(/^11:45 暂缓 · 短信 · 130\*\*\*\*\d{4} · 活跃机构命中 · 特定时段规则「午休」静默（11:30–13:00），最早 13:00 可推送$/);
		expect(plan[0]).toMatchObject({ date: '2025-12-24', policyId: 'standard', plannedSends: 2, at: '2025-12-24T11:45:00.000+08:00' });
		const ledger = await store.query<{ n: number }>('SELECT count(*)::int AS n FROM push_ledger WHERE hit_id = ANY($1::bigint[])', [hits.map((h) => h.hitId)]);
		expect(ledger.rows[0].n).toBe(0);
	});

	it('names the path of a policy problem and the item with a bad hit id', async () => {
		const badPolicy = await runWorkflow(
			gateWorkflow({ operation: 'gate', policySource: 'preset', preset: 'standard', adjustments: { grid_sat: 'hhh', smsCaps: '1/x' } }),
			{ credentials, input: { items: [{ hitId: 1 }] } },
		);
		const error = badPolicy.nodeErrors['Push Gate'];
		expect(error?.message).toBe('推送策略无效 (invalid contact policy):');
		expect(error?.description).toBe('grid.sat: 应为 24 个字符，每小时一个：h 高频、m 中频、l 低频、s 静默\ncaps.sms.week: 类型应为 integer (must be integer)');

		const badJson = await runWorkflow(gateWorkflow({ operation: 'gate', policySource: 'json', policyJson: '{"id": ' }), { credentials, input: { items: [{ hitId: 1 }] } });
		expect(badJson.nodeErrors['Push Gate']?.message).toMatch(/^Policy JSON 不是有效的 JSON/);

		const badItem = await runWorkflow(gateWorkflow({ operation: 'gate', policySource: 'preset', preset: 'gentle' }), {
			credentials,
			input: { items: [{ name: 'no hit id here' }] },
		});
		expect(badItem.nodeErrors['Push Gate']?.message).toBe('Hit ID 为空：输入项没有 hitId 字段');
	});

	it('by channel: sends to 短信 / 外呼 by each item\'s channel field or the grade, and holds (暂缓) what it cannot gate', async () => {
		const hits = await seedHits(store, workflowKeys, { ...uniqueSeed(), leads: 4, grade: (lead) => (lead === 0 ? 'A' : 'B') });
		const workflow = gateWorkflow({
			operation: 'gate',
			policySource: 'json',
			policyJson: JSON.stringify(ALWAYS_OPEN_POLICY),
			channel: 'field',
			channelField: 'via',
			outputs: 'channel',
		});
		workflow.nodes[1].onError = 'continueRegularOutput';
		const items = [
			{ hitId: hits[0].hitId }, // grade A: the policy's call
			{ hitId: hits[1].hitId, via: 'call' },
			{ hitId: hits[2].hitId, via: '' }, // grade B: the policy's default, SMS
			{ hitId: hits[3].hitId, via: 'fax' },
			{ name: 'no hit id here' },
		];
		const run = await runWorkflow(workflow, { credentials, input: { items } });
		expect(run.error).toBeUndefined();
		const [sms, call, held] = [0, 1, 2].map((output) => run.outputOf('Push Gate', output));
		expect(sms.map((item) => [item.hitId, (item.push as { channel: string }).channel])).toEqual([[hits[2].hitId, 'sms']]);
		expect(call.map((item) => [item.hitId, (item.push as { channel: string }).channel])).toEqual([
			[hits[0].hitId, 'call'],
			[hits[1].hitId, 'call'],
		]);
		expect(held.map((item) => [item.hitId ?? item.name, item.error])).toEqual([
			[hits[3].hitId, '渠道 "fax" 应为 sms 或 call'],
			['no hit id here', 'Hit ID 为空：输入项没有 hitId 字段'],
		]);
	});

	it('gates and simulates with the saved policy, each decision naming its version; Publish makes a new version active from the next run', async () => {
		const activeBefore = (await activeConfig(store, policyConfig)).version;
		const [hit] = await seedHits(store, workflowKeys, { ...uniqueSeed(), leads: 1, grade: () => 'B' });
		const gated = await runWorkflow(gateWorkflow({ operation: 'gate', policySource: 'saved' }), { credentials, input: { items: [{ hitId: hit.hitId }] } });
		expect(gated.error).toBeUndefined();
		const [decided] = [...gated.outputOf('Push Gate', 0), ...gated.outputOf('Push Gate', 1)];
		expect(decided.push).toMatchObject({ policyId: 'standard', policyVersion: activeBefore });

		const published = await runWorkflow(
			gateWorkflow({ resource: 'policy', operation: 'publish', policySource: 'json', policyJson: JSON.stringify(ALWAYS_OPEN_POLICY), note: '测试：全天开放' }),
			{ credentials },
		);
		expect(published.error).toBeUndefined();
		expect(published.outputOf('Push Gate')).toEqual([
			expect.objectContaining({ kind: 'policy', published: true, version: activeBefore + 1, basedOn: activeBefore, author: 'n8n: Push Gate node test / Push Gate', note: '测试：全天开放' }),
		]);
		const simulated = await runWorkflow(
			gateWorkflow({ operation: 'simulate', policySource: 'saved', simulateHits: 'items', date: '2025-12-24', fromTime: '11:45' }),
			{ credentials, input: { items: [{ hitId: hit.hitId }] } },
		);
		expect(simulated.outputOf('Push Gate')[0]).toMatchObject({ policyId: 'always-open', policyVersion: activeBefore + 1 });

		// A preset with adjustments, published on a version that moved meanwhile: refused, naming who saved it.
		await saveConfig(store, policyConfig, { ...ALWAYS_OPEN_POLICY, burstGapSeconds: 60 }, { author: 'console: 李雷', baseVersion: activeBefore + 1 });
		const stale = await runWorkflow(
			gateWorkflow({ resource: 'policy', operation: 'publish', policySource: 'preset', preset: 'standard', adjustments: { quietHoursFrom: '22:00' }, baseVersion: activeBefore + 1 }),
			{ credentials },
		);
		expect(stale.nodeErrors['Push Gate']?.message).toMatch(
			new RegExp(`^Field "baseVersion": 推送策略已被修改：当前生效的是第 ${activeBefore + 2} 版（console: 李雷 于 .+ 保存），你的修改基于第 ${activeBefore + 1} 版，未保存。`),
		);
		const invalid = await runWorkflow(
			gateWorkflow({ resource: 'policy', operation: 'publish', policySource: 'preset', preset: 'standard', adjustments: { grid_sat: 'hhh' } }),
			{ credentials },
		);
		expect(invalid.nodeErrors['Push Gate']?.description).toBe('grid.sat: 应为 24 个字符，每小时一个：h 高频、m 中频、l 低频、s 静默');
		expect((await activeConfig(store, policyConfig)).version).toBe(activeBefore + 2);
	});

	it('Due Tiers: each due tier once per period, with its selection and frequency in words; a second trigger in the period gets nothing', async () => {
		const due = (now: string) => runWorkflow(gateWorkflow({ resource: 'tier', operation: 'dueTiers', now }), { credentials });
		const version = (await activeConfig(store, frequenciesConfig)).version;
		// Monday 1 March 2027, 10:05 in Shanghai: every cold-start tier is due.
		const first = await due('2027-03-01T10:05:00+08:00');
		expect(first.error).toBeUndefined();
		expect(first.outputOf('Push Gate').map((tier) => [tier.periodKey, tier.label, tier.grades, tier.missedPeriods, tier.frequenciesVersion])).toEqual([
			['A:2027-03-01T10', 'A 级线索：每小时（第 00 分）', ['A'], 0, version],
			['B:2027-03-01', 'B 级线索：每天 09:15', ['B'], 0, version],
			['C:2027-W09', 'C 级线索：每7日（每周一 10:00）', ['C'], 0, version],
			['D:2027-03', 'D 级线索：每30日（每月 1 日 10:00）', ['D'], 0, version],
		]);
		expect((await due('2027-03-01T10:05:00+08:00')).outputOf('Push Gate')).toEqual([]);
		expect((await due('2027-03-01T10:50:00+08:00')).outputOf('Push Gate')).toEqual([]);
		// Three hours later A is due again, the two hours it missed reported.
		expect((await due('2027-03-01T13:00:00+08:00')).outputOf('Push Gate')).toEqual([
			expect.objectContaining({ periodKey: 'A:2027-03-01T13', missedPeriods: 2 }),
		]);

		const finish = (tier: string, periodKey: string) =>
			runWorkflow(gateWorkflow({ resource: 'tier', operation: 'finishTierRun', tier, periodKey }), { credentials });
		const finished = await finish('B', 'B:2027-03-01');
		expect(finished.outputOf('Push Gate')).toEqual([
			expect.objectContaining({ tier: 'B', periodKey: 'B:2027-03-01', frequenciesVersion: version, finishedAt: expect.any(String), summary: { pushes: {}, stillPending: expect.any(Number) } }),
		]);
		expect((await finish('B', 'B:2027-03-02')).nodeErrors['Push Gate']?.message).toBe(
			'Field "periodKey": 推送档位 "B" 没有周期 "B:2027-03-02" 的运行记录 (no run of tier B was claimed for B:2027-03-02)',
		);
		expect((await due('not a time')).nodeErrors['Push Gate']?.message).toBe('Now "not a time" is not a date and time');
	});
});
