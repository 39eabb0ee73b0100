import { closeWorkflowHarness, nodeStore, readWorkflowJson, runWorkflow, storeCredential, type StoreKind } from '../harness';
import { makeIdNumber } from '../identity/idNumberFixtures';
import { activeConfig, configHistory, configVersion, saveConfig } from '../../lib/config';
import { ruleSetConfig } from '../../lib/monitor';
import { hashToBytes, keyedHash } from '../../lib/privacy';
import { controlPlacement, inControlGroup } from '../../lib/roi';
import { allPresetsRuleSet } from '../../lib/rules';
import { createLead } from '../../lib/roster';
import { scoringConfig } from '../../lib/scoring';
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

describe.each<StoreKind>(['postgres', 'pglite'])('Lead Monitor on the saved configuration on %s', (kind) => {
	const credential = storeCredential(kind, { id: 'leadMonitorStore' });
	let store: Store;
	beforeAll(async () => {
		const opened = await nodeStore(credential.data);
		store = opened.store;
		await seed(store, opened.keys.hashKey);
	});
	afterAll(closeWorkflowHarness);

	/** The test workflow's Lead Monitor with these parameters instead. */
	function monitorWith(parameters: Record<string, unknown>) {
		const workflow = readWorkflowJson(WORKFLOW);
		const monitor = workflow.nodes[1];
		monitor.parameters = { ...monitor.parameters, ...parameters } as typeof monitor.parameters;
		return workflow;
	}
	const saved = (parameters: Record<string, unknown> = {}) => monitorWith({ ruleMode: 'saved', ...parameters });

	it('runs the cold start (every preset) at first; a published version from the next run; the active version changed in the store after that', async () => {
		const preview = await runWorkflow(saved({ operation: 'preview', days: 2 }), { credentials: [credential] });
		expect(preview.error).toBeUndefined();
		expect(preview.outputOf('Lead Monitor').map((day) => [day.date, day.ruleSetVersion])).toEqual([
			['2026-11-20', 1],
			['2026-11-21', 1],
		]);
		expect((await configVersion(store, ruleSetConfig, 1)).body).toEqual(allPresetsRuleSet());

		// The test workflow's monitoring form, published from the editor.
		const published = await runWorkflow(monitorWith({ operation: 'publish', note: '活跃机构：近7天3次' }), { credentials: [credential] });
		expect(published.error).toBeUndefined();
		expect(published.outputOf('Lead Monitor')).toEqual([
			expect.objectContaining({
				kind: 'ruleSet',
				published: true,
				version: 2,
				basedOn: 1,
				author: 'n8n: Lead Monitor (test) / Lead Monitor',
				note: '活跃机构：近7天3次',
				message: '监控指标已保存为第 2 版并生效 (saved as version 2, now active)',
			}),
		]);
		const again = await runWorkflow(monitorWith({ operation: 'publish', note: '再发布一次' }), { credentials: [credential] });
		expect(again.outputOf('Lead Monitor')).toEqual([expect.objectContaining({ published: false, version: 2, note: '活跃机构：近7天3次' })]);

		const evaluated = await runWorkflow(saved(), { credentials: [credential] });
		expect(evaluated.error).toBeUndefined();
		expect(evaluated.outputOf('Lead Monitor')).toEqual([expect.objectContaining({ leadId: 'L-ACTIVE', ruleId: 'active-3-in-7', ruleSetVersion: 2 })]);

		// The console saves a lower threshold: the next evaluation uses it and says so.
		const form = (await configVersion(store, ruleSetConfig, 2)).body;
		const lower = structuredClone(form);
		lower.rules[0].name = 'active-2-in-7';
		(lower.rules[0].conditions as { all: Array<{ value: number }> }).all[0].value = 2;
		await saveConfig(store, ruleSetConfig, lower, { author: 'console: 韩梅梅', note: '阈值降为 2 次', baseVersion: 2 });
		const lowered = await runWorkflow(saved(), { credentials: [credential] });
		expect(lowered.outputOf('Lead Monitor').map((hit) => [hit.leadId, hit.ruleId, hit.ruleSetVersion]).sort()).toEqual([
			['L-ACTIVE', 'active-2-in-7', 3],
			['L-QUIET', 'active-2-in-7', 3],
		]);
		const explained = await runWorkflow(saved({ operation: 'explain', leadId: 'L-ELSEWHERE' }), { credentials: [credential] });
		expect(explained.outputOf('Lead Monitor')).toEqual([expect.objectContaining({ leadId: 'L-ELSEWHERE', ruleSetVersion: 3 })]);
	});

	it('publishes nothing on a version that moved, naming who saved meanwhile; an invalid rule names its path', async () => {
		const before = await configHistory(store, ruleSetConfig);
		const stale = await runWorkflow(monitorWith({ operation: 'publish', threshold: 5, baseVersion: 2 }), { credentials: [credential] });
		const message = stale.nodeErrors['Lead Monitor']?.message ?? '';
		expect(message).toMatch(/^Field "baseVersion": 监控指标已被修改：当前生效的是第 3 版（console: 韩梅梅 于 \d{4}-\d\d-\d\d \d\d:\d\d 保存），你的修改基于第 2 版，未保存。请刷新后重新修改。/);
		expect(message).toContain('(The monitoring rules moved: version 3, saved by console: 韩梅梅 at');

		const invalid = await runWorkflow(
			monitorWith({ operation: 'publish', ruleMode: 'json', ruleJson: JSON.stringify({ name: 'bad', conditions: { all: [{ fact: 'noSuchFact', operator: 'equal', value: 1 }] }, event: { type: 'lead-hit', params: { label: 'x', grade: 'A', reason: 'x' } } }) }),
			{ credentials: [credential] },
		);
		expect(invalid.nodeErrors['Lead Monitor']?.message).toMatch(/^Invalid rule:\s+conditions\.all\[0\]\.fact: unknown fact "noSuchFact"/);
		expect((await configHistory(store, ruleSetConfig)).total).toBe(before.total);
	});
});

describe('Lead Monitor holding out by the saved scoring model’s grades (对照组 per grade)', () => {
	const credential = storeCredential('pglite', { id: 'leadMonitorStore' });
	let store: Store;
	let idHashOf: (idNumber: string) => string;
	beforeAll(async () => {
		const opened = await nodeStore(credential.data);
		store = opened.store;
		idHashOf = (idNumber) => keyedHash(opened.keys.hashKey, idNumber);
		await seed(store, opened.keys.hashKey);
	});
	afterAll(closeWorkflowHarness);

	it('stores the hit of a grade the saved model holds out as 对照组, by the person’s placement', async () => {
		// L-ACTIVE's placement under the test credential's key is below 0.5: 50 % for grade A holds it out.
		expect(controlPlacement(idHashOf(LEADS[0].idNumber))).toBeLessThan(0.5);
		const share = 50;
		const model = (await activeConfig(store, scoringConfig)).body;
		await saveConfig(store, scoringConfig, { ...model, controlPercentByGrade: { A: share } }, { author: 'test', baseVersion: 1 });

		const run = await runWorkflow(WORKFLOW, { credentials: [credential] });
		expect(run.error).toBeUndefined();
		expect(run.outputOf('Lead Monitor')).toEqual([expect.objectContaining({ leadId: 'L-ACTIVE', grade: 'A' })]);
		const stored = await store.query<{ control_group: boolean }>('SELECT control_group FROM hits WHERE lead_id = $1', ['L-ACTIVE']);
		expect(stored.rows).toEqual([{ control_group: true }]);
		expect(stored.rows[0].control_group).toBe(inControlGroup(idHashOf(LEADS[0].idNumber), share));
	});
});
