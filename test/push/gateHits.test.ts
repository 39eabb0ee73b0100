import { leadSubject, recordContactPreference } from '../../lib/ledger';
import { compilePolicy, gateHits, loadSimulatedHits, simulatePushDay, type GateDecision, type GateHold } from '../../lib/push';
import { keyedHash } from '../../lib/privacy';
import { connectStore, type Store } from '../../lib/store';
import { openTestStore, STORE_KINDS, testKeys, testStoreConfig } from '../setup/testStores';
import { at, openPolicy } from './policyFixtures';
import { ledgerRows, seedHits as seed, uniqueSeed, type SeedOptions } from './pushFixtures';

const capped = compilePolicy(
	openPolicy({ caps: { sms: { day: 1 }, call: { day: 1 } }, channels: { default: 'sms', byGrade: { A: 'call' } } }),
);
const NOW = at('2025-12-24 10:00');

function holds(decisions: GateDecision[]): GateHold[] {
	return decisions.filter((d): d is GateHold => d.kind === 'held');
}

describe.each(STORE_KINDS)('Push Gate against the ledger on %s', (kind) => {
	let store: Store;
	beforeAll(async () => {
		store = await openTestStore(kind);
	});
	afterAll(() => store.close());
	const seedHits = (db: Store, keys: typeof testKeys, options: SeedOptions) => seed(db, keys, { ...uniqueSeed(), ...options });

	it('reserves what it lets through and holds a second hit of the same lead at the cap', async () => {
		const [first, second] = await seedHits(store, testKeys, { leads: 1, hitsPerLead: 2 });
		const decisions = await gateHits(store, capped, [{ hitId: first.hitId }, { hitId: second.hitId }], { now: NOW, keyScope: store.schema });
		expect(decisions[0]).toMatchObject({ kind: 'send', channel: 'sms', idempotencyKey: `${store.schema}:hit:${first.hitId}:sms`, reoffered: false });
		expect(decisions[1]).toMatchObject({ kind: 'held', final: false });
		expect((decisions[1] as GateHold).reasons).toContainEqual({ code: 'cap_day', message: '今日短信已达上限 1 次' });
		expect(local((decisions[1] as GateHold).earliestAt)).toBe('2025-12-25 00:00');
		expect(await ledgerRows(store, [first, second])).toEqual([expect.objectContaining({ hit_id: first.hitId, state: 'reserved', channel: 'sms' })]);

		// The next run offers the unsent reservation again (same key) and still holds the second hit.
		const again = await gateHits(store, capped, [{ hitId: second.hitId }, { hitId: first.hitId }], { now: NOW + 60_000, keyScope: store.schema });
		expect(again.map((d) => d.kind)).toEqual(['held', 'send']);
		expect(again[1]).toMatchObject({ reoffered: true });
		expect(await ledgerRows(store, [first, second])).toHaveLength(1);
	});

	it('chooses the channel by grade and holds per channel', async () => {
		const [hit] = await seedHits(store, testKeys, { leads: 1, grade: () => 'A' });
		const [decision] = await gateHits(store, capped, [{ hitId: hit.hitId }], { now: NOW, keyScope: store.schema });
		expect(decision).toMatchObject({ kind: 'send', channel: 'call' });
		const [explicit] = await gateHits(store, capped, [{ hitId: hit.hitId, channel: 'sms' }], { now: NOW + 60_000, keyScope: store.schema });
		expect(explicit).toMatchObject({ kind: 'send', channel: 'sms' });
	});

	it('honours opt-outs before anything else, by phone hash or by lead, per channel or for all', async () => {
		const hits = await seedHits(store, testKeys, { leads: 3 });
		await recordContactPreference(store, { subjectHash: keyedHash(testKeys.hashKey, hits[0].phone), channel: 'sms', optedOut: true });
		await recordContactPreference(store, { subjectHash: leadSubject(hits[1].leadId), channel: 'all', optedOut: true });
		await recordContactPreference(store, { subjectHash: keyedHash(testKeys.hashKey, hits[2].phone), channel: 'call', optedOut: true });
		const decisions = await gateHits(store, capped, hits.map((h) => ({ hitId: h.hitId })), { now: NOW, keyScope: store.schema });
		expect(holds(decisions).map((d) => [d.hitId, d.reasons[0].code, d.final])).toEqual([
			[hits[0].hitId, 'opted_out', true],
			[hits[1].hitId, 'opted_out', true],
		]);
		expect(holds(decisions)[0].reasons[0].message).toBe('客户已拒绝短信营销（退订 / 免打扰登记，依《个人信息保护法》不再推送）');
		expect(decisions[2]).toMatchObject({ kind: 'send', channel: 'sms' });
		expect((await ledgerRows(store, hits)).map((row) => row.lead_id)).toEqual([hits[2].leadId]);
	});

	it('holds hits that are not pending, already sent, refused by the gateway, or unknown; re-offers retryable failures', async () => {
		const hits = await seedHits(store, testKeys, { leads: 4 });
		await store.query(`UPDATE hits SET status = 'converted' WHERE hit_id = $1`, [hits[0].hitId]);
		await gateHits(store, capped, hits.slice(1).map((h) => ({ hitId: h.hitId })), { now: NOW, keyScope: store.schema });
		await store.query(`UPDATE push_ledger SET state = 'sent', sent_at = $2 WHERE hit_id = $1`, [hits[1].hitId, new Date(NOW).toISOString()]);
		await store.query(`UPDATE push_ledger SET state = 'failed', detail = '{"retryable": false, "error": "号码为空号"}' WHERE hit_id = $1`, [hits[2].hitId]);
		await store.query(`UPDATE push_ledger SET state = 'failed', detail = '{"retryable": true}' WHERE hit_id = $1`, [hits[3].hitId]);

		const decisions = await gateHits(store, capped, [...hits.map((h) => ({ hitId: h.hitId })), { hitId: 987654 }], {
			now: at('2025-12-25 10:00'),
			keyScope: store.schema,
		});
		expect(decisions.map((d) => (d.kind === 'held' ? `${d.reasons[0].code}: ${d.reasons[0].message}` : 'send'))).toEqual([
			'not_pending: 命中状态为「营销已转化」，不再推送',
			'already_sent: 该命中已短信推送（12月24日 10:00），不重复推送',
			'gateway_rejected: 网关曾拒绝此推送（号码为空号），不自动重试',
			'send',
			'hit_not_found: 命中 987654 不存在',
		]);
		expect(decisions[3]).toMatchObject({ reoffered: true });
		expect((await ledgerRows(store, [hits[3]]))[0].state).toBe('reserved');
	});

	it('simulates from the store: opted-out and sent hits are blocked, an unsent reservation is planned, nothing is written', async () => {
		const hits = await seedHits(store, testKeys, { leads: 4 });
		await recordContactPreference(store, { subjectHash: leadSubject(hits[0].leadId), channel: 'sms', optedOut: true });
		await gateHits(store, capped, [{ hitId: hits[1].hitId }, { hitId: hits[2].hitId }], { now: NOW, keyScope: store.schema });
		await store.query(`UPDATE push_ledger SET state = 'sent', sent_at = $2 WHERE hit_id = $1`, [hits[1].hitId, new Date(NOW).toISOString()]);
		const before = await ledgerRows(store, hits);

		const { hits: planned, history } = await loadSimulatedHits(store, capped, { hitIds: hits.map((h) => h.hitId), keyScope: store.schema, now: NOW });
		const plan = simulatePushDay(capped, planned, { date: '2025-12-24', from: NOW, history });
		expect(plan.entries.map((e) => [e.hitId, e.action, e.reasonCode])).toEqual([
			[hits[0].hitId, 'blocked', 'opted_out'],
			[hits[1].hitId, 'blocked', 'already_sent'],
			[hits[2].hitId, 'send', null],
			[hits[3].hitId, 'send', null],
		]);
		expect(plan.entries[2].line).toBe(`10:00 发送 · 短信 · ${hits[2].phone.slice(0, 3)}****${hits[2].phone.slice(-4)} · 活跃机构命中`);
		expect(await ledgerRows(store, hits)).toEqual(before);
	});

	it('never lets two gates running at once pass the same lead past a cap', async () => {
		const hits = await seedHits(store, testKeys, { leads: 40, hitsPerLead: 3 });
		const requests = hits.map((h) => ({ hitId: h.hitId }));
		// PostgreSQL: a second store is a second pool, as a second n8n worker would have.
		const other = kind === 'postgres' ? await connectStore(testStoreConfig('postgres', store.schema)) : store;
		try {
			const [a, b] = await Promise.all([
				gateHits(store, capped, requests, { now: NOW, keyScope: store.schema, chunkSize: 25 }),
				gateHits(other, capped, [...requests].reverse(), { now: NOW, keyScope: store.schema, chunkSize: 7 }),
			]);
			// Both may offer the same reservation (one key, sent once); never two different pushes per lead.
			const keysPerLead = new Map<string, Set<string>>();
			for (const send of [...a, ...b]) {
				if (send.kind !== 'send') continue;
				if (!keysPerLead.has(send.leadId)) keysPerLead.set(send.leadId, new Set());
				keysPerLead.get(send.leadId)?.add(send.idempotencyKey);
			}
			expect(keysPerLead.size).toBe(40);
			expect([...keysPerLead.values()].every((keys) => keys.size === 1)).toBe(true);
			const rows = await ledgerRows(store, hits);
			expect(rows).toHaveLength(40);
			expect(new Set(rows.map((row) => row.lead_id)).size).toBe(40);
		} finally {
			if (other !== store) await other.close();
		}
	});
});

function local(ms: number | null): string | null {
	return ms === null ? null : new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}
