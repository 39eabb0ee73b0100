import { decryptText, keyedHash } from '../../lib/privacy';
import { createLead, deleteLead, getLead, LeadError, listLeads } from '../../lib/roster';
import type { Store } from '../../lib/store';
import { openTestStore, STORE_KINDS, testKeys } from '../setup/testStores';

const ZHANG = {
	name: '张伟',
	phone: '+86 138 1234 8899',
	idNumber: '11010519491231002x',
	company: '北京纷扬科技有限公司',
	sourceChannel: '官网预约',
	owner: '王经理',
	tags: ['高净值'],
	attributes: { 年收入: '30万' },
};

describe.each(STORE_KINDS)('lead repository on %s', (kind) => {
	let store: Store;
	beforeAll(async () => {
		store = await openTestStore(kind);
	});
	afterAll(() => store.close());

	it('creates a lead with a generated id and shows only masked personal data', async () => {
		const lead = await createLead(store, testKeys, ZHANG);
		expect(lead.leadId).toMatch(/^L\d{7}$/);
		expect(lead).toMatchObject({
			name: '张伟',
			phone: '138****8899',
			idNumber: '110105********002X',
			company: '北京纷扬科技有限公司',
			sourceChannel: '官网预约',
			status: 'new',
			tags: ['高净值'],
			attributes: { 年收入: '30万' },
		});
		expect(JSON.stringify(lead)).not.toMatch(/13812348899|11010519491231002/i);
	});

	it('stores the ID number only as a keyed hash and the phone only encrypted', async () => {
		const lead = await createLead(store, testKeys, { ...ZHANG, leadId: 'L-STORED' });
		const row = (
			await store.query<Record<string, string>>('SELECT * FROM leads WHERE lead_id = $1', [lead.leadId])
		).rows[0];
		expect(row.id_hash).toBe(keyedHash(testKeys.hashKey, '11010519491231002X'));
		expect(row.phone_hash).toBe(keyedHash(testKeys.hashKey, '13812348899'));
		expect(decryptText(testKeys.encryptionKey, row.phone_enc)).toBe('13812348899');
		expect(JSON.stringify(row)).not.toMatch(/13812348899|11010519491231002/i);
	});

	it('rejects an ID number with a wrong check digit, naming the field, and stores nothing', async () => {
		const before = await listLeads(store, { limit: 1000 });
		await expect(createLead(store, testKeys, { ...ZHANG, idNumber: '110105194912310021' })).rejects.toMatchObject({
			field: 'idNumber',
		});
		expect((await listLeads(store, { limit: 1000 })).length).toBe(before.length);
	});

	it('refuses a second lead with the same id', async () => {
		await createLead(store, testKeys, { leadId: 'L-TWICE', name: '李娜' });
		await expect(createLead(store, testKeys, { leadId: 'L-TWICE', name: '李娜' })).rejects.toMatchObject({
			code: 'exists',
		});
	});

	it('gets, lists with filters and search, and deletes', async () => {
		await createLead(store, testKeys, { leadId: 'L-LIST-1', name: '王芳', sourceChannel: '抖音推广', owner: '赵六' });
		await createLead(store, testKeys, { leadId: 'L-LIST-2', name: '王强', sourceChannel: '线下活动', owner: '赵六' });
		expect((await getLead(store, 'L-LIST-1')).name).toBe('王芳');

		const douyin = await listLeads(store, { sourceChannel: '抖音推广', limit: 10 });
		expect(douyin.map((l) => l.leadId)).toEqual(['L-LIST-1']);
		const wang = await listLeads(store, { search: '王', owner: '赵六', limit: 10 });
		expect(wang.map((l) => l.leadId).sort()).toEqual(['L-LIST-1', 'L-LIST-2']);
		expect(await listLeads(store, { search: '%', limit: 10 })).toEqual([]);
		// Lead ids match in any case (their trigram index is on lower(lead_id)).
		expect((await listLeads(store, { search: 'l-list-2', limit: 10 })).map((l) => l.leadId)).toEqual(['L-LIST-2']);
		expect((await listLeads(store, { search: '王', limit: 1 })).length).toBe(1);

		const byName = await listLeads(store, { search: '王', sort: 'name', limit: 10 });
		expect(byName.map((l) => l.name)).toEqual(['王强', '王芳'].sort((a, b) => (a < b ? -1 : 1)));
		expect((await listLeads(store, { search: '王', sort: 'leadId', limit: 1, offset: 1 })).map((l) => l.leadId)).toEqual(['L-LIST-2']);
		expect(await listLeads(store, { search: '王', createdFrom: '2099-01-01T00:00:00Z', limit: 10 })).toEqual([]);
		expect((await listLeads(store, { search: '王', createdTo: '2099-01-01T00:00:00Z', limit: 10 })).length).toBe(2);
		await expect(listLeads(store, { sort: 'random' as never, limit: 1 })).rejects.toMatchObject({ field: 'sort' });

		expect(await deleteLead(store, 'L-LIST-2')).toEqual({ leadId: 'L-LIST-2', deleted: true });
		await expect(getLead(store, 'L-LIST-2')).rejects.toThrow('Lead L-LIST-2 not found');
		await expect(deleteLead(store, 'L-LIST-2')).rejects.toBeInstanceOf(LeadError);
	});
});

describe('generated lead ids', () => {
	it('skip ids a person already gave by hand', async () => {
		const store = await openTestStore('postgres');
		try {
			const next = await store.query<{ n: string }>(`SELECT nextval('lead_id_seq') + 1 AS n`);
			await createLead(store, testKeys, { leadId: `L${next.rows[0].n}`, name: '手工编号' });
			const generated = await createLead(store, testKeys, { name: '自动编号' });
			expect(generated.leadId).toBe(`L${Number(next.rows[0].n) + 1}`);
		} finally {
			await store.close();
		}
	});
});
