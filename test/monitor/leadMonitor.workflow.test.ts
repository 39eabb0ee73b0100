import { closeWorkflowHarness, nodeStore, readWorkflowJson, runWorkflow, storeCredential, type StoreKind } from '../harness';
import { makeIdNumber } from '../identity/idNumberFixtures';
import { hashToBytes, keyedHash } from '../../lib/privacy';
import { createLead } from '../../lib/roster';
import type { Store } from '../../lib/store';

const WORKFLOW = 'test/monitor/fixtures/monitor.json';

const LEADS = [
	{ leadId: 'L-ACTIVE', name: '张伟', phone: '13812348899', idNumber: makeIdNumber('330106', '19850312', '123') },
	{ leadId: 'L-QUIET', name: '李芳', phone: '15912344421', idNumber: makeIdNumber('310104', '19900708', '456') },
	{ leadId: 'L-ELSEWHERE', name: '王建国', phone: '13799009900', idNumber: makeIdNumber('110105', '19780101', '789') },
];
const NOT_ON_ROSTER = makeIdNumber('320102', '19950505', '321');

/** [id number, institution, local date, hour] */
const EVENTS: Array<[string, string, string, number]> = [
	[LEADS[0].idNumber, '华东中心机构', '2026-11-16', 10],
	[LEADS[0].idNumber, '上海研发分部', '2026-11-18', 14],
	[LEADS[0].idNumber, '华东中心机构', '2026-11-21', 9],
	[LEADS[0].idNumber, '华东中心机构', '2026-11-10', 9], // before the window
	[LEADS[1].idNumber, '华东中心机构', '2026-11-17', 11],
	[LEADS[1].idNumber, '华东中心机构', '2026-11-19', 11],
	[LEADS[2].idNumber, '杭州分行', '2026-11-16', 10],
	[LEADS[2].idNumber, '杭州分行', '2026-11-17', 10],
	[LEADS[2].idNumber, '杭州分行', '2026-11-18', 10],
	[NOT_ON_ROSTER, '华东中心机构', '2026-11-16', 10],
	[NOT_ON_ROSTER, '华东中心机构', '2026-11-17', 10],
	[NOT_ON_ROSTER, '华东中心机构', '2026-11-18', 10],
];

async function seed(store: Store, hashKey: Parameters<typeof keyedHash>[0]): Promise<void> {
	for (const lead of LEADS) await createLead(store, { hashKey, encryptionKey: hashKey }, lead);
	for (const day of new Set(EVENTS.map((e) => e[2]))) {
		const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
		await store.exec(`CREATE TABLE IF NOT EXISTS call_events_${day.replace(/-/g, '')} PARTITION OF call_events FOR VALUES FROM ('${day}') TO ('${next}')`);
	}
	// call_events keeps the hash as its bytes (migration 5), as the ingest writes it.
	for (const [id, institution, day, hour] of EVENTS) {
		await store.query(
			`INSERT INTO call_events (event_date, occurred_at, hour_of_day, id_hash, institution, event_type, batch_id)
			 VALUES ($1::date, ($1 || ' ' || $2 || ':00:00+08')::timestamptz, $3, $4, $5, 'face', 'seed')`,
			[day, String(hour).padStart(2, '0'), hour, hashToBytes(keyedHash(hashKey, id)), institution],
		);
	}
}

describe.each<StoreKind>(['postgres', 'pglite'])('Lead Monitor in a workflow on %s', (kind) => {
	const credential = storeCredential(kind, { id: 'leadMonitorStore' });
	beforeAll(async () => {
		const { store, keys } = await nodeStore(credential.data);
		await seed(store, keys.hashKey);
	});
	afterAll(closeWorkflowHarness);

	it('evaluates the monitoring form: one hit, masked, with its reason and values', async () => {
		const run = await runWorkflow(WORKFLOW, { credentials: [credential] });
		expect(run.error).toBeUndefined();
		const hits = run.outputOf('Lead Monitor');
		expect(hits).toEqual([
			expect.objectContaining({
				leadId: 'L-ACTIVE',
				name: '张*',
				phone: '138****8899',
				ruleId: 'active-3-in-7',
				label: '活跃机构命中',
				grade: 'A',
				hitDate: '2026-11-21',
				window: { start: '2026-11-15', end: '2026-11-21' },
				values: expect.objectContaining({ count: 3, institutions: 2 }),
				status: 'pending',
			}),
		]);
		expect(hits[0].reason).toMatch(/3次/);
		expect(run.itemsOf('Lead Monitor')[0].pairedItem).toEqual({ item: 0 });
		expect(JSON.stringify(hits)).not.toContain(LEADS[0].phone);
	});

	it('gives no second hit when the same day runs again', async () => {
		const run = await runWorkflow(WORKFLOW, { credentials: [credential] });
		expect(run.error).toBeUndefined();
		expect(run.outputOf('Lead Monitor')).toEqual([]);
	});

	it('previews coverage per day and explains one lead without writing', async () => {
		const workflow = readWorkflowJson(WORKFLOW);
		const monitor = workflow.nodes[1];
		monitor.parameters = { ...monitor.parameters, operation: 'preview', days: 3 };
		const preview = await runWorkflow(workflow, { credentials: [credential] });
		expect(preview.outputOf('Lead Monitor').map((day) => [day.date, day.leads])).toEqual([
			['2026-11-19', 0],
			['2026-11-20', 0],
			['2026-11-21', 1],
		]);

		monitor.parameters = { ...monitor.parameters, operation: 'explain', leadId: 'L-QUIET' };
		const explained = await runWorkflow(workflow, { credentials: [credential] });
		const [lead] = explained.outputOf('Lead Monitor');
		expect(lead).toMatchObject({ leadId: 'L-QUIET', rules: [expect.objectContaining({ ruleId: 'active-3-in-7', result: false })] });
	});

	it('rejects an invalid rule with a message naming the path', async () => {
		const workflow = readWorkflowJson(WORKFLOW);
		workflow.nodes[1].parameters = {
			...workflow.nodes[1].parameters,
			ruleMode: 'json',
			ruleJson: JSON.stringify({ name: 'bad', conditions: { all: [{ fact: 'noSuchFact', operator: 'equal', value: 1 }] }, event: { type: 'lead-hit', params: { label: 'x', grade: 'A', reason: 'x' } } }),
		};
		const run = await runWorkflow(workflow, { credentials: [credential] });
		expect(run.nodeErrors['Lead Monitor']?.message).toMatch(/^Invalid rule:\s+conditions\.all\[0\]\.fact: unknown fact "noSuchFact"/);
	});
});
