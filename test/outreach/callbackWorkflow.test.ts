import type { IDataObject } from 'n8n-workflow';

import { closeWorkflowHarness, runWorkflow, storeCredential, type StoreKind, type TestCredential } from '../harness';
import { compilePolicy, gateHits } from '../../lib/push';
import type { Store } from '../../lib/store';
import { ReferenceGateway, TEST_APP_SECRET } from '../gateway/referenceGateway';
import { ledgerRows, seedHits, uniqueSeed } from '../push/pushFixtures';
import { ALWAYS_OPEN_POLICY, gatewayCredential, nodeStore, runPushWorkflow, tierItem, useSavedPolicy, workflowKeys } from '../push/workflowFixtures';

const CALLBACK = 'workflows/outreach-callback.json';
const PATH = '/webhook/outreach-callback';

/** The Webhook node's item for a callback, raw body in binary "data" (its "Raw Body" option). */
function webhookItem(signed: { headers: Record<string, string>; rawBody: string }, rawBody = signed.rawBody) {
	return {
		json: { headers: signed.headers, params: {}, query: {}, body: JSON.parse(rawBody) as IDataObject },
		binary: { data: { data: Buffer.from(rawBody).toString('base64'), mimeType: 'application/json', fileName: 'body.json' } },
	};
}

afterAll(closeWorkflowHarness);

describe.each<StoreKind>(['postgres', 'pglite'])('outreach-callback workflow on %s', (kind) => {
	let gateway: ReferenceGateway;
	let credentials: TestCredential[];
	let store: Store;
	beforeAll(async () => {
		gateway = await ReferenceGateway.start();
		const storeCred = storeCredential(kind, { id: 'leadMonitorStore' });
		credentials = [storeCred, gatewayCredential(gateway)];
		store = await nodeStore(storeCred);
		await useSavedPolicy(store);
	});
	afterAll(() => gateway.close());

	async function sentHits(leads: number, hitsPerLead = 1) {
		const hits = await seedHits(store, workflowKeys, { ...uniqueSeed(), leads, hitsPerLead, grade: () => 'B' });
		await runPushWorkflow(credentials, { tiers: [tierItem('B', { grades: ['B'] })] });
		const rows = await ledgerRows(store, hits);
		return { hits, rows };
	}

	const callback = (body: Record<string, unknown>) => runWorkflow(CALLBACK, { credentials, input: { items: [webhookItem(gateway.signedCallback(PATH, body))] } });

	it('records delivery in the ledger and a conversion in the hit status', async () => {
		const { hits, rows } = await sentHits(1);
		const delivered = await callback({ event: 'delivered', messageId: rows[0].gateway_message_id, occurredAt: '2025-12-24T09:16:00+08:00' });
		expect(delivered.error).toBeUndefined();
		expect(delivered.outputOf('Record Callback', 0)).toEqual([]);
		expect(delivered.outputOf('Record Callback', 1)).toEqual([
			expect.objectContaining({ recorded: true, event: 'delivered', eventLabel: '已送达', hitId: hits[0].hitId, ledgerState: 'delivered', hitStatus: 'in_progress', message: '短信推送：已送达' }),
		]);
		expect(delivered.executedNodes).toContain('Acknowledge');
		expect((await ledgerRows(store, hits))[0].state).toBe('delivered');

		const converted = await callback({ event: 'converted', idempotencyKey: rows[0].idempotency_key });
		expect(converted.outputOf('Record Callback', 0)).toEqual([
			expect.objectContaining({ hitId: hits[0].hitId, hitStatus: 'converted', message: '短信推送：客户已转化，命中状态改为「营销已转化」' }),
		]);
		expect(converted.outputOf('Update Hit Status')).toEqual([expect.objectContaining({ hitId: hits[0].hitId, status: 'converted' })]);
		// A late failure report never undoes a conversion.
		const late = await callback({ event: 'undelivered', idempotencyKey: rows[0].idempotency_key });
		expect(late.outputOf('Record Callback', 1)).toEqual([expect.objectContaining({ newHitStatus: null, hitStatus: 'converted' })]);
	});

	it('rejects a callback with a bad signature or a replayed nonce, and records nothing', async () => {
		const { hits, rows } = await sentHits(1);
		const signed = gateway.signedCallback(PATH, { event: 'converted', idempotencyKey: rows[0].idempotency_key });
		const tampered = await runWorkflow(CALLBACK, {
			credentials,
			input: { items: [webhookItem(signed, JSON.stringify({ event: 'opted_out', idempotencyKey: rows[0].idempotency_key }))] },
		});
		expect(tampered.nodeErrors['Record Callback']?.message).toBe('网关回执签名校验失败（bad_signature）：签名不正确（密钥不一致或请求被改动）');
		const wrongSecret = gateway.signedCallback(PATH, { event: 'converted', idempotencyKey: rows[0].idempotency_key }, `${TEST_APP_SECRET}x`);
		expect((await runWorkflow(CALLBACK, { credentials, input: { items: [webhookItem(wrongSecret)] } })).nodeErrors['Record Callback']?.message).toMatch(/bad_signature/);

		expect((await runWorkflow(CALLBACK, { credentials, input: { items: [webhookItem(signed)] } })).error).toBeUndefined();
		const replayed = await runWorkflow(CALLBACK, { credentials, input: { items: [webhookItem(signed)] } });
		expect(replayed.nodeErrors['Record Callback']?.message).toMatch(/replayed_nonce/);
		expect((await ledgerRows(store, hits))[0].detail).toMatchObject({ lastEvent: 'converted' });
	});

	it('turns an opt-out callback into a refusal the gate honours for the lead’s other hits', async () => {
		const { hits, rows } = await sentHits(1, 2);
		const sentRow = rows.find((row) => row.state === 'sent');
		const optOut = await callback({ event: 'opted_out', idempotencyKey: sentRow?.idempotency_key });
		expect(optOut.outputOf('Record Callback', 0)).toEqual([expect.objectContaining({ event: 'opted_out', hitStatus: 'contact_failed' })]);
		const other = hits.find((hit) => hit.hitId !== sentRow?.hit_id);
		const [decision] = await gateHits(store, compilePolicy(ALWAYS_OPEN_POLICY), [{ hitId: other?.hitId as number }], { keyScope: store.schema, now: Date.now() + 2 * 86_400_000 });
		expect(decision).toMatchObject({ kind: 'held', reasons: [{ code: 'opted_out' }] });
	});

	it('acknowledges a callback for a push it does not know without failing', async () => {
		const unknown = await callback({ event: 'delivered', messageId: 'SM-not-ours' });
		expect(unknown.error).toBeUndefined();
		expect(unknown.outputOf('Record Callback', 1)).toEqual([expect.objectContaining({ recorded: false, message: '回执「已送达」未找到对应的推送记录，已忽略' })]);
	});
});
