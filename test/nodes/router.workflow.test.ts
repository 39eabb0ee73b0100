import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IDataObject, INodeExecutionData, NodeOperationError } from 'n8n-workflow';

import { closeWorkflowHarness, runWorkflow, storeCredential, type WorkflowJson, type WorkflowRunResult } from '../harness';
import { csvOf, validId } from '../ingest/callLogFixtures';

/**
 * nodes/shared/router.ts, through nodes that use it: one item operation (Lead Store → Get),
 * one per file with two outputs (Lead Cleanse), one on all items at once (Lead Monitor →
 * Evaluate) and one that yields an item per file (Call Log Ingest).
 */
const credentials = [storeCredential('postgres', { id: 'store' })];

function oneNode(type: string, parameters: IDataObject, continueOnFail = false): WorkflowJson {
	return {
		name: `router: ${type}`,
		nodes: [
			{ id: 't', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'n',
				name: 'Node',
				type: `n8n-nodes-lead-monitor.${type}`,
				typeVersion: 1,
				position: [240, 0],
				parameters,
				credentials: { leadMonitorStoreApi: { id: 'store', name: 'Lead Monitor Store' } },
				...(continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
			},
		],
		connections: { Start: { main: [[{ node: 'Node', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	} as WorkflowJson;
}

/** Every output of the node, each item as [its json, the input item it is paired with]. */
function outputs(run: WorkflowRunResult): Array<Array<[IDataObject, unknown]>> {
	expect(run.error).toBeUndefined();
	const main = (run.runData.Node[0].data?.main ?? []) as INodeExecutionData[][];
	return main.map((items) => (items ?? []).map((item) => [item.json, item.pairedItem]));
}

function file(content: string, fileName: string) {
	return { json: {}, binary: { data: { data: Buffer.from(content).toString('base64'), mimeType: 'text/csv', fileName } } };
}

const getLead = { resource: 'lead', operation: 'get', leadId: '={{ $json.leadId }}' };

afterAll(closeWorkflowHarness);

describe('the shared node router', () => {
	beforeAll(async () => {
		const create = oneNode('leadStore', { resource: 'lead', operation: 'create', leadId: '={{ $json.leadId }}', name: '王五', phone: '13812348899' });
		expect((await runWorkflow(create, { credentials, input: { items: [{ leadId: 'R-1' }] } })).error).toBeUndefined();
	});

	it('fails the node on an item that fails, naming the item and the field', async () => {
		const run = await runWorkflow(oneNode('leadStore', getLead), { credentials, input: { items: [{ leadId: 'R-1' }, { leadId: 'R-404' }] } });
		const error = run.nodeErrors.Node as NodeOperationError;
		expect(error.message).toBe('Field "leadId": Lead R-404 not found');
		expect(error.context.itemIndex).toBe(1);
	});

	it('with Continue On Fail, puts an error item in the failed item’s place, paired with it', async () => {
		const run = await runWorkflow(oneNode('leadStore', getLead, true), {
			credentials,
			input: { items: [{ leadId: 'R-404' }, { leadId: 'R-1' }, { leadId: ' ' }] },
		});
		expect(outputs(run)).toEqual([
			[
				[{ error: 'Field "leadId": Lead R-404 not found', field: 'leadId' }, { item: 0 }],
				[expect.objectContaining({ leadId: 'R-1', phone: '138****8899' }), { item: 1 }],
				[{ error: expect.stringMatching(/^Field "leadId": Lead ID is empty/), field: 'leadId' }, { item: 2 }],
			],
		]);
	});

	it('routes each item’s results to its outputs, and an unreadable file’s error item to the one the operation names', async () => {
		const roster = '客户姓名,联系电话\n赵六,15912344421\n假号码,11111111111\n';
		const run = await runWorkflow(oneNode('leadCleanse', { source: 'binary' }, true), {
			credentials,
			input: { items: [file(roster, 'roster.csv'), file('', 'empty.csv')] },
		});
		const [clean, rejected] = outputs(run);
		expect(clean).toEqual([[expect.objectContaining({ row: 2, name: '赵六', phone: '159****4421' }), { item: 0 }]]);
		expect(rejected).toEqual([
			[expect.objectContaining({ row: 3, reasons: [expect.objectContaining({ field: 'phone' })] }), { item: 0 }],
			[{ file: 'empty.csv', error: 'File "empty.csv" cannot be read: the file is empty' }, { item: 1 }],
		]);
	});

	it('lets an operation on all items at once pair each result with its own item', async () => {
		const run = await runWorkflow(oneNode('leadCleanse', { source: 'items' }), {
			credentials,
			input: { items: [{ name: '孙七', phone: '13799009900' }, { name: '假号码', phone: '11111111111' }] },
		});
		expect(outputs(run)).toEqual([
			[[expect.objectContaining({ name: '孙七' }), { item: 0 }]],
			[[expect.objectContaining({ row: 2 }), { item: 1 }]],
		]);
	});

	it('reports an operation on all items that fails as a whole: the node error names the first item; with Continue On Fail one error item stands for all', async () => {
		const badRule = { ruleMode: 'json', ruleJson: '{"name": "bad", "conditions": {"all": [{"fact": "noSuchFact", "operator": "equal", "value": 1}]}, "event": {"type": "lead-hit"}}' };
		const items = [{}, {}];
		const failed = await runWorkflow(oneNode('leadMonitor', { operation: 'evaluate', ...badRule }), { credentials, input: { items } });
		const error = failed.nodeErrors.Node as NodeOperationError;
		expect(error.message).toMatch(/^Invalid rule:/);
		expect(error.context.itemIndex).toBe(0);

		const tolerated = await runWorkflow(oneNode('leadMonitor', { operation: 'evaluate', ...badRule }, true), { credentials, input: { items } });
		expect(outputs(tolerated)).toEqual([[[{ error: expect.stringMatching(/^Invalid rule:/), field: 'conditions.all[0].fact' }, [{ item: 0 }, { item: 1 }]]]]);

		// On the output the operation names: hits a policy cannot gate are held, never sent.
		const gate = oneNode('pushGate', { operation: 'gate', policySource: 'json', policyJson: '{"id": ' }, true);
		const held = await runWorkflow(gate, { credentials, input: { items: [{ hitId: 1 }, { hitId: 2 }] } });
		expect(outputs(held)).toEqual([[], [[{ error: expect.stringMatching(/^Policy JSON 不是有效的 JSON/) }, [{ item: 0 }, { item: 1 }]]]]);
	});

	it('keeps the items an operation gave for an input item before it failed', async () => {
		const folder = mkdtempSync(join(tmpdir(), 'router-'));
		try {
			writeFileSync(join(folder, 'a.csv'), csvOf([{ id: validId(901) }]));
			writeFileSync(join(folder, 'b.csv'), '');
			const ingest = oneNode('callLogIngest', { resource: 'callLog', operation: 'ingest', inputSource: 'path', filePath: join(folder, '*.csv') }, true);
			const run = await runWorkflow(ingest, { credentials, input: { items: [{}] } });
			expect(outputs(run)).toEqual([
				[
					[expect.objectContaining({ file: join(folder, 'a.csv'), accepted: 1 }), { item: 0 }],
					[{ error: expect.stringContaining('b.csv'), file: join(folder, 'b.csv') }, { item: 0 }],
				],
			]);
		} finally {
			rmSync(folder, { recursive: true, force: true });
		}
	});
});
