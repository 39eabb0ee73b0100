import { assignMatureLeads, changeOwner, saveOwnerSettings, VISIBLE_BRANCH_SQL } from '../../lib/assignment';
import { loadLeadBoard, loadLeadDetail } from '../../lib/board';
import { scoreLeads, standardScoringModel } from '../../lib/scoring';
import { createStaff } from '../../lib/staff';
import type { Store } from '../../lib/store';
import { createLead, updateLead } from '../../lib/roster';
import { addHit, addPush, ID } from '../scoring/scoringFixtures';
import { openTestStore, STORE_KINDS, testKeys } from '../setup/testStores';
import { makeIdNumber } from '../identity/idNumberFixtures';

const DAY = '2026-11-20';
const model = { ...standardScoringModel(), threshold: 40 };
const admin = { username: 'boss', role: 'admin' as const };
const OTHER_ID = makeIdNumber('440305', '19920202', '234');

describe.each(STORE_KINDS)('the board lists leads on %s', (kind) => {
	let store: Store;

	beforeAll(async () => {
		store = await openTestStore(kind);
		await createStaff(store, { username: 'wang', displayName: '王经理', role: 'marketing', password: 'a-long-password-123', createdBy: 'test' });
		await createStaff(store, { username: 'zhao', displayName: '赵经理', role: 'marketing', password: 'a-long-password-123', createdBy: 'test' });
		await saveOwnerSettings(store, { username: 'wang', branch: '杭州分行', email: null, dailyCapacity: 10, takesLeads: true });
		await saveOwnerSettings(store, { username: 'zhao', branch: '上海分行', email: null, dailyCapacity: 10, takesLeads: true });
		await createLead(store, testKeys, {
			leadId: 'L-A', name: '张伟', phone: '13812348899', idNumber: ID.hot, industry: '制造业', sourceChannel: '熟人转介绍', company: '纷扬', attributes: { branch: '杭州分行', 客户等级: 'VIP' },
		});
		await createLead(store, testKeys, { leadId: 'L-B', name: '李芳', phone: '13912344421', idNumber: OTHER_ID, sourceChannel: '抖音推广', attributes: { branch: '上海分行' } });
		await createLead(store, testKeys, { leadId: 'L-NONE', name: '王五', attributes: { branch: '杭州分行' } }); // no hit: not on the board
		await addHit(store, 'L-A', ID.hot, 'active-institutions', '2026-11-18');
		await addHit(store, 'L-A', ID.hot, 'key-behaviour', DAY);
		await addHit(store, 'L-B', OTHER_ID, 'active-institutions', DAY);
		await addPush(store, 'L-A', 'sms', 'sent', null, DAY);
		await scoreLeads(store, model, { scoredOn: DAY, modelVersion: null });
		await assignMatureLeads(store, { day: DAY });
	});
	afterAll(() => store.close());

	const page = (viewer: { username: string; role: 'admin' | 'marketing' | 'viewer' }, filters = {}) => loadLeadBoard(store, viewer, { filters, page: 1, pageSize: 20 });

	it('shows one row per lead with its grade, score, every reason newest first, owner and last contact; KPIs count people', async () => {
		const board = await page(admin);
		expect(board.kpis).toEqual({ leads: 2, gradeA: 1, mature: 1, unassigned: 1 });
		expect(board.items.map((row) => row.leadId)).toEqual(['L-A', 'L-B']);
		const [a] = board.items;
		expect(a).toMatchObject({ name: '张*', phone: '138****8899', grade: 'A2', source: '熟人转介绍', owner: 'wang', branch: '杭州分行', status: 'pending', mature: true });
		expect(a.score).toBeGreaterThanOrEqual(40);
		expect(a.reasons.map((r) => [r.ruleId, r.hitDate])).toEqual([['key-behaviour', DAY], ['active-institutions', '2026-11-18']]);
		expect(a.lastContactAt).not.toBeNull();
		expect(JSON.stringify(board)).not.toContain('13812348899');
	});

	it('filters by grade, owner, branch and score range', async () => {
		expect((await page(admin, { grade: 'A' })).items.map((r) => r.leadId)).toEqual(['L-A']);
		expect((await page(admin, { grade: 'C3' })).items.map((r) => r.leadId)).toEqual(['L-B']);
		expect((await page(admin, { owner: 'wang' })).items.map((r) => r.leadId)).toEqual(['L-A']);
		expect((await page(admin, { branch: '上海分行' })).items.map((r) => r.leadId)).toEqual(['L-B']);
		expect((await page(admin, { scoreMin: 0, scoreMax: 39 })).items.map((r) => r.leadId)).toEqual(['L-B']);
		expect((await page(admin, { grade: "A' OR 1=1 --" })).total).toBe(2); // not a grade: ignored, never spliced
	});

	it('marketing staff see their own leads and their branch only', async () => {
		expect((await page({ username: 'wang', role: 'marketing' })).items.map((r) => r.leadId)).toEqual(['L-A']);
		expect((await page({ username: 'zhao', role: 'marketing' })).kpis.leads).toBe(1);
		await expect(loadLeadDetail(store, { username: 'zhao', role: 'marketing' }, model, 'L-A')).rejects.toMatchObject({ code: 'notFound' });
	});

	it('a marketing account without a branch sees only the leads it owns; given a branch, also that branch', async () => {
		await createStaff(store, { username: 'qian', displayName: '钱专员', role: 'marketing', password: 'a-long-password-123', createdBy: 'test' });
		const qian = { username: 'qian', role: 'marketing' as const };
		expect((await page(qian)).kpis.leads).toBe(0);
		await changeOwner(store, { leadId: 'L-B', toOwner: 'qian', actor: 'boss', reason: '测试', day: DAY });
		const board = await page(qian);
		expect(board.items.map((r) => r.leadId)).toEqual(['L-B']);
		expect(board.kpis.leads).toBe(1);
		await saveOwnerSettings(store, { username: 'qian', branch: '杭州分行', email: null, dailyCapacity: 10, takesLeads: true });
		expect((await page(qian)).items.map((r) => r.leadId).sort()).toEqual(['L-A', 'L-B']);
	});

	it('opens a lead: the ledger that adds up to its score, the hits with why, contacts and owner history', async () => {
		const detail = await loadLeadDetail(store, admin, model, 'L-A');
		expect(detail.score?.entriesTotal).toBe(detail.score?.score);
		expect(detail.hits.map((h) => h.ruleId)).toEqual(['key-behaviour', 'active-institutions']);
		expect(detail.contacts).toEqual([expect.objectContaining({ channel: 'sms', state: 'sent' })]);
		expect(detail.owners).toEqual([expect.objectContaining({ toOwner: 'wang', kind: 'assign' })]);
	});
});

describe.each(STORE_KINDS)('the board keeps its branch rule on %s', (kind) => {
	let store: Store;
	const hz = { username: 'hz', role: 'marketing' as const };
	const sh = { username: 'sh', role: 'marketing' as const };
	const solo = { username: 'solo', role: 'marketing' as const };
	const idOf = (n: number) => makeIdNumber('330106', `197${n}0505`, `31${n}`);
	const lead = async (leadId: string, n: number, branch?: string) => {
		await createLead(store, testKeys, { leadId, name: '测试', idNumber: idOf(n), attributes: branch ? { branch } : {} });
		await addHit(store, leadId, idOf(n), 'active-institutions', DAY);
	};

	/** The leads the viewer sees; the KPIs must count those rows. */
	async function seen(viewer: { username: string; role: 'admin' | 'marketing' | 'viewer' }, filters = {}): Promise<string[]> {
		const board = await loadLeadBoard(store, viewer, { filters, page: 1, pageSize: 50 });
		expect(board.total).toBe(board.items.length);
		expect(board.kpis).toEqual({
			leads: board.items.length,
			gradeA: board.items.filter((row) => row.grade?.startsWith('A')).length,
			mature: board.items.filter((row) => row.mature).length,
			unassigned: board.items.filter((row) => row.owner === null).length,
		});
		return board.items.map((row) => row.leadId).sort();
	}

	/** Every stored board row carries its lead's owner and visible branch as the leads and their owners say now. */
	async function expectStoredVisibilityExact(): Promise<void> {
		const off = await store.query<{ lead_id: string }>(
			`SELECT b.lead_id FROM lead_board_scores b JOIN leads l ON l.lead_id = b.lead_id LEFT JOIN lead_owners lo ON lo.lead_id = b.lead_id
			 WHERE (b.owner, b.branch) IS DISTINCT FROM (lo.owner, ${VISIBLE_BRANCH_SQL})`,
		);
		expect(off.rows).toEqual([]);
	}

	beforeAll(async () => {
		store = await openTestStore(kind);
		for (const [username, branch] of [['hz', '杭州分行'], ['sh', '上海分行'], ['solo', null], ['hz2', '杭州分行']] as const) {
			await createStaff(store, { username, displayName: username, role: 'marketing', password: 'a-long-password-123', createdBy: 'test' });
			if (branch) await saveOwnerSettings(store, { username, branch, email: null, dailyCapacity: 10, takesLeads: true });
		}
		await lead('B-HZ', 1, '杭州分行');
		await lead('B-SH', 2, '上海分行');
		await lead('B-NONE', 3);
		await createLead(store, testKeys, { leadId: 'B-NOHIT', name: '测试', attributes: { branch: '上海分行' } });
		await scoreLeads(store, model, { scoredOn: DAY, modelVersion: null });
	});
	afterAll(() => store.close());

	it('branch staff see their branch only, an account without a branch its own leads; the KPIs count the rows', async () => {
		expect(await seen(admin)).toEqual(['B-HZ', 'B-NONE', 'B-SH']);
		expect(await seen(hz)).toEqual(['B-HZ']);
		expect(await seen(sh)).toEqual(['B-SH']);
		expect(await seen(solo)).toEqual([]);
		expect(await seen(admin, { branch: '上海分行' })).toEqual(['B-SH']);
		expect(await seen(hz, { branch: '上海分行' })).toEqual([]);
		await expectStoredVisibilityExact();
	});

	it('an owner change shows at once: the new owner sees the lead, the old one no longer', async () => {
		await changeOwner(store, { leadId: 'B-NONE', toOwner: 'solo', actor: 'boss', reason: '测试', day: DAY });
		expect(await seen(solo)).toEqual(['B-NONE']);
		expect(await seen(admin, { owner: 'solo' })).toEqual(['B-NONE']);
		expect(await seen(hz)).toEqual(['B-HZ']); // the lead has no branch: only its owner sees it
		await changeOwner(store, { leadId: 'B-NONE', toOwner: 'hz2', actor: 'boss', reason: '测试', day: DAY });
		expect(await seen(solo)).toEqual([]);
		expect(await seen({ username: 'hz2', role: 'marketing' })).toEqual(['B-HZ', 'B-NONE']);
		expect(await seen(admin, { owner: 'solo' })).toEqual([]);
		await expectStoredVisibilityExact();
	});

	it('the assigned branch overrides the roster\'s; a roster branch change moves an unassigned lead at once', async () => {
		await changeOwner(store, { leadId: 'B-SH', toOwner: 'solo', actor: 'boss', reason: '测试', day: DAY }); // assigned in 上海分行
		await updateLead(store, testKeys, 'B-SH', { attributes: { branch: '杭州分行' } });
		expect(await seen(sh)).toEqual(['B-SH']);
		expect(await seen(hz)).toEqual(['B-HZ']);
		expect((await loadLeadBoard(store, admin, { filters: { branch: '上海分行' }, page: 1, pageSize: 50 })).items.map((r) => [r.leadId, r.branch])).toEqual([['B-SH', '上海分行']]);
		await updateLead(store, testKeys, 'B-NONE', { attributes: { branch: '上海分行' } }); // assigned without a branch: its owner's alone
		expect(await seen(sh)).toEqual(['B-SH']);
		expect(await seen({ username: 'hz2', role: 'marketing' })).toEqual(['B-HZ', 'B-NONE']);
		await updateLead(store, testKeys, 'B-NONE', { attributes: { branch: '' } });
		await updateLead(store, testKeys, 'B-HZ', { attributes: { branch: '上海分行' } });
		expect(await seen(hz)).toEqual([]);
		expect(await seen(sh)).toEqual(['B-HZ', 'B-SH']);
		await updateLead(store, testKeys, 'B-HZ', { attributes: { branch: '' } }); // no branch at all
		expect(await seen(sh)).toEqual(['B-SH']);
		await updateLead(store, testKeys, 'B-HZ', { attributes: { branch: '杭州分行' } });
		expect(await seen(hz)).toEqual(['B-HZ']);
		await expectStoredVisibilityExact();
	});

	it('an owner row deleted or truncated leaves the lead to its roster branch at once', async () => {
		await store.query(`DELETE FROM lead_owners WHERE lead_id = 'B-SH'`); // B-SH's roster now says 杭州分行
		expect(await seen(sh)).toEqual([]);
		expect(await seen(hz)).toEqual(['B-HZ', 'B-SH']);
		expect(await seen(solo)).toEqual([]);
		await expectStoredVisibilityExact();
		await store.query('TRUNCATE lead_owners');
		expect(await seen({ username: 'hz2', role: 'marketing' })).toEqual(['B-HZ', 'B-SH']); // B-NONE was hz2's own
		await expectStoredVisibilityExact();
	});

	it('a lead whose first hit came after the run is seen by the same rule, and the next run stores its owner and branch', async () => {
		await lead('B-NEW', 4, '上海分行');
		expect(await seen(sh)).toEqual(['B-NEW']);
		await changeOwner(store, { leadId: 'B-NEW', toOwner: 'solo', actor: 'boss', reason: '测试', day: DAY });
		expect(await seen(solo)).toEqual(['B-NEW']);
		await updateLead(store, testKeys, 'B-NEW', { attributes: { branch: '杭州分行' } }); // assigned: its owner row's branch holds
		await scoreLeads(store, model, { scoredOn: '2026-11-21', modelVersion: null });
		expect((await store.query(`SELECT owner, branch FROM lead_board_scores WHERE lead_id = 'B-NEW'`)).rows).toEqual([{ owner: 'solo', branch: '上海分行' }]);
		expect(await seen(solo)).toEqual(['B-NEW']);
		expect(await seen(sh)).toEqual(['B-NEW']);
		expect(await seen(hz)).toEqual(['B-HZ', 'B-SH']);
		await expectStoredVisibilityExact();
	});
});
