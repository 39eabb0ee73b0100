import { closeWorkflowHarness, readWorkflowJson, runWorkflow, storeCredential, type WorkflowJson } from '.';

const ROUND_TRIP = 'test/workflow/fixtures/lead-roundtrip.json';
const GET = 'test/workflow/fixtures/lead-get.json';

afterAll(closeWorkflowHarness);

describe('workflow harness', () => {
	it('starts at a given node with the given items as its input; the nodes before it do not run', async () => {
		const run = await runWorkflow(ROUND_TRIP, {
			credentials: [storeCredential('postgres', { id: 'store' })],
			input: { node: 'Create Lead', items: [{ leadId: 'H-1', name: '王五' }] },
		});
		expect(run.error).toBeUndefined();
		expect(run.executedNodes).toEqual(['Create Lead', 'List Leads']);
		expect(run.outputOf('List Leads')).toEqual([expect.objectContaining({ leadId: 'H-1', name: '王五' })]);
	});

	it('serves a credential by the id in the node, before one for the whole type', async () => {
		const run = await runWorkflow(GET, {
			credentials: [
				{ type: 'leadMonitorStoreApi', data: { mode: 'embedded', schema: 'Not Valid' } },
				storeCredential('postgres', { id: 'store' }),
			],
			input: { items: [{ leadId: 'H-404' }] },
		});
		expect(run.nodeErrors['Get Lead']?.message).toBe('Field "leadId": Lead H-404 not found');
	});

	it('reports a missing credential, naming its type and id', async () => {
		const run = await runWorkflow(GET, { input: { items: [{ leadId: 'H-1' }] } });
		expect(run.status).toBe('error');
		expect(run.error?.message).toContain('no "leadMonitorStoreApi" credential (the node asks for id "store")');
	});

	it('names a node whose type the harness does not know', async () => {
		const workflow: WorkflowJson = readWorkflowJson(GET);
		workflow.nodes[1].type = 'CUSTOM.leadStore';
		await expect(runWorkflow(workflow)).rejects.toThrow('"Get Lead" (CUSTOM.leadStore)');
	});

	it('refuses a workflow without settings.executionOrder "v1"', async () => {
		const workflow: WorkflowJson = { ...readWorkflowJson(GET), settings: {} };
		await expect(runWorkflow(workflow)).rejects.toThrow('settings.executionOrder');
	});

	it('says where a run fails to find its start', async () => {
		await expect(runWorkflow(GET, { input: { node: 'Nope', items: [{}] } })).rejects.toThrow('no node "Nope"');
	});
});
