import { claimPushesForTest } from './claimForTest';
import { GatewayAuthError, sendOutreach, type OutreachResult } from '../../lib/outreach';
import { recordContactPreference } from '../../lib/ledger';
import { compilePolicy, gateHits } from '../../lib/push';
import { keyedHash } from '../../lib/privacy';
import { connectStore, type Store } from '../../lib/store';
import { ReferenceGateway, type Fault } from '../gateway/referenceGateway';
import { openPolicy } from '../push/policyFixtures';
import { ledgerRows, seedHits as seed, uniqueSeed, type SeedOptions } from '../push/pushFixtures';
import { openTestStore, STORE_KINDS, testKeys, testStoreConfig } from '../setup/testStores';
import { gatewayClient, hitRequests, smsOptions } from './outreachFixtures';

function outcomes(results: OutreachResult[]): string[] {
	return results.map((r) => r.outcome);
}

describe.each(STORE_KINDS)('SMS / Outbound Call sends exactly once on %s', (kind) => {
	let store: Store;
	let gateway: ReferenceGateway;
	beforeAll(async () => {
		store = await openTestStore(kind);
		gateway = await ReferenceGateway.start({ invalidRecipients: ['13999999999'] });
	});
	afterEach(() => gateway.reset());
	afterAll(async () => {
		await gateway.close();
		await store.close();
	});
	const seedHits = (options: SeedOptions) => seed(store, testKeys, { ...uniqueSeed(), ...options });

	it('sends each hit once, records the outcome and the hit status, and a re-run sends nothing', async () => {
		const hits = await seedHits({ leads: 5 });
		const client = gatewayClient(gateway);
		try {
			const first = await sendOutreach(store, testKeys, client, hitRequests(hits), smsOptions(store.schema));
			expect(outcomes(first)).toEqual(Array(5).fill('sent'));
			expect(first[0]).toMatchObject({
				index: 0,
				hitId: hits[0].hitId,
				channel: 'sms',
				outcomeLabel: '已发送',
				phone: `${hits[0].phone.slice(0, 3)}****${hits[0].phone.slice(-4)}`,
				messageId: expect.stringMatching(/^SM/),
				attempts: 1,
				httpStatus: 202,
				hitStatus: 'in_progress',
				idempotencyKey: `${store.schema}:hit:${hits[0].hitId}:sms`,
			});
			expect(gateway.recipients()).toEqual(hits.map((hit) => hit.phone));
			expect(JSON.stringify(first)).not.toContain(hits[0].phone);
			const message = [...gateway.messages.values()][0];
			expect(message).toMatchObject({ templateId: 'SMS_HIGH_POTENTIAL', variables: { reason: '近7天内在3家机构核验5次' }, reference: { hitId: hits[0].hitId, leadId: hits[0].leadId } });
			expect((await ledgerRows(store, hits)).map((row) => [row.state, row.attempts, Boolean(row.gateway_message_id)])).toEqual(Array(5).fill(['sent', 1, true]));

			const again = await sendOutreach(store, testKeys, client, hitRequests(hits), smsOptions(store.schema));
			expect(outcomes(again)).toEqual(Array(5).fill('already_sent'));
			expect(again[0].messageId).toBe(first[0].messageId);
			expect(gateway.messages.size).toBe(5);
		} finally {
			client.close();
		}
	});

	it('retries 5xx, timeouts and dropped connections with the same key; the gateway sends once', async () => {
		const hits = await seedHits({ leads: 3 });
		const planned: Record<number, Fault[]> = {
			[hits[0].hitId]: [{ kind: 'status', status: 500 }, { kind: 'timeout' }, { kind: 'drop' }],
			[hits[1].hitId]: [{ kind: 'acceptThenDrop' }],
		};
		gateway.failWhen((request) => planned[Number(/:hit:(\d+):/.exec(String(request.headers['idempotency-key']))?.[1])]?.shift());
		const client = gatewayClient(gateway, { timeoutMs: 200 });
		try {
			const results = await sendOutreach(store, testKeys, client, hitRequests(hits), smsOptions(store.schema, { concurrency: 1 }));
			expect(outcomes(results)).toEqual(['sent', 'duplicate', 'sent']);
			expect(results.map((r) => r.attempts)).toEqual([4, 2, 1]);
			expect([...gateway.sendsByKey().values()]).toEqual([1, 1, 1]);
			expect((await ledgerRows(store, hits)).map((row) => [row.state, row.attempts])).toEqual([['sent', 4], ['sent', 2], ['sent', 1]]);
		} finally {
			client.close();
		}
	});

	it('does not retry a 4xx: the push is refused for good and the hit marked contact failed', async () => {
		const [hit] = await seedHits({ leads: 1, firstPhone: 13999999999 });
		const client = gatewayClient(gateway);
		try {
			const [result] = await sendOutreach(store, testKeys, client, hitRequests([hit]), smsOptions(store.schema));
			expect(result).toMatchObject({ outcome: 'rejected', attempts: 1, httpStatus: 422, retryable: false, hitStatus: 'contact_failed' });
			expect(result.error).toBe('网关返回 422：invalid_recipient 号码为空号或停机');
			expect(gateway.received).toHaveLength(1);
			expect((await ledgerRows(store, [hit]))[0]).toMatchObject({ state: 'failed', detail: expect.objectContaining({ retryable: false, code: 'invalid_recipient' }) });
			const [again] = await sendOutreach(store, testKeys, client, hitRequests([hit]), smsOptions(store.schema));
			expect(again).toMatchObject({ outcome: 'rejected' });
			expect(gateway.received).toHaveLength(1);
		} finally {
			client.close();
		}
	});

	it('leaves a push the gateway could not take retryable, and a later run sends it under the same key', async () => {
		const [hit] = await seedHits({ leads: 1 });
		const client = gatewayClient(gateway);
		try {
			gateway.failWhen(() => ({ kind: 'status', status: 503 }));
			const [failed] = await sendOutreach(store, testKeys, client, hitRequests([hit]), smsOptions(store.schema, { retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 2 } }));
			expect(failed).toMatchObject({ outcome: 'failed', attempts: 3, retryable: true, hitStatus: 'pending' });
			gateway.failWhen(undefined);
			const [sent] = await sendOutreach(store, testKeys, client, hitRequests([hit]), smsOptions(store.schema));
			expect(sent).toMatchObject({ outcome: 'sent', idempotencyKey: failed.idempotencyKey, hitStatus: 'in_progress' });
			expect((await ledgerRows(store, [hit]))[0]).toMatchObject({ state: 'sent', attempts: 4 });
		} finally {
			client.close();
		}
	});

	it('a phone the encryption key cannot open fails that push alone (retryable); the batch goes on', async () => {
		const hits = await seedHits({ leads: 3 });
		await store.query(`UPDATE leads SET phone_enc = 'written-with-another-key' WHERE lead_id = $1`, [hits[1].leadId]);
		const client = gatewayClient(gateway);
		try {
			const results = await sendOutreach(store, testKeys, client, hitRequests(hits), smsOptions(store.schema));
			expect(outcomes(results)).toEqual(['sent', 'failed', 'sent']);
			expect(results[1]).toMatchObject({ retryable: true, hitStatus: 'pending', error: expect.stringContaining('无法用当前加密密钥解密') });
			expect(gateway.recipients()).toEqual([hits[0].phone, hits[2].phone]);
			expect((await ledgerRows(store, hits)).map((row) => [row.state, row.detail.code ?? null])).toEqual([
				['sent', null],
				['failed', 'undecryptable_phone'],
				['sent', null],
			]);
		} finally {
			client.close();
		}
	});

	it('recovers a crash between claim and send, or between send and record, with the same key', async () => {
		const hits = await seedHits({ leads: 2 });
		const client = gatewayClient(gateway);
		try {
			// Worker 1 claimed both and died; hit 2's request had reached the gateway before it died.
			await claimPushesForTest(store, hits, 'sms', 'dead-worker', 60_000);
			await client.request('POST', '/v1/sms', { to: hits[1].phone, templateId: 'SMS_HIGH_POTENTIAL', variables: {} }, { 'idempotency-key': `${store.schema}:hit:${hits[1].hitId}:sms` });
			// While its lease runs, a retry does not send.
			expect(outcomes(await sendOutreach(store, testKeys, client, hitRequests(hits), smsOptions(store.schema)))).toEqual(['in_flight', 'in_flight']);
			await store.query(`UPDATE push_ledger SET detail = detail || '{"claimedUntil": "2000-01-01T00:00:00Z"}' WHERE hit_id = ANY($1::bigint[])`, [hits.map((h) => h.hitId)]);
			const recovered = await sendOutreach(store, testKeys, client, hitRequests(hits), smsOptions(store.schema));
			expect(outcomes(recovered)).toEqual(['sent', 'duplicate']);
			expect([...gateway.sendsByKey().values()]).toEqual([1, 1]);
		} finally {
			client.close();
		}
	});

	it('two executions at once send every hit exactly once', async () => {
		const hits = await seedHits({ leads: 60 });
		gateway.failWhen(() => (Math.random() < 0.2 ? { kind: 'slow', delayMs: 5 } : undefined));
		const other = kind === 'postgres' ? await connectStore(testStoreConfig('postgres', store.schema)) : store;
		const [clientA, clientB] = [gatewayClient(gateway), gatewayClient(gateway)];
		try {
			const [a, b] = await Promise.all([
				sendOutreach(store, testKeys, clientA, hitRequests(hits), smsOptions(store.schema, { batchSize: 16 })),
				sendOutreach(other, testKeys, clientB, hitRequests([...hits].reverse()), smsOptions(store.schema, { batchSize: 10 })),
			]);
			expect(gateway.messages.size).toBe(60);
			expect([...gateway.sendsByKey().values()].every((n) => n === 1)).toBe(true);
			const sent = [...a, ...b].filter((r) => r.outcome === 'sent' || r.outcome === 'duplicate');
			expect(new Set(sent.map((r) => r.hitId)).size).toBe(sent.length);
			expect([...a, ...b].every((r) => ['sent', 'duplicate', 'already_sent', 'in_flight'].includes(r.outcome))).toBe(true);
			expect((await ledgerRows(store, hits)).every((row) => row.state === 'sent')).toBe(true);
		} finally {
			clientA.close();
			clientB.close();
			if (other !== store) await other.close();
		}
	});

	it('honours an opt-out that arrives after the gate let the hit through', async () => {
		const hits = await seedHits({ leads: 2 });
		await gateHits(store, compilePolicy(openPolicy()), hits.map((h) => ({ hitId: h.hitId })), { keyScope: store.schema });
		await recordContactPreference(store, { subjectHash: keyedHash(testKeys.hashKey, hits[0].phone), channel: 'all', optedOut: true, reason: '回复TD退订' });
		const client = gatewayClient(gateway);
		try {
			const results = await sendOutreach(store, testKeys, client, hitRequests(hits), smsOptions(store.schema));
			expect(outcomes(results)).toEqual(['opted_out', 'sent']);
			expect(gateway.recipients()).toEqual([hits[1].phone]);
			expect((await ledgerRows(store, [hits[0]]))[0]).toMatchObject({ state: 'failed', detail: expect.objectContaining({ code: 'opted_out' }) });
		} finally {
			client.close();
		}
	});

	it('stops on a refused signature, reports it and leaves every push for a later run', async () => {
		const hits = await seedHits({ leads: 3 });
		const wrong = gatewayClient(gateway, { secret: 'this-is-not-the-secret' });
		try {
			const error = await sendOutreach(store, testKeys, wrong, hitRequests(hits), smsOptions(store.schema, { concurrency: 1, batchSize: 2 })).catch((e) => e);
			expect(error).toBeInstanceOf(GatewayAuthError);
			expect(error.message).toBe('网关拒绝了请求签名（HTTP 401：bad_signature 签名不正确（密钥不一致或请求被改动））：请检查 Outreach Gateway 凭据的 App ID 与签名密钥');
			expect(outcomes((error as GatewayAuthError).results)).toEqual(['auth_failed', 'auth_failed', 'auth_failed']);
			expect(gateway.received.map((r) => r.verdict)).toEqual(['rejected:bad_signature']);
			expect(gateway.messages.size).toBe(0);
		} finally {
			wrong.close();
		}
		const right = gatewayClient(gateway);
		try {
			expect(outcomes(await sendOutreach(store, testKeys, right, hitRequests(hits), smsOptions(store.schema)))).toEqual(['sent', 'sent', 'sent']);
		} finally {
			right.close();
		}
	});

	it('dry run: nothing reaches the gateway, the audit rows never block the real send', async () => {
		const [hit] = await seedHits({ leads: 1 });
		await gateHits(store, compilePolicy(openPolicy()), [{ hitId: hit.hitId }], { keyScope: store.schema });
		const [dry] = await sendOutreach(store, testKeys, null, hitRequests([hit]), smsOptions(store.schema, { dryRun: true, leadNameVariable: 'name' }));
		expect(dry).toMatchObject({ outcome: 'dry_run', outcomeLabel: '演练模式，未发送', hitStatus: 'pending' });
		expect(dry.preview).toEqual({
			path: '/v1/sms',
			body: expect.objectContaining({ to: `${hit.phone.slice(0, 3)}****${hit.phone.slice(-4)}`, variables: { reason: '近7天内在3家机构核验5次', name: expect.stringMatching(/^客户/) } }),
		});
		expect(gateway.received).toHaveLength(0);
		// The gate's reservation is withdrawn (it no longer counts for caps) and the dry run audited apart.
		expect((await ledgerRows(store, [hit])).map((row) => row.state)).toEqual(['failed', 'dry_run']);
		const [again] = await gateHits(store, compilePolicy(openPolicy()), [{ hitId: hit.hitId }], { keyScope: store.schema });
		expect(again).toMatchObject({ kind: 'send', reoffered: true });
		const client = gatewayClient(gateway);
		try {
			expect(outcomes(await sendOutreach(store, testKeys, client, hitRequests([hit]), smsOptions(store.schema)))).toEqual(['sent']);
		} finally {
			client.close();
		}
	});

	it('keeps to the concurrency limit and sends a test push to a given number once per key', async () => {
		const hits = await seedHits({ leads: 24 });
		gateway.failWhen(() => ({ kind: 'slow', delayMs: 15 }));
		const client = gatewayClient(gateway, { concurrency: 3 });
		try {
			await sendOutreach(store, testKeys, client, hitRequests(hits), smsOptions(store.schema, { concurrency: 3 }));
			expect(gateway.maxInFlight).toBeLessThanOrEqual(3);
			expect(gateway.maxInFlight).toBeGreaterThan(1);
			const test = { phone: '+86 138-0013-8000', testKey: 'exec-1', templateId: 'SMS_TEST', variables: {} };
			const [first] = await sendOutreach(store, testKeys, client, [test], { ...smsOptions(store.schema), channel: 'call' });
			const [second] = await sendOutreach(store, testKeys, client, [test], { ...smsOptions(store.schema), channel: 'call' });
			expect([first.outcome, second.outcome]).toEqual(['sent', 'already_sent']);
			expect(first).toMatchObject({ hitId: null, phone: '138****8000', hitStatus: null, idempotencyKey: `${store.schema}:test:exec-1:call` });
			expect([...gateway.messages.values()].filter((m) => m.channel === 'call').map((m) => m.to)).toEqual(['13800138000']);
			await recordContactPreference(store, { subjectHash: keyedHash(testKeys.hashKey, '13800138000'), channel: 'call', optedOut: true });
			const [refused] = await sendOutreach(store, testKeys, client, [{ ...test, testKey: 'exec-2' }], { ...smsOptions(store.schema), channel: 'call' });
			expect(refused).toMatchObject({ outcome: 'opted_out', phone: '138****8000' });
		} finally {
			client.close();
		}
	});
});
