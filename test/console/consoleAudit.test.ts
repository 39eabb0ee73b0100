import type { AuditEntry, Paged } from '../../lib/console/api/contract';
import type { PublicLead } from '../../lib/roster';
import type { StaffRole } from '../../lib/staff';
import type { Store } from '../../lib/store';
import { insertHit } from '../board/boardSeed';
import { openTestStore, STORE_KINDS } from '../setup/testStores';
import { ConsoleClient, signedInRoles, STAFF_PASSWORD } from './consoleClient';

describe.each(STORE_KINDS)('the audit log of console changes on %s', (kind) => {
	let store: Store;
	let accounts: Record<StaffRole, string>;
	let clients: Record<StaffRole, ConsoleClient>;
	beforeAll(async () => {
		store = await openTestStore(kind);
		({ accounts, clients } = await signedInRoles(store, 'audit'));
	});
	afterAll(() => store.close());

	it('records who did each kind of change, what to and what, with personal values masked', async () => {
		const { admin, marketing } = clients;
		const ok = async (response: Promise<{ status: number; body: unknown }>) => {
			const answer = await response;
			expect([answer.status, answer.body]).toEqual([200, expect.anything()]);
			return answer.body;
		};
		await ok(admin.post('staff.create', { username: 'new.hire', displayName: '新同事', role: 'viewer', password: 'Summer-Sun-2026' }));
		await ok(admin.post('staff.update', { username: 'new.hire', role: 'marketing', password: 'Reset-Pass-2026' }));
		await ok(marketing.post('staff.update', { username: accounts.marketing, currentPassword: STAFF_PASSWORD, password: 'Own-Choice-2026' }));
		const lead = (await ok(marketing.post('leads.create', { name: '张伟', phone: '13812348899', email: 'zhang.wei@163.com' }))) as PublicLead;
		await ok(marketing.post('leads.update', { leadId: lead.leadId, phone: '13812348800' }));
		const file = [{ field: 'file', fileName: 'roster.csv', data: Buffer.from('姓名,手机号\r\n李娜,15912344421\r\n坏行,1234\r\n') }];
		const report = (await ok(marketing.post('leads.import', {}, { files: file }))) as { importId: string };
		expect((await marketing.get('leads.importRejects', { importId: report.importId })).status).toBe(200);
		await ok(marketing.post('blacklist.add', { kind: 'phone', value: '13912340000' }));
		await ok(marketing.post('blacklist.remove', { kind: 'phone', value: '13912340000' }));
		await ok(marketing.post('optOuts.register', { phone: '15912344421', channel: 'all', reason: '来电 15912344421 要求退订' }));
		const hitId = await insertHit(store, { leadId: lead.leadId, createdAt: new Date().toISOString() });
		await ok(marketing.post('board.status', { hitIds: [hitId], status: 'converted' }));
		await ok(marketing.post('leads.delete', { leadId: lead.leadId }));
		await ok(marketing.post('session.logout'));

		const log = (await admin.get('audit.list', { pageSize: '100' })).body as Paged<AuditEntry>;
		const done = log.rows.map((entry) => [entry.actor, entry.action, entry.subject]).reverse();
		expect(done).toEqual([
			['audit-admin', 'session.login', 'audit-admin'],
			['audit-marketing', 'session.login', 'audit-marketing'],
			['audit-viewer', 'session.login', 'audit-viewer'],
			['audit-admin', 'staff.create', 'new.hire'],
			['audit-admin', 'staff.update', 'new.hire'],
			['audit-marketing', 'staff.password', 'audit-marketing'],
			['audit-marketing', 'leads.create', lead.leadId],
			['audit-marketing', 'leads.update', lead.leadId],
			['audit-marketing', 'leads.import', 'roster.csv'],
			['audit-marketing', 'leads.exportRejects', report.importId],
			['audit-marketing', 'blacklist.add', 'phone'],
			['audit-marketing', 'blacklist.remove', 'phone'],
			['audit-marketing', 'optOuts.register', '159****4421'],
			['audit-marketing', 'hits.status', null],
			['audit-marketing', 'leads.delete', lead.leadId],
			['audit-marketing', 'session.logout', 'audit-marketing'],
		]);
		const byAction = (action: string) => log.rows.find((entry) => entry.action === action)?.detail;
		expect(byAction('staff.update')).toEqual({ changed: ['role', 'password'], role: 'marketing' });
		expect(byAction('leads.update')).toMatchObject({ fields: ['phone'], flags: [] });
		expect(byAction('leads.import')).toMatchObject({ rowsRead: 2, created: 1, rejectedCount: 1, vanityPhones: 'flag' });
		expect(byAction('hits.status')).toEqual({ status: 'converted', hitIds: [hitId], missing: [] });
		expect(byAction('blacklist.remove')).toEqual({ value: '139****0000' });
		expect(byAction('optOuts.register')).toMatchObject({ reason: '来电 159****4421 要求退订' });
		expect(JSON.stringify(log)).not.toMatch(/13812348899|15912344421|13912340000|zhang\.wei|Summer-Sun|Reset-Pass|Own-Choice|Spring-Rain/);

		const leadsOnly = (await admin.get('audit.list', { action: 'leads.*' })).body as Paged<AuditEntry>;
		expect(leadsOnly.total).toBe(5);
		const theirs = (await admin.get('audit.list', { actor: 'audit-admin', pageSize: '2', page: '2' })).body as Paged<AuditEntry>;
		expect(theirs).toMatchObject({ total: 3, page: 2, pageSize: 2, rows: [{ action: 'session.login' }] });
	});
});
