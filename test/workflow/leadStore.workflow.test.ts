import {
	closeWorkflowHarness,
	readWorkflowJson,
	runWorkflow,
	storeCredential,
	type StoreKind,
	type TestCredential,
	type WorkflowJson,
	type WorkflowRunResult,
} from '../harness';
import { makeIdNumber } from '../identity/idNumberFixtures';

const ROUND_TRIP = 'test/workflow/fixtures/lead-roundtrip.json';
const GET = 'test/workflow/fixtures/lead-get.json';

const zhang = {
	leadId: 'WF-1',
	name: '张三',
	phone: '13812348899',
	idNumber: makeIdNumber('110105', '19491231', '002'),
	sourceChannel: '官网预约',
	tags: 'vip,房贷',
};
const li = {
	leadId: 'WF-2',
	name: '李四',
	phone: '+86 139-0000-1234',
	idNumber: makeIdNumber('440301', '19900307', '123'),
	sourceChannel: '抖音推广',
	tags: '',
};
const CLEAR_PERSONAL_DATA = [zhang.phone, '13900001234', li.phone, zhang.idNumber, li.idNumber];

function withContinueOnFail(file: string, nodeName: string): WorkflowJson {
	const workflow = readWorkflowJson(file);
	const node = workflow.nodes.find((n) => n.name === nodeName);
	if (!node) throw new Error(`no node ${nodeName}`);
	node.onError = 'continueRegularOutput';
	return workflow;
}

afterAll(closeWorkflowHarness);

describe.each<StoreKind>(['postgres', 'pglite'])('Lead Store in a workflow, on %s', (kind) => {
	let credentials: TestCredential[];
	let roundTrip: WorkflowRunResult;

	beforeAll(async () => {
		credentials = [storeCredential(kind, { id: 'store' })];
		roundTrip = await runWorkflow(ROUND_TRIP, { credentials, input: { items: [zhang, li] } });
	});

	it('creates two leads from the trigger items and lists them back, masked', () => {
		expect(roundTrip.error).toBeUndefined();
		expect(roundTrip.status).toBe('success');
		expect(roundTrip.executedNodes).toEqual(["When clicking 'Execute workflow'", 'Create Lead', 'List Leads']);

		const created = roundTrip.outputOf('Create Lead');
		expect(created.map((lead) => lead.leadId)).toEqual(['WF-1', 'WF-2']);

		const listed = roundTrip.outputOf('List Leads');
		expect(listed).toHaveLength(2);
		const byId = new Map(listed.map((lead) => [lead.leadId, lead]));
		expect(byId.get('WF-1')).toMatchObject({
			name: '张三',
			phone: '138****8899',
			idNumber: '110105********002' + zhang.idNumber.slice(-1),
			sourceChannel: '官网预约',
			tags: ['vip', '房贷'],
			status: 'new',
		});
		expect(byId.get('WF-2')).toMatchObject({ name: '李四', phone: '139****1234', sourceChannel: '抖音推广', tags: [] });
		expect(byId.get('WF-2')?.idNumber).toMatch(/^440301\*{8}\d{3}[\dX]$/);
	});

	it('never shows a clear phone or ID number in any output', () => {
		// The trigger's items hold them in clear; everything our nodes' runs recorded must not.
		const ours = JSON.stringify([roundTrip.runData['Create Lead'], roundTrip.runData['List Leads']]);
		for (const value of CLEAR_PERSONAL_DATA) expect(ours).not.toContain(value);
	});

	it('pairs every output item with its input item', () => {
		expect(roundTrip.itemsOf('Create Lead').map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		for (const item of roundTrip.itemsOf('List Leads')) expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('fails get of an unknown lead with a "not found" error naming it', async () => {
		const run = await runWorkflow(GET, { credentials, input: { items: [{ leadId: 'WF-1' }, { leadId: 'NO-SUCH-LEAD' }] } });
		expect(run.status).toBe('error');
		expect(run.error?.message).toMatch(/NO-SUCH-LEAD.*not found/);
		expect(run.nodeErrors['Get Lead']?.message).toMatch(/NO-SUCH-LEAD.*not found/);
	});

	it('with continue-on-fail, gives an error item for the unknown lead and the lead for the known one', async () => {
		const run = await runWorkflow(withContinueOnFail(GET, 'Get Lead'), {
			credentials,
			input: { items: [{ leadId: 'WF-1' }, { leadId: 'NO-SUCH-LEAD' }] },
		});
		expect(run.error).toBeUndefined();
		const items = run.itemsOf('Get Lead');
		expect(items).toHaveLength(2);
		expect(items[0]).toMatchObject({ json: { leadId: 'WF-1', phone: '138****8899' }, pairedItem: { item: 0 } });
		expect(items[1].pairedItem).toEqual({ item: 1 });
		expect(items[1].json.error).toMatch(/NO-SUCH-LEAD.*not found/);
	});
});
