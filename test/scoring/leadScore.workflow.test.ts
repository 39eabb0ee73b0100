import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { closeWorkflowHarness, nodeStore, runWorkflow, storeCredential, type StoreKind, type WorkflowJson } from '../harness';
import { csvLine, HEADER, validId, yesterday } from '../ingest/callLogFixtures';
import { createLead } from '../../lib/roster';
import { createStaff } from '../../lib/staff';
import type { Store } from '../../lib/store';
import { ledgerMismatches } from './scoringFixtures';

const DAILY = 'workflows/daily-monitor.json';
const LEAD_SCORE = 'test/scoring/fixtures/lead-score.json';

/** Lead 1 verifies 4 times yesterday at two institutions: two hits, and behaviour points. */
function callLog(): string {
	const rows = [
		csvLine({ id: validId(1), institution: '杭州分行' }, 1),
		csvLine({ id: validId(1), institution: '上海研发分部' }, 2),
		csvLine({ id: validId(1), institution: '杭州分行', type: 'DATA_QUERY' }, 3),
		csvLine({ id: validId(1), institution: '杭州分行' }, 4),
		csvLine({ id: validId(2), institution: '杭州分行' }, 5),
	];
	return [HEADER, ...rows].join('\n') + '\n';
}

describe.each<StoreKind>(['postgres', 'pglite'])('Lead Score in the daily workflow on %s', (kind) => {
	const credential = storeCredential(kind, { id: 'leadMonitorStore' });
	const folder = mkdtempSync(join(tmpdir(), 'lead-score-'));
	const file = join(folder, `calls-${yesterday()}.csv`);
	let store: Store;

	beforeAll(async () => {
		writeFileSync(file, callLog());
		const opened = await nodeStore(credential.data);
		store = opened.store;
		const profile = { industry: '制造业', sourceChannel: '熟人转介绍', company: '纷扬科技有限公司', attributes: { branch: '杭州分行', 客户等级: 'VIP' } };
		await createLead(store, opened.keys, { leadId: 'L-SCORE-1', name: '赵敏', phone: '18812341234', idNumber: validId(1), ...profile });
		await createLead(store, opened.keys, { leadId: 'L-SCORE-2', name: '钱七', phone: '13911112222', idNumber: validId(2) });
		await createStaff(store, { username: 'wang', displayName: '王经理', role: 'marketing', password: 'a-long-password-123', createdBy: 'test' });
	});
	afterAll(async () => {
		await closeWorkflowHarness();
		rmSync(folder, { recursive: true, force: true });
	});

	it('sets who takes leads (branch, e-mail, capacity) and names a bad e-mail', async () => {
		const setOwner = (email: string): WorkflowJson => ({
			name: 'Set Owner (test)',
			nodes: [
				{ id: 'd1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} },
				{
					id: 'd2',
					name: 'Set Owner',
					type: 'n8n-nodes-lead-monitor.leadScore',
					typeVersion: 1,
					position: [240, 0] as [number, number],
					onError: 'continueRegularOutput' as const,
					parameters: { resource: 'owner', operation: 'setOwner', username: 'Wang', branch: '杭州分行', email, dailyCapacity: 10, takesLeads: true },
					credentials: { leadMonitorStoreApi: { id: 'leadMonitorStore', name: 'Lead Monitor Store' } },
				},
			],
			connections: { Start: { main: [[{ node: 'Set Owner', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
		});
		const bad = await runWorkflow(setOwner('not-an-email'), { credentials: [credential] });
		expect(bad.outputOf('Set Owner')).toEqual([expect.objectContaining({ field: 'email', error: expect.stringMatching(/不是有效的邮箱/) })]);
		const run = await runWorkflow(setOwner('wang@bank.example'), { credentials: [credential] });
		expect(run.outputOf('Set Owner')).toEqual([{ username: 'wang', branch: '杭州分行', email: 'wang@bank.example', dailyCapacity: 10, takesLeads: true }]);
	});

	it('scores the leads after the monitor run, assigns the mature one and alerts its owner', async () => {
		const run = await runWorkflow(DAILY, {
			credentials: [credential],
			input: { node: 'Run Now', items: [{ headers: {}, params: {}, query: {}, body: { filePath: file } }] },
		});
		expect(run.error).toBeUndefined();
		const [summary] = run.outputOf('Score and Assign Leads');
		expect(summary).toMatchObject({
			scoring: { scored: true, scoredOn: yesterday(), modelVersion: 1, leads: 2, mature: 1 },
			assignment: { assigned: 1, byRules: 1, waiting: 0 },
			gradeAAlerts: 1,
		});
		expect(run.itemsOf('Score and Assign Leads')[0].pairedItem).toEqual([{ item: 0 }]);
		expect(await ledgerMismatches(store)).toEqual([]);

		const again = await runWorkflow(DAILY, {
			credentials: [credential],
			input: { node: 'Run Now', items: [{ headers: {}, params: {}, query: {}, body: { filePath: file } }] },
		});
		expect(again.outputOf('Score and Assign Leads')[0]).toMatchObject({ scoring: { scored: false }, assignment: { assigned: 0 }, gradeAAlerts: 0 });
	});

	it('explains a score with its ledger and owner history, and sends each alert once', async () => {
		const run = await runWorkflow(LEAD_SCORE, { credentials: [credential], input: { items: [{ leadId: 'L-SCORE-1' }, { leadId: 'L-NOPE' }] } });
		expect(run.error).toBeUndefined();
		const [explained, missing] = run.outputOf('Explain');
		expect(explained).toMatchObject({ leadId: 'L-SCORE-1', grade: expect.stringMatching(/^A[1-3]$/), mature: true, ownerHistory: [expect.objectContaining({ toOwner: 'wang', kind: 'assign' })] });
		expect(explained.entriesTotal).toBe(explained.score);
		expect((explained.entries as Array<{ source: string }>).map((e) => e.source)).toEqual(expect.arrayContaining(['hit', 'event', 'industry', 'attribute']));
		expect(missing).toMatchObject({ error: expect.stringMatching(/L-NOPE/) });

		const [batch] = run.outputOf('Claim Alerts');
		expect(batch).toMatchObject({ recipient: 'wang', email: 'wang@bank.example', alertIds: [expect.any(Number), expect.any(Number)] });
		expect(batch.text).toMatch(/188\*\*\*\*1234/);
		expect(JSON.stringify(batch)).not.toContain('18812341234');
		expect(run.outputOf('Mark Alerts Sent')).toEqual([{ claimToken: batch.claimToken, marked: 2 }]);

		const second = await runWorkflow(LEAD_SCORE, { credentials: [credential], input: { items: [{ leadId: 'L-SCORE-1' }] } });
		expect(second.outputOf('Claim Alerts')).toEqual([{}]);
	});
});
