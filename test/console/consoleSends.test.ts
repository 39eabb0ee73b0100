import { answerSend, handleConsoleRequest, type ConsoleSend } from '../../lib/console';
import type { PushOutcome } from '../../lib/console/api/contract';
import type { DayPlan } from '../../lib/push';
import { createLead } from '../../lib/roster';
import type { StaffRole } from '../../lib/staff';
import type { Store } from '../../lib/store';
import { insertHit } from '../board/boardSeed';
import { ALWAYS_OPEN_POLICY } from '../push/workflowFixtures';
import { openTestStore, STORE_KINDS, testKeys } from '../setup/testStores';
import { ConsoleClient, consoleContext, errorOf, signedInRoles } from './consoleClient';

/** 23:00 in Shanghai on a Tuesday: inside the standard policy's quiet hours (21:00–08:00). */
const LATE_EVENING = new Date('2025-12-23T15:00:00Z');

async function lastAudit(store: Store, action: string) {
	const result = await store.query<{ actor: string; subject: string | null; detail: Record<string, unknown> }>(
		'SELECT actor, subject, detail FROM audit_log WHERE action = $1 ORDER BY id DESC LIMIT 1',
		[action],
	);
	return result.rows[0];
}

describe.each(STORE_KINDS)('console sends and the push simulation on %s', (kind) => {
	let store: Store;
	let clients: Record<StaffRole, ConsoleClient>;
	const hitIds: number[] = [];

	beforeAll(async () => {
		store = await openTestStore(kind);
		({ clients } = await signedInRoles(store, 'sends'));
		for (let i = 0; i < 2; i++) {
			await createLead(store, testKeys, { leadId: `S-${i}`, name: `冯${i}`, phone: `1371234${String(5000 + i)}` });
			hitIds.push(await insertHit(store, { leadId: `S-${i}`, createdAt: new Date().toISOString() }));
		}
	});
	afterAll(() => store.close());

	describe('board.send', () => {
		it('hands the existing hits (masked) to the workflow with the request, and names the ids that are no hits', async () => {
			const response = await clients.marketing.post('board.send', { hitIds: [hitIds[1], 424242, hitIds[0]], channel: 'call' });
			expect(response.status).toBe(202);
			expect(response.pushes?.send).toMatchObject({ op: 'board.send', actor: 'sends-marketing', channel: 'call', hitIds: [hitIds[1], hitIds[0]], missing: [424242] });
			expect(response.pushes?.hits.map((hit) => [hit.hitId, hit.phone])).toEqual([
				[hitIds[1], '137****5001'],
				[hitIds[0], '137****5000'],
			]);
			expect(JSON.stringify(response.pushes)).not.toMatch(/1371234500\d/);
		});

		it('answers at once, audited, when none of the ids is a hit', async () => {
			const response = await clients.marketing.post('board.send', { hitIds: [424242], channel: 'sms' });
			expect(response.pushes).toBeUndefined();
			expect(response.body).toEqual({
				outcomes: [{ hitId: 424242, channel: 'sms', outcome: 'invalid', outcomeLabel: '无法发送', reasonCode: 'hit_not_found', reason: '命中 424242 不存在', earliest: null }],
			});
			expect(await lastAudit(store, 'hits.send')).toMatchObject({ actor: 'sends-marketing', detail: { channel: 'sms', missing: [424242] } });
		});

		it('names the field at fault and lets no viewer send', async () => {
			const noChannel = await clients.marketing.post('board.send', { hitIds });
			expect([noChannel.status, errorOf(noChannel).field]).toEqual([400, 'channel']);
			const badChannel = await clients.marketing.post('board.send', { hitIds, channel: 'email' });
			expect([badChannel.status, errorOf(badChannel).field]).toEqual([400, 'channel']);
			const badIds = await clients.marketing.post('board.send', { hitIds: ['x'], channel: 'sms' });
			expect([badIds.status, errorOf(badIds).field]).toEqual([400, 'hitIds']);
			expect((await clients.viewer.post('board.send', { hitIds, channel: 'sms' })).status).toBe(403);
		});
	});

	describe('answerSend', () => {
		const send = (fields: Partial<ConsoleSend> = {}): ConsoleSend => ({
			op: 'board.send',
			requestId: 'r-1',
			actor: 'sends-marketing',
			channel: 'sms',
			hitIds: [11, 12, 13],
			missing: [99],
			requestedAt: new Date().toISOString(),
			...fields,
		});

		it('gives every hit asked for one outcome: the one reported, `failed` when none was, `invalid` for no hit; audited', async () => {
			const response = await answerSend(consoleContext(store), send(), [
				{ hitId: 11, channel: 'sms', outcome: 'sent' },
				{ hitId: 12, outcome: 'held', reasonCode: 'quiet_hours', reason: '免打扰时段（21:00–08:00），最早 08:00 可推送', earliest: '2025-12-24T08:00:00.000+08:00' },
			]);
			expect(response.status).toBe(200);
			const outcomes = (response.body as { outcomes: PushOutcome[] }).outcomes;
			expect(outcomes.map((o) => [o.hitId, o.outcome, o.outcomeLabel, o.reasonCode, o.earliest])).toEqual([
				[11, 'sent', '已发送', null, null],
				[12, 'held', '暂缓（推送策略）', 'quiet_hours', '2025-12-24T08:00:00.000+08:00'],
				[13, 'failed', '发送失败，稍后可用同一幂等键重试', null, null],
				[99, 'invalid', '无法发送', 'hit_not_found', null],
			]);
			expect(outcomes[2].reason).toMatch(/未收到发送结果/);
			expect(await lastAudit(store, 'hits.send')).toMatchObject({
				actor: 'sends-marketing',
				subject: null,
				detail: { requestId: 'r-1', outcomes: [{ hitId: 11, outcome: 'sent' }, { hitId: 12, outcome: 'held', reasonCode: 'quiet_hours' }, { hitId: 13, outcome: 'failed' }, { hitId: 99, outcome: 'invalid' }] },
			});
		});

		it('answers a test push with its one outcome', async () => {
			const response = await answerSend(consoleContext(store), send({ op: 'push.test', hitIds: [], missing: [], phone: '137****0000', templateId: 'SMS_TEST' }), [
				{ hitId: null, channel: 'sms', outcome: 'opted_out', reason: '客户已退订或登记免打扰' },
			]);
			expect(response.body).toMatchObject({ hitId: null, outcome: 'opted_out', outcomeLabel: '客户已退订，未发送' });
			expect(await lastAudit(store, 'push.test')).toMatchObject({ subject: '137****0000', detail: { outcome: 'opted_out', templateId: 'SMS_TEST' } });
		});

		it('answers 500, saying nothing of the cause, when the audit cannot be written', async () => {
			const broken = await openTestStore(kind);
			await broken.close();
			const response = await answerSend(consoleContext(broken), send(), []);
			expect(response).toMatchObject({ status: 500, body: { error: { code: 'internal' } } });
			expect(response.internalError).toBeInstanceOf(Error);
		});
	});

	describe('push.test', () => {
		it('checks the number and the channel', async () => {
			const bad = await clients.marketing.post('push.test', { phone: '1234', channel: 'sms' });
			expect([bad.status, errorOf(bad).field]).toEqual([400, 'phone']);
			const channel = await clients.marketing.post('push.test', { phone: '13700000001', channel: 'fax' });
			expect([channel.status, errorOf(channel).field]).toEqual([400, 'channel']);
			expect((await clients.viewer.post('push.test', { phone: '13700000001', channel: 'sms' })).status).toBe(403);
		});

		it('is held by the active policy at night, with the rule and when it may go, and audited; nothing to send', async () => {
			const late = new ConsoleClient(consoleContext(store, { now: () => LATE_EVENING }));
			await late.login('sends-marketing');
			const response = await late.post('push.test', { phone: '137 0000 0001', channel: 'sms' });
			expect(response.status).toBe(200);
			expect(response.pushes).toBeUndefined();
			const outcome = response.body as PushOutcome;
			expect(outcome).toMatchObject({ hitId: null, channel: 'sms', outcome: 'held', reasonCode: 'quiet_hours' });
			expect(outcome.reason).toMatch(/^免打扰时段（21:00–08:00）.*最早 .*可推送$/);
			expect(outcome.earliest).toMatch(/^2025-12-24T\d\d:\d\d:00\.000\+08:00$/);
			expect(await lastAudit(store, 'push.test')).toMatchObject({ actor: 'sends-marketing', subject: '137****0001', detail: { outcome: 'held', reasonCode: 'quiet_hours' } });
		});

		it('goes to the workflow with the number when the active policy lets it (template SMS_TEST, or the one given)', async () => {
			const active = (await clients.admin.get('policy.active')).body as { version: number };
			expect((await clients.admin.post('policy.save', { body: ALWAYS_OPEN_POLICY, note: '全天', baseVersion: active.version })).status).toBe(200);
			const late = new ConsoleClient(consoleContext(store, { now: () => LATE_EVENING }));
			await late.login('sends-marketing');
			const sms = await late.post('push.test', { phone: '13700000001', channel: 'sms' });
			expect(sms.pushes).toMatchObject({ send: { op: 'push.test', channel: 'sms', phone: '137****0001', templateId: 'SMS_TEST' }, hits: [], test: { phone: '13700000001', templateId: 'SMS_TEST' } });
			const call = await late.post('push.test', { phone: '13700000001', channel: 'call', templateId: 'CALL_HELLO' });
			expect(call.pushes?.test).toEqual({ phone: '13700000001', templateId: 'CALL_HELLO' });
		});
	});

	describe('push.simulate', () => {
		it("plans a day for the pending hits under the policy being edited, unsaved, and changes nothing", async () => {
			const before = await store.query('SELECT count(*) AS n FROM push_ledger');
			const response = await clients.viewer.post('push.simulate', { policy: { ...ALWAYS_OPEN_POLICY, id: 'draft' }, date: '2030-01-07' });
			expect(response.status).toBe(200);
			const plan = response.body as DayPlan;
			expect(plan).toMatchObject({ date: '2030-01-07', policyId: 'draft' });
			expect(plan.entries.filter((entry) => entry.action === 'send').map((entry) => entry.hitId).sort()).toEqual([...hitIds].sort());
			expect(plan.entries[0].time).toBe('00:00');
			expect((await store.query('SELECT count(*) AS n FROM push_ledger')).rows).toEqual(before.rows);
		});

		it('uses the active policy when none is given, and names a bad policy or date', async () => {
			expect(((await clients.viewer.post('push.simulate', { date: '2030-01-07' })).body as DayPlan).policyId).toBe(ALWAYS_OPEN_POLICY.id);
			const badPolicy = await clients.viewer.post('push.simulate', { policy: { ...ALWAYS_OPEN_POLICY, defaultIntervalMinutes: 0 } });
			expect(badPolicy.status).toBe(400);
			expect(errorOf(badPolicy).field).toBe('defaultIntervalMinutes');
			const badDate = await clients.viewer.post('push.simulate', { date: '2030-13-01' });
			expect([badDate.status, errorOf(badDate).field]).toEqual([400, 'date']);
		});
	});

	describe('requests from pages of other origins', () => {
		async function call(method: 'GET' | 'POST', op: string, headers: Record<string, string>, extra: Parameters<typeof consoleContext>[1] = {}, secure = false) {
			const person = clients.marketing;
			return handleConsoleRequest(consoleContext(store, extra), {
				method,
				op,
				query: {},
				body: {},
				headers: { cookie: person.cookie, 'x-csrf-token': person.csrfToken, ...headers } as Record<string, string>,
				secure,
			});
		}

		it('refuses a page of another origin, or another site by Sec-Fetch-Site, before anything runs', async () => {
			for (const headers of <Array<Record<string, string>>>[{ origin: 'http://evil.example', host: 'console.bank' }, { origin: 'null', host: 'console.bank' }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }]) {
				const response = await call('POST', 'session.logout', headers);
				expect([response.status, errorOf(response).code]).toEqual([403, 'origin']);
			}
			expect((await call('GET', 'session.get', { origin: 'https://console.bank', host: 'console.bank' })).status).toBe(403);
		});

		it("lets the console's own origin in, behind a proxy too, and the origins an operator allows", async () => {
			expect((await call('GET', 'session.get', { origin: 'http://console.bank', host: 'console.bank' })).status).toBe(200);
			expect((await call('GET', 'session.get', { origin: 'https://console.bank', host: '127.0.0.1:5678', 'x-forwarded-host': 'console.bank' }, {}, true)).status).toBe(200);
			expect((await call('GET', 'session.get', { origin: 'https://console.bank', host: '127.0.0.1:5678' }, { allowedOrigins: ['https://console.bank/'] })).status).toBe(200);
			expect((await call('GET', 'session.get', { 'sec-fetch-site': 'same-origin' })).status).toBe(200);
			expect((await call('GET', 'session.get', {})).status).toBe(200);
		});
	});
});
