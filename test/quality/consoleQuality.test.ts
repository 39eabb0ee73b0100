import { bufferSource } from '../../lib/ingest';
import { ingestQualityFile, scoreSessions } from '../../lib/quality';
import type { Store } from '../../lib/store';
import { consoleContext, ConsoleClient, errorOf, signedInRoles } from '../console/consoleClient';
import { openTestStore } from '../setup/testStores';
import { goodSession, poorSession } from './qualityFixtures';

describe('the console’s conversation-quality operations', () => {
	let store: Store;
	let viewer: ConsoleClient;
	const now = Date.now();

	beforeAll(async () => {
		store = await openTestStore('pglite');
		viewer = (await signedInRoles(store, 'quality')).clients.viewer;
		const lines = [
			...goodSession.map((m, i) => ({ sessionId: 'c-good', agentId: '王芳', team: '一组', role: m.role, sentAt: new Date(now - 7_200_000 + m.sentAt - goodSession[0].sentAt).toISOString(), text: m.text, ...(i === 0 ? { leadId: 'L-9' } : {}) })),
			...poorSession.map((m) => ({ sessionId: 'c-poor', agentId: '李雷', team: '一组', role: m.role, sentAt: new Date(now - 7_200_000 + m.sentAt - poorSession[0].sentAt).toISOString(), text: m.text })),
		];
		await ingestQualityFile(store, consoleContext(store).keys, bufferSource('m.jsonl', Buffer.from(lines.map((l) => JSON.stringify(l)).join('\n'))), { kind: 'messages' });
		await scoreSessions(store);
	});
	afterAll(() => store.close());

	it('ranks agents and teams for a viewer', async () => {
		const agents = await viewer.get('quality.standings', { group: 'agent' });
		expect(agents.status).toBe(200);
		expect((agents.body as { rows: Array<{ key: string }> }).rows.map((r) => r.key)).toEqual(['王芳', '李雷']);
		const teams = await viewer.get('quality.standings', { group: 'team' });
		expect((teams.body as { rows: Array<{ key: string; last3Days: { sessions: number } }> }).rows).toEqual([expect.objectContaining({ key: '一组', last3Days: expect.objectContaining({ sessions: 2 }) })]);
	});

	it('gives trends, session lists and a breakdown with the customer’s phone masked', async () => {
		const trend = await viewer.get('quality.trend', { group: 'agent', key: '王芳', days: '7' });
		expect((trend.body as Array<{ sessions: number }>).reduce((n, p) => n + p.sessions, 0)).toBe(1);
		const list = await viewer.get('quality.sessions', { worstFirst: 'true' });
		expect((list.body as { rows: Array<{ sessionId: string }> }).rows.map((r) => r.sessionId)).toEqual(['c-poor', 'c-good']);
		const breakdown = await viewer.get('quality.session', { sessionId: 'c-poor' });
		expect(breakdown.status).toBe(200);
		const messages = (breakdown.body as { messages: Array<{ text: string; costsPoints: boolean }> }).messages;
		expect(messages[8].text).toBe('手机号是138****5678');
		expect(messages.filter((m) => m.costsPoints)).toHaveLength(7);
	});

	it('lists a lead’s conversations', async () => {
		const sessions = await viewer.get('quality.leadSessions', { leadId: 'L-9' });
		expect((sessions.body as Array<{ sessionId: string }>).map((s) => s.sessionId)).toEqual(['c-good']);
	});

	it('names what is wrong with a request, and lets no one in without a session', async () => {
		expect(errorOf(await viewer.get('quality.session', {}))).toMatchObject({ code: 'invalid', field: 'sessionId' });
		expect((await viewer.get('quality.session', { sessionId: 'nope' })).status).toBe(404);
		expect((await new ConsoleClient(consoleContext(store)).get('quality.standings', { group: 'agent' })).status).toBe(401);
	});
});

describe('the scoring model through the console', () => {
	let store: Store;
	let clients: Awaited<ReturnType<typeof signedInRoles>>['clients'];
	let accounts: Awaited<ReturnType<typeof signedInRoles>>['accounts'];
	beforeAll(async () => {
		store = await openTestStore('pglite');
		({ clients, accounts } = await signedInRoles(store, 'model'));
	});
	afterAll(() => store.close());

	it('shows the active model to a viewer, lets only an admin save a version, and audits it', async () => {
		const active = await clients.viewer.get('qualityModel.active');
		expect(active.body).toMatchObject({ version: 1, body: { id: 'standard', totalWeights: { rating: 0.2, qa: 0.8 } } });
		const body = { ...(active.body as { body: Record<string, unknown> }).body, name: '严格模型' };
		expect((await clients.viewer.post('qualityModel.save', { body, note: '试', baseVersion: 1 })).status).toBe(403);
		const saved = await clients.admin.post('qualityModel.save', { body, note: '更严格', baseVersion: 1 });
		expect(saved.body).toMatchObject({ created: true, active: { version: 2, body: { name: '严格模型' } } });
		const bad = await clients.admin.post('qualityModel.save', { body: { ...body, goodRating: 9 }, baseVersion: 2 });
		expect(errorOf(bad)).toMatchObject({ code: 'invalidQualityModel', field: 'goodRating' });
		const audit = await store.query<{ action: string }>(`SELECT action FROM audit_log WHERE action LIKE 'qualityModel.%'`);
		expect(audit.rows).toEqual([{ action: 'qualityModel.save' }]);
	});

	it('scores every session again with the activated model for an admin only, and audits it with the author', async () => {
		const now = Date.now();
		const lines = poorSession.map((m) => ({ sessionId: 'r-poor', agentId: '李雷', role: m.role, sentAt: new Date(now - 7_200_000 + m.sentAt - poorSession[0].sentAt).toISOString(), text: m.text }));
		await ingestQualityFile(store, consoleContext(store).keys, bufferSource('r.jsonl', Buffer.from(lines.map((l) => JSON.stringify(l)).join('\n'))), { kind: 'messages' });
		await ingestQualityFile(store, consoleContext(store).keys, bufferSource('r-ratings.jsonl', Buffer.from(JSON.stringify({ sessionId: 'r-poor', rating: 5, ratedAt: new Date(now - 3_600_000).toISOString() }))), { kind: 'ratings' });
		await scoreSessions(store);
		// The session list shows the stored total (the breakdown recomputes with the active model).
		const totalNow = async () => ((await clients.viewer.get('quality.sessions', {})).body as { rows: Array<{ sessionId: string; total: number }> }).rows.find((r) => r.sessionId === 'r-poor')?.total;
		const before = (await totalNow()) as number;
		expect(before).toEqual(expect.any(Number));

		const active = (await clients.admin.get('qualityModel.active')).body as { version: number; body: { totalWeights: { rating: number; qa: number } } };
		const body = { ...active.body, totalWeights: { rating: 0.5, qa: 0.5 } };
		await clients.admin.post('qualityModel.save', { body, note: '评价占一半', baseVersion: active.version });
		expect(await totalNow()).toBe(before);

		expect((await clients.viewer.post('quality.rescore', {})).status).toBe(403);
		expect((await clients.marketing.post('quality.rescore', {})).status).toBe(403);
		const rescored = await clients.admin.post('quality.rescore', {});
		expect(rescored.status).toBe(200);
		expect(rescored.body).toMatchObject({ modelVersion: active.version + 1, sessionsScored: 1 });
		const after = await totalNow();
		expect(after).toBeGreaterThan(before);

		const audit = await store.query<{ actor: string; subject: string; detail: { sessionsScored: number } }>(`SELECT actor, subject, detail FROM audit_log WHERE action = 'quality.rescore'`);
		expect(audit.rows).toEqual([{ actor: accounts.admin, subject: `qualityModel v${active.version + 1}`, detail: expect.objectContaining({ sessionsScored: 1 }) }]);
	});
});
