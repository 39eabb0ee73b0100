import { addToBlacklist, blacklistedHashes, blacklistHash, listBlacklist, removeFromBlacklist } from '../../lib/blacklist';
import { countHits, listHits, updateHitStatus, updateHitStatuses } from '../../lib/hits';
import { createLead, updateLead } from '../../lib/roster';
import type { Store } from '../../lib/store';
import { openTestStore, STORE_KINDS, testKeys } from '../setup/testStores';

async function insertHit(store: Store, leadId: string, ruleId: string, hitDate: string, grade: string): Promise<number> {
	const result = await store.query<{ hit_id: string }>(
		`INSERT INTO hits (lead_id, id_hash, rule_id, rule_version, window_key, hit_date, grade, label, reason, source)
		 SELECT lead_id, coalesce(id_hash, lead_id), $2, 1, $3::text, $3::date, $4, '活跃机构命中', '7天内在3家机构核验5次', '系统X'
		 FROM leads WHERE lead_id = $1 RETURNING hit_id`,
		[leadId, ruleId, hitDate, grade],
	);
	return Number(result.rows[0].hit_id);
}

describe.each(STORE_KINDS)('hits, blacklist and lead updates on %s', (kind) => {
	let store: Store;
	beforeAll(async () => {
		store = await openTestStore(kind);
		await createLead(store, testKeys, { leadId: 'L-H1', name: '张伟', phone: '13812348899' });
		await createLead(store, testKeys, { leadId: 'L-H2', name: '李芳', phone: '15912344421' });
	});
	afterAll(() => store.close());

	it('lists hits with masked lead data, filters and moves status by code or Chinese label', async () => {
		const first = await insertHit(store, 'L-H1', 'active-institutions', '2026-11-20', 'A');
		await insertHit(store, 'L-H2', 'key-behaviour', '2026-11-21', 'B');

		const all = await listHits(store, {}, { limit: 10 });
		expect(all).toHaveLength(2);
		const zhang = all.find((hit) => hit.leadId === 'L-H1');
		expect(zhang).toMatchObject({ leadName: '张*', phone: '138****8899', status: 'pending', hitDate: '2026-11-20' });

		expect((await listHits(store, { grade: 'B' }, { limit: 10 })).map((h) => h.leadId)).toEqual(['L-H2']);
		expect(await countHits(store, { dateFrom: '2026-11-21', dateTo: '2026-11-21' })).toBe(1);

		expect((await updateHitStatus(store, first, '营销已转化')).status).toBe('converted');
		expect((await updateHitStatus(store, first, 'in_progress')).status).toBe('in_progress');
		await expect(updateHitStatus(store, first, 'won')).rejects.toMatchObject({ field: 'status' });
		await expect(updateHitStatus(store, 999999, 'converted')).rejects.toThrow('Hit 999999 not found');

		const second = (await listHits(store, { grade: 'B' }, { limit: 1 }))[0].hitId;
		const many = await updateHitStatuses(store, [
			{ hitId: first, status: 'contact_failed' },
			{ hitId: second, status: 'in_progress' },
			{ hitId: 999999, status: 'converted' },
		]);
		expect([...many.entries()].map(([id, hit]) => [id, hit.status, hit.phone])).toEqual(
			expect.arrayContaining([
				[first, 'contact_failed', '138****8899'],
				[second, 'in_progress', '159****4421'],
			]),
		);
		expect(many.has(999999)).toBe(false);
	});

	it("lists a push tier's selection: grades but not the rules with a tier of their own, or given rules", async () => {
		const day = '2026-10-01';
		const ids = {
			aActive: await insertHit(store, 'L-H1', 'tier-active', day, 'A'),
			aDormant: await insertHit(store, 'L-H1', 'tier-dormant', day, 'A'),
			bActive: await insertHit(store, 'L-H2', 'tier-active', day, 'B'),
			cNew: await insertHit(store, 'L-H2', 'tier-new', day, 'C'),
		};
		const listed = async (filters: Parameters<typeof listHits>[1]) =>
			(await listHits(store, { dateFrom: day, dateTo: day, ...filters }, { limit: 10 })).map((hit) => hit.hitId).sort((a, b) => a - b);

		expect(await listed({ grades: ['A', 'B'], exceptRules: ['tier-dormant'] })).toEqual([ids.aActive, ids.bActive]);
		expect(await listed({ grades: [], rules: ['tier-dormant', 'tier-new'], exceptRules: [] })).toEqual([ids.aDormant, ids.cNew]);
		expect(await listed({ grades: ['C'], status: 'pending' })).toEqual([ids.cNew]);
		expect(await countHits(store, { dateFrom: day, grades: ['D'] })).toBe(0);
		// Values are parameters, never spliced into the SQL.
		expect(await listed({ rules: ["x' OR '1'='1"] })).toEqual([]);
	});

	it('keeps blacklist values only as hashes, matches any spelling, adds once and removes', async () => {
		const added = await addToBlacklist(store, testKeys, 'phone', '+86 138-1234-8899', '投诉');
		expect(added).toMatchObject({ kind: 'phone', value: '138****8899', added: true });
		expect((await addToBlacklist(store, testKeys, 'phone', '13812348899')).added).toBe(false);

		const raw = await store.query('SELECT * FROM blacklist');
		expect(JSON.stringify(raw.rows)).not.toContain('13812348899');

		const hash = blacklistHash(testKeys, 'phone', '13812348899');
		expect(await blacklistedHashes(store, [hash, 'v1:other'])).toEqual(new Set([hash]));
		expect(await listBlacklist(store, 10)).toEqual([expect.objectContaining({ kind: 'phone', value: '138****8899', note: '投诉' })]);

		await expect(addToBlacklist(store, testKeys, 'passport', 'E123')).rejects.toThrow(/not one of phone/);
		await expect(addToBlacklist(store, testKeys, 'idNumber', '110105194912310021')).rejects.toMatchObject({ field: 'value' });
		expect(await removeFromBlacklist(store, testKeys, 'phone', '13812348899')).toEqual({ kind: 'phone', removed: true });
		expect(await listBlacklist(store, 10)).toEqual([]);
	});

	it('updates only the given fields, re-protecting personal ones', async () => {
		const updated = await updateLead(store, testKeys, 'L-H2', { phone: '18812341234', owner: '王经理', attributes: { 等级: 'VIP' } });
		expect(updated).toMatchObject({ leadId: 'L-H2', name: '李芳', phone: '188****1234', owner: '王经理', attributes: { 等级: 'VIP' } });
		await expect(updateLead(store, testKeys, 'L-NOPE', { owner: 'x' })).rejects.toThrow('Lead L-NOPE not found');
		await expect(updateLead(store, testKeys, 'L-H2', { idNumber: '123' })).rejects.toMatchObject({ field: 'idNumber' });
	});
});
