import { saveOwnerSettings } from '../../lib/assignment';
import type { ActiveConfig, AuditEntry, LeadBoardPage, LeadDetail, Paged, ScoringModel } from '../../lib/console/api/contract';
import { createLead } from '../../lib/roster';
import { scoreLeads, standardScoringModel } from '../../lib/scoring';
import type { StaffRole } from '../../lib/staff';
import type { Store } from '../../lib/store';
import { addHit, ID } from '../scoring/scoringFixtures';
import { openTestStore, STORE_KINDS, testKeys } from '../setup/testStores';
import { ConsoleClient, errorOf, signedInRoles } from './consoleClient';

describe.each(STORE_KINDS)('leads, scores and owners through the console API on %s', (kind) => {
	let store: Store;
	let clients: Record<StaffRole, ConsoleClient>;
	let accounts: Record<StaffRole, string>;

	beforeAll(async () => {
		store = await openTestStore(kind);
		({ clients, accounts } = await signedInRoles(store, 'lb'));
		await saveOwnerSettings(store, { username: accounts.marketing, branch: '杭州分行', email: null, dailyCapacity: 10, takesLeads: true });
		await createLead(store, testKeys, { leadId: 'L-HZ', name: '张伟', phone: '13812348899', idNumber: ID.hot, industry: '制造业', attributes: { branch: '杭州分行' } });
		await createLead(store, testKeys, { leadId: 'L-SH', name: '李芳', idNumber: ID.quiet, attributes: { branch: '上海分行' } });
		await addHit(store, 'L-HZ', ID.hot, 'active-institutions', '2026-11-20');
		await addHit(store, 'L-SH', ID.quiet, 'active-institutions', '2026-11-20');
		await scoreLeads(store, standardScoringModel(), { scoredOn: '2026-11-20', modelVersion: null });
	});
	afterAll(() => store.close());

	it('lists one row per lead; marketing staff see their branch only, the administrator all', async () => {
		const all = (await clients.admin.get('board.leads')).body as LeadBoardPage;
		expect(all.kpis.leads).toBe(2);
		expect(all.items.map((row) => [row.leadId, row.grade])).toEqual([['L-HZ', 'C3'], ['L-SH', 'D3']]);
		const mine = (await clients.marketing.get('board.leads', { scoreMin: '0' })).body as LeadBoardPage;
		expect(mine.items.map((row) => row.leadId)).toEqual(['L-HZ']);
		expect((await clients.marketing.get('board.lead', { leadId: 'L-SH' })).status).toBe(404);
		expect(errorOf(await clients.admin.get('board.leads', { scoreMin: 'abc' }))).toMatchObject({ field: 'scoreMin' });
		const detail = (await clients.viewer.get('board.lead', { leadId: 'L-HZ' })).status;
		expect(detail).toBe(404); // the viewer account has no branch and owns nothing
		const full = (await clients.admin.get('board.lead', { leadId: 'L-HZ' })).body as LeadDetail;
		expect(full.score?.entriesTotal).toBe(full.score?.score);
	});

	it('changes an owner (audited, kept in the owner history); viewers cannot', async () => {
		expect((await clients.viewer.post('board.assign', { leadId: 'L-HZ', action: 'changeOwner', toOwner: accounts.marketing, reason: 'x' })).status).toBe(403);
		const changed = await clients.admin.post('board.assign', { leadId: 'L-HZ', action: 'changeOwner', toOwner: accounts.marketing, reason: '客户指定' });
		expect(changed.status).toBe(200);
		const detail = (await clients.marketing.get('board.lead', { leadId: 'L-HZ' })).body as LeadDetail;
		expect(detail.owners).toEqual([expect.objectContaining({ toOwner: accounts.marketing, actor: accounts.admin, reason: '客户指定', kind: 'change' })]);
		const log = (await clients.admin.get('audit.list', { action: 'leads.changeOwner' })).body as Paged<AuditEntry>;
		expect(log.rows.map((e) => [e.actor, e.subject])).toEqual([[accounts.admin, 'L-HZ']]);
		const linked = await clients.marketing.post('board.assign', { leadId: 'L-HZ', action: 'link', sourceLeadId: 'L-HZ' });
		expect([linked.status, errorOf(linked).field]).toEqual([400, 'sourceLeadId']);
	});

	it('keeps the scoring model as versioned configuration; a bad model is refused with its field', async () => {
		const active = (await clients.viewer.get('scoring.active')).body as ActiveConfig<ScoringModel>;
		expect(active).toMatchObject({ kind: 'scoring', version: 1 });
		const gap = { ...active.body, grades: { ...active.body.grades, fit: active.body.grades.fit.map((band, i) => (i === 1 ? { ...band, max: 30 } : band)) } };
		const refused = await clients.admin.post('scoring.save', { body: gap, baseVersion: 1 });
		expect([refused.status, errorOf(refused).field]).toEqual([400, 'grades.fit[1].max']);
		expect((await clients.admin.post('scoring.save', { body: { ...active.body, threshold: 50 }, baseVersion: 1 })).status).toBe(200);
		expect((await clients.marketing.post('scoring.save', { body: active.body, baseVersion: 2 })).status).toBe(403);
	});
});
