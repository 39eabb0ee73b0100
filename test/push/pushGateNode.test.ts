import { closeWorkflowHarness, runWorkflow, storeCredential, type StoreKind, type TestCredential, type WorkflowJson } from '../harness';
import type { Store } from '../../lib/store';
import { seedHits, uniqueSeed } from './pushFixtures';
import { nodeStore, workflowKeys } from './workflowFixtures';

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
});
