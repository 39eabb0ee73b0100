import { checkGateway, errorText, GatewayClient, GatewayTransportError, retryingCall } from '../../lib/outreach';
import { ReferenceGateway, TEST_APP_ID, TEST_APP_SECRET } from './referenceGateway';

const FAST_RETRY = { retries: 3, baseDelayMs: 5, maxDelayMs: 20 };
const SMS = { to: '13800000000', templateId: 'T1', variables: {} };

describe('the reference gateway and the gateway client', () => {
	let gateway: ReferenceGateway;
	let client: GatewayClient;
	beforeAll(async () => {
		gateway = await ReferenceGateway.start({ basePath: '/gw', invalidRecipients: ['13900000000'] });
		client = new GatewayClient({ baseUrl: gateway.url, appId: TEST_APP_ID, secret: TEST_APP_SECRET }, { timeoutMs: 300, maxSockets: 4 });
	});
	afterEach(() => gateway.reset());
	afterAll(async () => {
		client.close();
		await gateway.close();
	});

	it('answers a signed ping (the credential test) and refuses a wrong secret', async () => {
		expect(gateway.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/gw$/);
		expect(await checkGateway({ baseUrl: gateway.url, appId: TEST_APP_ID, secret: TEST_APP_SECRET })).toEqual({
			ok: true,
			message: `网关连接正常，签名已验证（App ID ${TEST_APP_ID}）`,
		});
		const wrong = await checkGateway({ baseUrl: gateway.url, appId: TEST_APP_ID, secret: 'not-the-right-secret!' });
		expect(wrong).toEqual({ ok: false, message: expect.stringContaining('HTTP 401：bad_signature') });
		expect(gateway.received.map((r) => r.verdict)).toEqual(['ping', 'rejected:bad_signature']);
	});

	it('sends once per idempotency key and answers a repeat with the same message id', async () => {
		const first = await client.request('POST', '/v1/sms', SMS, { 'idempotency-key': 'k1' });
		const again = await client.request('POST', '/v1/sms', SMS, { 'idempotency-key': 'k1' });
		expect(first).toEqual({ status: 202, body: { messageId: expect.stringMatching(/^SM/), status: 'accepted', duplicate: false } });
		expect(again).toEqual({ status: 200, body: { messageId: (first.body as { messageId: string }).messageId, status: 'accepted', duplicate: true } });
		expect(gateway.sendsByKey()).toEqual(new Map([['k1', 1]]));
		expect((await client.request('POST', '/v1/calls', SMS, { 'idempotency-key': 'k2' })).body).toMatchObject({ callId: expect.stringMatching(/^CL/) });
	});

	it('validates the request: key, recipient, template', async () => {
		expect((await client.request('POST', '/v1/sms', SMS)).body).toMatchObject({ code: 'missing_idempotency_key' });
		expect((await client.request('POST', '/v1/sms', { ...SMS, to: '13900000000' }, { 'idempotency-key': 'k3' })).status).toBe(422);
		expect(errorText({ code: 'invalid_recipient', message: '13900000000 为空号' })).toBe('：invalid_recipient 139****0000 为空号');
		expect((await client.request('POST', '/v1/sms', { ...SMS, templateId: '' }, { 'idempotency-key': 'k4' })).status).toBe(400);
		expect(gateway.messages.size).toBe(0);
	});

	it('fails on purpose: 500s, timeouts, slow answers, dropped connections', async () => {
		gateway.failNext({ kind: 'status', status: 500 }, { kind: 'timeout' }, { kind: 'drop' }, { kind: 'slow', delayMs: 50 });
		const call = () => client.request('POST', '/v1/sms', SMS, { 'idempotency-key': 'k5' });
		expect((await call()).status).toBe(500);
		await expect(call()).rejects.toMatchObject({ kind: 'timeout' });
		await expect(call()).rejects.toBeInstanceOf(GatewayTransportError);
		const started = Date.now();
		expect((await call()).status).toBe(202);
		expect(Date.now() - started).toBeGreaterThanOrEqual(45);
		expect(gateway.received.map((r) => r.verdict)).toEqual(['fault:status:500', 'fault:timeout', 'fault:drop', 'accepted']);
	});

	it('retries 5xx, timeouts and drops with backoff, never 4xx; an accepted-then-dropped send is deduped', async () => {
		gateway.failNext({ kind: 'status', status: 503 }, { kind: 'timeout' }, { kind: 'acceptThenDrop' });
		const outcome = await retryingCall(() => client.request('POST', '/v1/sms', SMS, { 'idempotency-key': 'k6' }), FAST_RETRY);
		expect(outcome).toMatchObject({ kind: 'accepted', attempts: 4, body: { duplicate: true } });
		expect(gateway.sendsByKey()).toEqual(new Map([['k6', 1]]));

		gateway.failNext({ kind: 'status', status: 429, code: 'rate_limited' });
		const limited = await retryingCall(() => client.request('POST', '/v1/sms', SMS, { 'idempotency-key': 'k7' }), FAST_RETRY);
		expect(limited).toMatchObject({ kind: 'rejected', status: 429, attempts: 1 });

		gateway.failWhen(() => ({ kind: 'status', status: 502 }));
		const down = await retryingCall(() => client.request('POST', '/v1/sms', SMS, { 'idempotency-key': 'k8' }), FAST_RETRY);
		expect(down).toEqual({ kind: 'failed', status: 502, error: '网关返回 502：injected 注入的故障', attempts: 4 });
	});

	it('rejects a replayed request (same nonce) and a stale timestamp', async () => {
		const late = await ReferenceGateway.start({ now: () => Date.now() + 10 * 60_000 });
		const lateClient = new GatewayClient({ baseUrl: late.url, appId: TEST_APP_ID, secret: TEST_APP_SECRET }, { timeoutMs: 500, maxSockets: 1 });
		try {
			expect((await lateClient.request('GET', '/v1/ping')).body).toMatchObject({ code: 'stale_timestamp' });
		} finally {
			lateClient.close();
			await late.close();
		}
		await client.request('GET', '/v1/ping');
		const replay = await fetch(`${gateway.url}/v1/ping`, { headers: gateway.received[0].headers as Record<string, string> });
		expect(await replay.json()).toMatchObject({ code: 'replayed_nonce' });
	});
});
