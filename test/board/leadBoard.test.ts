import { assignMatureLeads, changeOwner, saveOwnerSettings } from '../../lib/assignment';
import { loadLeadBoard, loadLeadDetail } from '../../lib/board';
import { scoreLeads, standardScoringModel } from '../../lib/scoring';
import { createStaff } from '../../lib/staff';
import type { Store } from '../../lib/store';
import { createLead } from '../../lib/roster';
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
