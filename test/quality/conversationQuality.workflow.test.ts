import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { closeWorkflowHarness, runWorkflow, storeCredential, type StoreKind } from '../harness';
import { goodSession, poorSession } from './qualityFixtures';

const WORKFLOW = 'workflows/conversation-quality.json';
const DAY = 86_400_000;

/** The templates moved to yesterday, as CSV with Chinese headers. */
function messagesCsv(): string {
	const yesterday = Date.now() - DAY;
	const rows = (id: string, agent: string, messages: typeof goodSession) =>
		messages.map((m) => [id, m.role === 'customer' ? '' : agent, m.role === 'customer' ? '客户' : '客服', new Date(yesterday - goodSession[0].sentAt + m.sentAt - 3_600_000).toISOString(), `"${m.text}"`, '一组'].join(','));
	return ['会话ID,客服ID,角色,发送时间,内容,团队', ...rows('w-good', '王芳', goodSession), ...rows('w-poor', '李雷', poorSession)].join('\n');
}

describe.each<StoreKind>(['postgres', 'pglite'])('the conversation-quality workflow on %s', (kind) => {
	const credential = storeCredential(kind, { id: 'leadMonitorStore' });
	const folder = mkdtempSync(join(tmpdir(), 'conversation-quality-'));
	const messagesPath = join(folder, 'messages.csv');
	const ratingsPath = join(folder, 'ratings.csv');
	const runNow = () =>
		runWorkflow(WORKFLOW, {
			credentials: [credential],
			input: { node: 'Run Now', items: [{ headers: {}, params: {}, query: {}, body: { messagesPath, ratingsPath } }] },
		});

	beforeAll(() => {
		writeFileSync(messagesPath, messagesCsv());
		writeFileSync(ratingsPath, `评分,会话ID,评价时间\n5,w-good,${new Date(Date.now() - DAY).toISOString()}\n0,w-poor,${new Date(Date.now() - DAY).toISOString()}\n`);
	});
	afterAll(async () => {
		await closeWorkflowHarness();
		rmSync(folder, { recursive: true, force: true });
	});

	it('ingests the day’s messages and ratings, scores the sessions and ranks the agents', async () => {
		const run = await runNow();
		expect(run.error).toBeUndefined();
		expect(run.outputOf("Ingest Yesterday's Messages")).toEqual([expect.objectContaining({ rowsRead: 19, accepted: 19, rejected: 0 })]);
		expect(run.outputOf("Ingest Yesterday's Ratings")).toEqual([
			expect.objectContaining({ rowsRead: 2, accepted: 1, rejected: 1, rejects: [expect.objectContaining({ row: 3, field: 'rating' })] }),
		]);
		expect(run.outputOf('Score Sessions')).toEqual([expect.objectContaining({ sessionsScored: 2, modelVersion: 1 })]);
		const agents = run.outputOf('Rank Agents');
		expect(agents.map((a) => [a.rank, a.key])).toEqual([
			[1, '王芳'],
			[2, '李雷'],
		]);
		expect(agents[0]).toMatchObject({ last3Days: expect.objectContaining({ total: 4.83, stars: 5 }), starBadge: true });
		// Its rating was rejected: the session is scored, says so, and stays out of the standings.
		expect(agents[1]).toMatchObject({ last3Days: expect.objectContaining({ sessions: 0, incompleteSessions: 1 }) });
		expect(run.executedNodes).toContain('Respond With Summary');
	});

	it('changes nothing when the same day runs again', async () => {
		const run = await runNow();
		expect(run.error).toBeUndefined();
		expect(run.outputOf("Ingest Yesterday's Messages")[0]).toMatchObject({ alreadyIngested: true, accepted: 0, duplicates: 19 });
		expect(run.outputOf('Score Sessions')[0]).toMatchObject({ sessionsScored: 0 });
	});

	it('takes messages posted to its webhook, and reports a session with the messages that cost points', async () => {
		// One clock reading: two could fall a millisecond apart (a reply 100.001 s later).
		const now = Date.now();
		const at = new Date(now - 3_600_000).toISOString();
		const later = new Date(now - 3_500_000).toISOString();
		const run = await runWorkflow(WORKFLOW, {
			credentials: [credential],
			input: {
				node: 'Receive Messages',
				items: [{ headers: {}, params: {}, query: {}, body: { messages: [{ sessionId: 'hook-1', role: 'customer', sentAt: at, text: '在吗' }, { sessionId: 'hook-1', agentId: '王芳', role: 'agent', sentAt: later, text: '你在搞笑吗' }] } }],
			},
		});
		expect(run.error).toBeUndefined();
		expect(run.outputOf('Ingest Posted Messages')).toEqual([expect.objectContaining({ rowsRead: 2, accepted: 2 })]);

		const report = await runWorkflow(
			{
				nodes: [
					{ id: 'a', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
					{ id: 'b', name: 'Score', type: 'n8n-nodes-lead-monitor.conversationQuality', typeVersion: 1, position: [200, 0], parameters: { operation: 'score' }, credentials: { leadMonitorStoreApi: { id: 'leadMonitorStore', name: 'store' } } },
					{ id: 'c', name: 'Session', type: 'n8n-nodes-lead-monitor.conversationQuality', typeVersion: 1, position: [400, 0], parameters: { operation: 'report', report: 'session', sessionId: 'hook-1' }, credentials: { leadMonitorStoreApi: { id: 'leadMonitorStore', name: 'store' } } },
				],
				connections: { Start: { main: [[{ node: 'Score', type: 'main', index: 0 }]] }, Score: { main: [[{ node: 'Session', type: 'main', index: 0 }]] } },
				settings: { executionOrder: 'v1' },
			},
			{ credentials: [credential], input: { items: [{}] } },
		);
		expect(report.error).toBeUndefined();
		const [session] = report.outputOf('Session');
		expect(session).toMatchObject({ sessionId: 'hook-1', agentId: '王芳', metrics: expect.objectContaining({ rudeMessages: 1, firstResponseSeconds: 100 }) });
		expect((session.messages as Array<{ marks: string[]; costsPoints: boolean }>)[1]).toMatchObject({ marks: ['rude'], costsPoints: true });
		expect(report.itemsOf('Session')[0].pairedItem).toEqual({ item: 0 });
	});

	it('keeps no execution data of what it receives', () => {
		const workflow = JSON.parse(readFileSync(WORKFLOW, 'utf8')) as { settings: Record<string, unknown> };
		expect(workflow.settings).toMatchObject({ saveDataSuccessExecution: 'none', saveDataErrorExecution: 'none', saveManualExecutions: false });
	});
});
