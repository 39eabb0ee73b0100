import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { closeWorkflowHarness, nodeStore, readWorkflowJson, runWorkflow, storeCredential, type StoreKind, type WorkflowJson } from '../harness';
import { addDays } from '../../lib/calendar';
import { listHits } from '../../lib/hits';
import type { DailyRunSummary } from '../../lib/monitor';
import { csvLine, HEADER, validId, yesterday } from '../ingest/callLogFixtures';
import { createLead } from '../../lib/roster';

const WORKFLOW = 'workflows/daily-monitor.json';

/** The shipped workflow with Lead Monitor's Output set back to the default, one item per hit. */
function withHitItems(): WorkflowJson {
	const workflow = readWorkflowJson(WORKFLOW);
	const monitor = workflow.nodes.find((node) => node.name === 'Find High-Potential Leads');
	if (!monitor) throw new Error('no Find High-Potential Leads node');
	monitor.parameters = { ...monitor.parameters, output: 'hits' };
	return workflow;
}

/** Lead 1 calls 4 times yesterday at two institutions (a hit); lead 2 once (none); one row is bad. */
function callLog(): string {
	const rows = [
		csvLine({ id: validId(1), institution: '杭州分行' }, 1),
		csvLine({ id: validId(1), institution: '上海研发分部' }, 2),
		csvLine({ id: validId(1), institution: '杭州分行', type: 'DATA_QUERY' }, 3),
		csvLine({ id: validId(1), institution: '杭州分行' }, 4),
		csvLine({ id: validId(2), institution: '杭州分行' }, 5),
		csvLine({ id: '110105194912310021', institution: '杭州分行' }, 6),
	];
	return [HEADER, ...rows].join('\n') + '\n';
}

describe.each<StoreKind>(['postgres', 'pglite'])('the daily monitor workflow on %s', (kind) => {
	const credential = storeCredential(kind, { id: 'leadMonitorStore' });
	const folder = mkdtempSync(join(tmpdir(), 'daily-monitor-'));
	const file = join(folder, `calls-${yesterday()}.csv`);
	const runNow = (body: Record<string, string> = {}, workflow: WorkflowJson | string = WORKFLOW) =>
		runWorkflow(workflow, {
			credentials: [credential],
			input: { node: 'Run Now', items: [{ headers: {}, params: {}, query: {}, body: { filePath: file, ...body } }] },
		});
	const checkDailyRuns = async () => {
		const run = await runWorkflow(WORKFLOW, { credentials: [credential], input: { node: 'Health Check', items: [{ headers: {}, params: {}, query: {}, body: {} }] } });
		expect(run.error).toBeUndefined();
		return run.outputOf('Check Daily Runs')[0];
	};
	/** Lead Monitor's summary of the run (the shipped Output "Summary"). */
	const summaryOf = (run: Awaited<ReturnType<typeof runNow>>) => run.outputOf('Find High-Potential Leads')[0] as unknown as DailyRunSummary & { ruleSetVersion?: number };
	/** The run's new hits, from the store: the ids in its range, as many as it counted. */
	const hitsOf = async (summary: DailyRunSummary) => {
		const { store } = await nodeStore(credential.data);
		const range = summary.hitIds;
		const hits = range ? (await listHits(store, {}, { limit: 1000 })).filter((hit) => hit.hitId >= range.first && hit.hitId <= range.last) : [];
		expect(hits).toHaveLength(summary.newHits);
		return hits;
	};

	beforeAll(async () => {
		writeFileSync(file, callLog());
		const { store, keys } = await nodeStore(credential.data);
		await createLead(store, keys, { leadId: 'L-DAILY-1', name: '赵敏', phone: '18812341234', idNumber: validId(1) });
		await createLead(store, keys, { leadId: 'L-DAILY-2', name: '钱七', phone: '13911112222', idNumber: validId(2) });
		await createLead(store, keys, { leadId: 'L-DAILY-3', name: '孙八', phone: '13611113333', idNumber: validId(3) });
	});
	afterAll(async () => {
		await closeWorkflowHarness();
		rmSync(folder, { recursive: true, force: true });
	});

	it('ingests yesterday\'s file and evaluates the saved rules (on a fresh install: the presets)', async () => {
		const run = await runNow();
		expect(run.error).toBeUndefined();
		const [ingest] = run.outputOf('Ingest Yesterday\'s Call Logs');
		expect(ingest).toMatchObject({ rowsRead: 6, accepted: 5, rejected: 1 });
		// One summary item, no item per hit: the hits are in the store.
		expect(run.outputOf('Find High-Potential Leads')).toHaveLength(1);
		const summary = summaryOf(run);
		// The saved rules: on a fresh install their cold start, every preset, as version 1.
		expect(summary).toMatchObject({
			businessDate: yesterday(),
			newHits: 2,
			controlGroup: 0,
			byRule: [
				{ ruleId: 'active-institutions', newHits: 1, grade: expect.any(String), label: expect.any(String) },
				{ ruleId: 'key-behaviour', newHits: 1, grade: expect.any(String), label: expect.any(String) },
			],
			byInstitution: [{ institution: '杭州分行', newHits: 2 }],
			logGaps: [],
			missedDates: [],
			ruleSetVersion: 1,
		});
		expect(Object.values(summary.byGrade).reduce((sum, count) => sum + count, 0)).toBe(2);
		expect(JSON.stringify(summary)).not.toMatch(/18812341234|赵敏/);
		const hits = await hitsOf(summary);
		expect(hits.map((hit) => [hit.leadId, hit.ruleId]).sort()).toEqual([
			['L-DAILY-1', 'active-institutions'],
			['L-DAILY-1', 'key-behaviour'],
		]);
		expect(hits.every((hit) => hit.phone === '188****1234' && hit.hitDate === yesterday())).toBe(true);
		// The Respond to Webhook node is a pass-through stand-in here; the end-to-end test checks the real answer.
		expect(run.executedNodes).toContain('Respond With Summary');
	});

	it('changes nothing when the same day runs again', async () => {
		const run = await runNow();
		expect(run.error).toBeUndefined();
		expect(run.outputOf('Ingest Yesterday\'s Call Logs')[0]).toMatchObject({ alreadyIngested: true });
		expect(run.outputOf('Find High-Potential Leads')).toEqual([expect.objectContaining({ newHits: 0, hitIds: null, byRule: [], alreadyHit: 2 })]);
	});

	it("reports an institution whose log for the day is missing (宁波网点 sent every day before, nothing yesterday): every new hit item (or the summary) carries the warning, an alert item follows", async () => {
		// The days before yesterday: 宁波网点 two calls a day; lead 3 busy at two institutions the day before yesterday.
		const earlier = [4, 3, 2].flatMap((back, day) => [0, 1].map((n) => csvLine({ id: validId(100 + day * 2 + n), institution: '宁波网点', time: `${addDays(yesterday(), -back)} 09:0${n}:00` }, 40 + day * 2 + n)));
		const busy = ['杭州分行', '上海研发分部', '杭州分行'].map((institution, n) => csvLine({ id: validId(3), institution, time: `${addDays(yesterday(), -2)} 11:0${n}:00` }, 60 + n));
		writeFileSync(file, [HEADER, ...earlier, ...busy].join('\n') + '\n');
		// Output "One Item per Hit": each new hit carries the warning.
		const run = await runNow({}, withHitItems());
		expect(run.error).toBeUndefined();
		const output = run.outputOf('Find High-Potential Leads');
		const hits = output.filter((item) => item.hitId);
		expect(hits.map((hit) => hit.leadId)).toContain('L-DAILY-3');
		for (const hit of hits) expect(hit.warning).toContain(`宁波网点 ${yesterday()} 的调用日志缺失`);
		const gap = { institution: '宁波网点', day: yesterday(), kind: 'missing', events: 0, usual: 2 };
		const alert = { alert: 'call_log_gap', day: yesterday(), gaps: [gap], message: expect.stringContaining('宁波网点') };
		expect(output.filter((item) => item.alert)).toEqual([alert]);
		// The shipped Output "Summary", the same day again: the summary carries the gap and its warning, the alert follows it.
		const again = await runNow();
		expect(again.error).toBeUndefined();
		expect(again.outputOf('Find High-Potential Leads')).toEqual([
			expect.objectContaining({ newHits: 0, logGaps: [gap], warning: expect.stringContaining(`宁波网点 ${yesterday()} 的调用日志缺失`) }),
			alert,
		]);
	});

	it('names the business dates a schedule that never fired left without a run, on the next run and at the health check, until Run Now catches them up', async () => {
		expect(await checkDailyRuns()).toMatchObject({ status: 'ok', lastDate: yesterday(), missedDates: [] });
		// A run for four days before yesterday (an old date caught up) leaves the three days after it without a run.
		const old = addDays(yesterday(), -4);
		const catchUp = await runNow({ businessDate: old });
		expect(catchUp.error).toBeUndefined();
		expect(catchUp.outputOf('Find High-Potential Leads').filter((item) => item.alert === 'missed_daily_run')).toEqual([]);
		expect(summaryOf(catchUp)).toMatchObject({ businessDate: old, missedDates: [] });
		const missed = [-3, -2, -1].map((back) => addDays(yesterday(), back));
		expect(await checkDailyRuns()).toMatchObject({ status: 'missed', missedDates: missed, message: expect.stringContaining('每日监控未运行') });
		// The next scheduled day's run reports them among its alerts.
		const next = await runNow();
		expect(summaryOf(next)).toMatchObject({ businessDate: yesterday(), missedDates: missed });
		expect(next.outputOf('Find High-Potential Leads').filter((item) => item.alert === 'missed_daily_run')).toEqual([
			{ alert: 'missed_daily_run', day: yesterday(), missedDates: missed, message: expect.stringContaining(missed.join('、')) },
		]);
		for (const day of missed) expect((await runNow({ businessDate: day })).error).toBeUndefined();
		expect(await checkDailyRuns()).toMatchObject({ status: 'ok', missedDates: [] });
	});
});
