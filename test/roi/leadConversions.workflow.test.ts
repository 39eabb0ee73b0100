import { closeWorkflowHarness, nodeStore, runWorkflow, storeCredential, type StoreKind, type WorkflowJson } from '../harness';
import type { Store } from '../../lib/store';
import { seedHits, seedPeople, type Person } from './roiFixtures';

const credentials = { leadMonitorStoreApi: { id: 'leadMonitorStore', name: 'Lead Monitor Store' } };

function workflow(importParameters: Record<string, unknown>): WorkflowJson {
	return {
		name: 'Lead Conversions (test)',
		nodes: [
			{ id: 'c1', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0] as [number, number], parameters: { path: 'conversions', httpMethod: 'POST' } },
			{
				id: 'c2',
				name: 'Import Conversions',
				type: 'n8n-nodes-lead-monitor.leadConversions',
				typeVersion: 1,
				position: [240, 0] as [number, number],
				parameters: { resource: 'conversion', operation: 'import', ...importParameters },
				credentials,
			},
			{
				id: 'c3',
				name: 'Uplift by Rule',
				type: 'n8n-nodes-lead-monitor.leadConversions',
				typeVersion: 1,
				position: [480, 0] as [number, number],
				parameters: { resource: 'conversion', operation: 'report', dimension: 'rule', options: { smsCost: 0.05 } },
				credentials,
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Import Conversions', type: 'main', index: 0 }]] },
			'Import Conversions': { main: [[{ node: 'Uplift by Rule', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

describe.each<StoreKind>(['postgres', 'pglite'])('Lead Conversions node on %s', (kind) => {
	const credential = storeCredential(kind, { id: 'leadMonitorStore' });
	let store: Store;
	let people: Person[];

	beforeAll(async () => {
		const opened = await nodeStore(credential.data);
		store = opened.store;
		people = await seedPeople(store, 4, `N${kind[0]}`, opened.keys);
		await seedHits(store, [
			{ person: people[0], ruleId: 'active-institutions', hitDate: '2026-10-01', label: '活跃机构命中' },
			{ person: people[1], ruleId: 'active-institutions', hitDate: '2026-10-01', label: '活跃机构命中' },
			{ person: people[2], ruleId: 'active-institutions', hitDate: '2026-10-01', label: '活跃机构命中', controlGroup: true },
		]);
	});
	afterAll(closeWorkflowHarness);

	it('imports a webhook’s conversions with Chinese keys, attributes them, and reports the rule; a second post changes nothing', async () => {
		const body = [
			{ 身份证号: people[0].idNumber, 产品: '个人消费贷', 金额: '20000', 转化日期: '2026-10-10' },
			{ 手机号: people[2].phone, 产品: '信用卡', 金额: '0', 转化日期: '2026-10-12' },
			{ 身份证号: '123', 产品: '个人消费贷', 金额: '1', 转化日期: '2026-10-10' },
		];
		const input = { items: [{ headers: {}, params: {}, query: {}, body }] };
		const run = await runWorkflow(workflow({ inputSource: 'items' }), { credentials: [credential], input });
		expect(run.error).toBeUndefined();
		expect(run.outputOf('Import Conversions')).toEqual([
			expect.objectContaining({ file: 'input items', rowsRead: 3, matched: 2, unmatched: 0, rejected: 1, duplicates: 0, rejections: [expect.objectContaining({ row: 3, field: 'idNumber' })] }),
		]);
		expect(run.outputOf('Uplift by Rule')).toEqual([
			expect.objectContaining({ dimension: 'rule', key: 'active-institutions', label: '活跃机构命中', hits: 3, heldOut: 1, treated: 2, converted: 1, heldOutConverted: 1, amountCents: 2_000_000 }),
		]);
		const again = await runWorkflow(workflow({ inputSource: 'items' }), { credentials: [credential], input });
		expect(again.outputOf('Import Conversions')).toEqual([expect.objectContaining({ rowsRead: 3, matched: 0, rejected: 1, duplicates: 2 })]);
		expect(again.outputOf('Uplift by Rule')).toEqual(run.outputOf('Uplift by Rule'));
	});
});
