import { listAudit, recordAudit } from '../../lib/audit';
import type { Store } from '../../lib/store';
import { openTestStore, STORE_KINDS } from '../setup/testStores';

describe.each(STORE_KINDS)('audit log on %s', (kind) => {
	let store: Store;
	beforeAll(async () => {
		store = await openTestStore(kind);
	});
	afterAll(() => store.close());

	it('masks personal values and hides secrets in the detail', async () => {
		await recordAudit(store, {
			actor: 'wang.li',
			action: 'leads.update',
			subject: 'L1000001',
			detail: {
				phone: '13812348899',
				idNumber: '11010519491231002X',
				name: '张伟',
				password: 'Spring-Rain-2026',
				csrfToken: 'abc',
				note: '客户来电 13912345678，邮箱 zhang.wei@example.com，证件 110105194912310021',
				nested: { list: [{ mobile: '15912344421' }] },
				count: 3,
			},
		});
		const { rows } = await listAudit(store, { subject: 'L1000001', limit: 10 });
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({
			actor: 'wang.li',
			action: 'leads.update',
			detail: {
				phone: '138****8899',
				idNumber: '110105********002X',
				name: '张*',
				password: '[已隐藏]',
				csrfToken: '[已隐藏]',
				note: '客户来电 139****5678，邮箱 z********@example.com，证件 110105********0021',
				nested: { list: [{ mobile: '159****4421' }] },
				count: 3,
			},
		});
		expect(JSON.stringify(rows)).not.toMatch(/13812348899|Spring-Rain|13912345678|zhang\.wei/);
	});

	it('lists newest first with filters (actor, action or group, days in the bank\'s zone) and pages', async () => {
		const fresh = await openTestStore(kind);
		try {
			const at = async (iso: string, actor: string, action: 'leads.create' | 'leads.delete' | 'session.login', subject: string) => {
				await recordAudit(fresh, { actor, action, subject });
				await fresh.query('UPDATE audit_log SET at = $1 WHERE id = (SELECT max(id) FROM audit_log)', [iso]);
			};
			await at('2026-11-01T15:59:00Z', 'a', 'leads.create', 'L1'); // 2026-11-01 23:59 in Shanghai
			await at('2026-11-01T16:00:00Z', 'a', 'leads.delete', 'L2'); // 2026-11-02 00:00
			await at('2026-11-02T09:00:00Z', 'b', 'session.login', 'b');
			await at('2026-11-02T15:59:59Z', 'b', 'leads.create', 'L3'); // 2026-11-02 23:59:59

			const all = await listAudit(fresh, { limit: 10 });
			expect(all.total).toBe(4);
			expect(all.rows.map((r) => r.subject)).toEqual(['L3', 'b', 'L2', 'L1']);
			expect((await listAudit(fresh, { actor: 'a', limit: 10 })).rows.map((r) => r.subject)).toEqual(['L2', 'L1']);
			expect((await listAudit(fresh, { action: 'leads.*', limit: 10 })).rows.map((r) => r.subject)).toEqual(['L3', 'L2', 'L1']);
			expect((await listAudit(fresh, { action: 'leads.create', limit: 10 })).total).toBe(2);
			const day = await listAudit(fresh, { from: '2026-11-02', to: '2026-11-02', limit: 10 });
			expect(day.rows.map((r) => r.subject)).toEqual(['L3', 'b', 'L2']);
			expect((await listAudit(fresh, { to: '2026-11-01T16:00:00Z', limit: 10 })).rows.map((r) => r.subject)).toEqual(['L2', 'L1']);
			const second = await listAudit(fresh, { limit: 3, offset: 3 });
			expect(second).toMatchObject({ total: 4, rows: [{ subject: 'L1' }] });
			await expect(listAudit(fresh, { from: 'yesterday', limit: 1 })).rejects.toMatchObject({ code: 'invalid', field: 'from' });
		} finally {
			await fresh.close();
		}
	});
});
