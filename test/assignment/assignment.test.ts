import { claimAlertBatches, markAlertsSent } from '../../lib/alerts';
import {
	alertNewGradeA,
	assignMatureLeads,
	changeOwner,
	leadVisibilitySql,
	linkToSourceLead,
	ownerHistory,
	reassignFromDeactivated,
	saveOwnerSettings,
	viewerBranch,
	type LeadViewer,
} from '../../lib/assignment';
import { createLead } from '../../lib/roster';
import { scoreLeads, standardScoringModel } from '../../lib/scoring';
import { createStaff, updateStaff } from '../../lib/staff';
import type { Store } from '../../lib/store';
import { openTestStore, STORE_KINDS, testKeys } from '../setup/testStores';

const DAY = '2026-11-20';
const model = { ...standardScoringModel(), threshold: 20 };

async function owner(store: Store, username: string, branch: string, dailyCapacity: number, role = 'marketing'): Promise<void> {
	await createStaff(store, { username, displayName: username, role, password: 'a-long-password-123', createdBy: 'test' });
	await saveOwnerSettings(store, { username, branch, email: `${username}@bank.example`, dailyCapacity, takesLeads: true });
}

async function visibleTo(store: Store, viewer: LeadViewer): Promise<string[]> {
	const params: unknown[] = [];
	const where = leadVisibilitySql(viewer, params, await viewerBranch(store, viewer));
	const result = await store.query<{ lead_id: string }>(
		`SELECT l.lead_id FROM leads l LEFT JOIN lead_owners lo ON lo.lead_id = l.lead_id WHERE ${where} ORDER BY l.lead_id`,
		params,
	);
	return result.rows.map((row) => row.lead_id);
}

describe.each(STORE_KINDS)('owners and assignment on %s', (kind) => {
	let store: Store;

	beforeAll(async () => {
		store = await openTestStore(kind);
		await owner(store, 'wang', '杭州分行', 5);
		await owner(store, 'li', '杭州分行', 5);
		await owner(store, 'zhao', '上海分行', 1);
		await createStaff(store, { username: 'boss', displayName: 'boss', role: 'admin', password: 'a-long-password-123', createdBy: 'test' });
		const profile = { industry: '制造业', sourceChannel: '熟人转介绍' }; // 25 points, + phone 10
		const lead = (n: number, branch: string, extra: object = {}) =>
			createLead(store, testKeys, { leadId: `L${n}`, name: '张伟', phone: `1381234${String(n).padStart(4, '0')}`, ...profile, attributes: { branch }, ...extra });
		await lead(1, '杭州分行', { attributes: { branch: '杭州分行', 客户等级: 'VIP' } });
		await lead(2, '杭州分行');
		await lead(3, '杭州分行');
		await lead(4, '上海分行');
		await lead(5, '上海分行');
		await lead(6, '上海分行', { owner: 'Wang' });
		await createLead(store, testKeys, { leadId: 'L7', name: '李芳', attributes: { branch: '杭州分行' } }); // not mature
		await scoreLeads(store, model, { scoredOn: DAY, modelVersion: null });
	});
	afterAll(() => store.close());

	it('assigns mature leads to their existing owner, else round robin by branch within daily capacity, and keeps who and why', async () => {
		const summary = await assignMatureLeads(store, { day: DAY });
		expect(summary).toMatchObject({ assigned: 5, toExistingOwner: 1, byRules: 4, waiting: 1 });
		const owners = await store.query<{ lead_id: string; owner: string; branch: string }>('SELECT lead_id, owner, branch FROM lead_owners ORDER BY lead_id');
		expect(owners.rows.map((r) => [r.lead_id, r.owner])).toEqual([
			['L1', 'li'], // best score (VIP) first; li and wang tie, by name
			['L2', 'wang'],
			['L3', 'li'],
			['L4', 'zhao'],
			['L6', 'wang'], // the roster's 负责人 (Wang → wang), though of 上海分行
		]);
		expect(await ownerHistory(store, 'L6')).toEqual([expect.objectContaining({ fromOwner: null, toOwner: 'wang', kind: 'existingOwner', actor: 'system', reason: expect.stringMatching(/已有负责人 wang/) })]);
		// L5: 上海分行's only owner took one lead today (capacity 1); it waits. A re-run assigns nothing new.
		expect(await assignMatureLeads(store, { day: DAY })).toMatchObject({ assigned: 0, waiting: 1 });
	});

	it('alerts new grade-A leads and assignments once, batched per owner and masked; never twice', async () => {
		expect(await alertNewGradeA(store, DAY)).toBe(1);
		expect(await alertNewGradeA(store, DAY)).toBe(0);
		const batches = await claimAlertBatches(store);
		expect(batches.map((b) => [b.recipient, b.email, b.alerts.map((a) => `${a.kind}:${a.leadId}`)])).toEqual([
			['li', 'li@bank.example', ['assigned:L1', 'assigned:L3', 'gradeA:L1']],
			['wang', 'wang@bank.example', ['assigned:L2', 'assigned:L6']],
			['zhao', 'zhao@bank.example', ['assigned:L4']],
		]);
		const li = batches[0];
		expect(li.alerts[2]).toMatchObject({ grade: 'A3', phone: '138****0001', name: '张*' });
		expect(li.text).toMatch(/新分配线索/);
		expect(JSON.stringify(batches)).not.toContain('13812340001');
		// Claimed: a second sender gets nothing while the lease holds; once sent, never again.
		expect(await claimAlertBatches(store)).toEqual([]);
		expect(await markAlertsSent(store, li.claimToken, li.alertIds)).toBe(3);
		expect(await markAlertsSent(store, li.claimToken, li.alertIds)).toBe(0);
		const later = await claimAlertBatches(store, { now: new Date(Date.now() + 3_600_000) });
		expect(later.map((b) => b.recipient)).toEqual(['wang', 'zhao']); // unsent, lease over: retried
	});

	it('changing the owner keeps the history and tells the previous owner', async () => {
		await expect(changeOwner(store, { leadId: 'L1', toOwner: 'li', actor: 'boss', reason: '客户要求', day: DAY })).rejects.toMatchObject({ code: 'sameOwner', field: 'toOwner' });
		await expect(changeOwner(store, { leadId: 'L1', toOwner: 'nobody', actor: 'boss', reason: '客户要求', day: DAY })).rejects.toMatchObject({ code: 'ownerNotFound' });
		expect(await changeOwner(store, { leadId: 'L1', toOwner: 'wang', actor: 'boss', reason: '客户要求', day: DAY })).toMatchObject({ previousOwner: 'li' });
		expect((await ownerHistory(store, 'L1')).map((c) => [c.kind, c.fromOwner, c.toOwner, c.actor])).toEqual([
			['change', 'li', 'wang', 'boss'],
			['assign', null, 'li', 'system'],
		]);
		const alerts = await store.query<{ kind: string; recipient: string }>(`SELECT kind, recipient FROM lead_alerts WHERE lead_id = 'L1' AND kind <> 'gradeA' ORDER BY alert_id`);
		expect(alerts.rows).toEqual([
			{ kind: 'assigned', recipient: 'li' },
			{ kind: 'assigned', recipient: 'wang' },
			{ kind: 'ownerChanged', recipient: 'li' },
		]);
	});

	it('staff see their own leads and their branch; an administrator sees all', async () => {
		expect(await visibleTo(store, { username: 'boss', role: 'admin' })).toEqual(['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7']);
		// wang: 杭州分行 (L1, L2, L3 and the unassigned L7) and his own L6 of 上海分行.
		expect(await visibleTo(store, { username: 'wang', role: 'marketing' })).toEqual(['L1', 'L2', 'L3', 'L6', 'L7']);
		// zhao: 上海分行's leads — his L4, the unassigned L5 and wang's L6 — and nothing of 杭州分行.
		expect(await visibleTo(store, { username: 'zhao', role: 'marketing' })).toEqual(['L4', 'L5', 'L6']);
		expect(await visibleTo(store, { username: 'nobody', role: 'viewer' })).toEqual([]);
	});

	it('links a duplicate to its source lead and hands it to the source\'s owner', async () => {
		await createLead(store, testKeys, { leadId: 'L8', name: '张伟', phone: '13812340099', industry: '制造业', sourceChannel: '熟人转介绍', attributes: { branch: '上海分行' } });
		await expect(linkToSourceLead(store, { leadId: 'L8', sourceLeadId: 'L8', actor: 'wang' })).rejects.toMatchObject({ field: 'sourceLeadId' });
		await expect(linkToSourceLead(store, { leadId: 'L8', sourceLeadId: 'L404', actor: 'wang' })).rejects.toMatchObject({ code: 'leadNotFound', field: 'sourceLeadId' });
		await linkToSourceLead(store, { leadId: 'L8', sourceLeadId: 'L2', actor: 'wang' });
		await scoreLeads(store, model, { scoredOn: '2026-11-21', modelVersion: null });
		expect(await assignMatureLeads(store, { day: '2026-11-21' })).toMatchObject({ toExistingOwner: 1 });
		expect(await ownerHistory(store, 'L8')).toEqual([expect.objectContaining({ kind: 'existingOwner', toOwner: 'wang' })]);
	});

	it('reassigns a deactivated owner\'s leads by the rules, without telling them', async () => {
		await store.transaction((tx) => updateStaff(tx, 'li', { disabled: true }));
		expect(await reassignFromDeactivated(store, { day: DAY })).toEqual({ reassigned: 1, waiting: 0 });
		expect(await ownerHistory(store, 'L3')).toEqual([
			expect.objectContaining({ kind: 'reassignDeactivated', fromOwner: 'li', toOwner: 'wang', reason: '原负责人 li 账号已停用' }),
			expect.objectContaining({ kind: 'assign', toOwner: 'li' }),
		]);
		const toLi = await store.query(`SELECT 1 FROM lead_alerts WHERE lead_id = 'L3' AND recipient = 'li' AND kind = 'ownerChanged'`);
		expect(toLi.rowCount).toBe(0);
	});
});
