import { Readable } from 'node:stream';

import { addToBlacklist } from '../../lib/blacklist';
import { readRecords } from '../../lib/files';
import { checkLeadInput, countLeads, countLeadsUpTo, createLead, listLeads, updateLead } from '../../lib/roster';
import { importIssuesFile, importLeads, leadRowsOfFile, previewLeadFile, type LeadFile } from '../../lib/roster/import';
import type { Store } from '../../lib/store';
import { makeIdNumber } from '../identity/idNumberFixtures';
import { openTestStore, STORE_KINDS, testKeys } from '../setup/testStores';

const ID_A = makeIdNumber('330106', '19880315', '123');
const ID_B = makeIdNumber('310104', '19900708', '456');
const ID_C = makeIdNumber('440305', '19791201', '789');
const ID_D = makeIdNumber('510104', '19850521', '246');

const csv = (lines: string[]): LeadFile => ({ fileName: '客户名单.csv', data: Buffer.from(lines.join('\r\n'), 'utf8') });

describe.each(STORE_KINDS)('roster support for the console on %s', (kind) => {
	let store: Store;
	beforeAll(async () => {
		store = await openTestStore(kind);
	});
	afterAll(() => store.close());

	it('says whether a lead can be monitored, flags a vanity phone and keeps the flag in step with the phone', async () => {
		const vanity = await createLead(store, testKeys, { leadId: 'F-1', name: '吴刚', phone: '13912348888', idNumber: ID_A });
		expect(vanity).toMatchObject({ monitorable: true, flags: ['phone.vanity'] });
		const plain = await createLead(store, testKeys, { leadId: 'F-2', name: '郑敏', phone: '13812348899' });
		expect(plain).toMatchObject({ monitorable: false, flags: [] });
		expect(await updateLead(store, testKeys, 'F-1', { phone: '13812341276' })).toMatchObject({ flags: [] });
		expect(await updateLead(store, testKeys, 'F-2', { phone: '13866668888', idNumber: ID_B })).toMatchObject({ flags: ['phone.vanity'], monitorable: true });
		expect(await updateLead(store, testKeys, 'F-2', { name: '郑敏敏' })).toMatchObject({ flags: ['phone.vanity'] });
	});

	it('filters and counts by monitorable and flagged, and sorts both ways', async () => {
		const fresh = await openTestStore(kind);
		try {
			await createLead(fresh, testKeys, { leadId: 'S-1', name: '阿', phone: '13912348888', idNumber: ID_A });
			await createLead(fresh, testKeys, { leadId: 'S-2', name: '波', phone: '13812348899' });
			await createLead(fresh, testKeys, { leadId: 'S-3', name: '成', phone: '15912344421', idNumber: ID_B });
			expect(await countLeads(fresh, {})).toBe(3);
			expect(await countLeads(fresh, { monitorable: false })).toBe(1);
			expect((await listLeads(fresh, { monitorable: true, limit: 10, sort: 'leadId' })).map((l) => l.leadId)).toEqual(['S-1', 'S-3']);
			expect((await listLeads(fresh, { flagged: true, limit: 10 })).map((l) => l.leadId)).toEqual(['S-1']);
			expect(await countLeads(fresh, { flagged: false, monitorable: true })).toBe(1);
			expect((await listLeads(fresh, { sort: 'leadIdDesc', limit: 10 })).map((l) => l.leadId)).toEqual(['S-3', 'S-2', 'S-1']);
		} finally {
			await fresh.close();
		}
	});

	it('counts exactly up to a limit and estimates beyond it; searches case-insensitively only when the search has Latin letters; pages deep in the order of the first page', async () => {
		const fresh = await openTestStore(kind);
		try {
			for (let i = 1; i <= 12; i++) {
				await createLead(fresh, testKeys, { leadId: `Big-${String(i).padStart(2, '0')}`, name: i % 2 ? `王${i}` : `Li ${i}`, sourceChannel: i % 3 ? '官网预约' : '网点到访' });
			}
			await fresh.exec('ANALYZE leads');
			expect(await countLeadsUpTo(fresh, {}, 12)).toEqual({ total: 12, estimated: false });
			expect(await countLeadsUpTo(fresh, { sourceChannel: '网点到访' }, 5)).toEqual({ total: 4, estimated: false });
			const beyond = await countLeadsUpTo(fresh, {}, 5);
			expect(beyond.estimated).toBe(true);
			// Never fewer than the exact walk saw (limit + 1); the planner's figure after ANALYZE.
			expect(beyond.total).toBeGreaterThanOrEqual(6);
			expect(beyond.total).toBeLessThanOrEqual(24);

			expect((await listLeads(fresh, { search: 'big-0', limit: 20, sort: 'leadId' })).map((l) => l.leadId)).toEqual(['Big-01', 'Big-02', 'Big-03', 'Big-04', 'Big-05', 'Big-06', 'Big-07', 'Big-08', 'Big-09']);
			expect((await listLeads(fresh, { search: 'LI 1', limit: 20, sort: 'leadId' })).map((l) => l.leadId)).toEqual(['Big-10', 'Big-12']);
			expect((await listLeads(fresh, { search: '王1', limit: 20, sort: 'name' })).map((l) => l.name)).toEqual(['王1', '王11']);
			const byNameDesc = (await listLeads(fresh, { sort: 'nameDesc', limit: 20 })).map((l) => l.leadId);
			expect((await listLeads(fresh, { sort: 'nameDesc', limit: 2, offset: 10 })).map((l) => l.leadId)).toEqual(byNameDesc.slice(10, 12));
			expect((await listLeads(fresh, { sort: 'leadIdDesc', sourceChannel: '网点到访', limit: 2, offset: 2 })).map((l) => l.leadId)).toEqual(['Big-06', 'Big-03']);
		} finally {
			await fresh.close();
		}
	});

	it('finds by two characters (through the index of character pairs) exactly what a scan of lead ids and names finds', async () => {
		const fresh = await openTestStore(kind);
		try {
			const leads = [
				{ leadId: 'W-1', name: '王伟' },
				{ leadId: 'W-2', name: '欧阳伟华' },
				{ leadId: 'W-3', name: '王' },
				{ leadId: 'W-4', name: '伟王' },
				{ leadId: 'W-5', name: 'Wang Wei' },
				{ leadId: 'w-6', name: '李100%' },
				{ leadId: 'WW-7', name: '张三' },
				{ leadId: 'W-8' },
			];
			for (const lead of leads) await createLead(fresh, testKeys, { ...lead, phone: '13812348899' });
			const scanned = (search: string) =>
				leads
					.filter((lead) => {
						const name = lead.name ?? '';
						const inName = /[A-Za-z]/.test(search) ? name.toLowerCase().includes(search.toLowerCase()) : name.includes(search);
						return lead.leadId.toLowerCase().includes(search.toLowerCase()) || inName;
					})
					.map((lead) => lead.leadId)
					.sort();
			for (const search of ['王伟', '伟王', '阳伟', '伟华', 'wa', 'WA', 'w-', '-7', 'ww', '0%', 'g ', '王', '三', 'ng W', 'xy']) {
				const found = (await listLeads(fresh, { search, limit: 20 })).map((lead) => lead.leadId).sort();
				expect({ search, found }).toEqual({ search, found: scanned(search) });
				expect(await countLeads(fresh, { search })).toBe(found.length);
			}
			expect(scanned('王伟')).toEqual(['W-1']);
			expect(scanned('ww')).toEqual(['WW-7']);
		} finally {
			await fresh.close();
		}
	});

	it('checks a typed lead as an import checks a row, naming every field at fault', async () => {
		await expect(checkLeadInput(store, testKeys, { name: '王五', phone: '12345' }, 'create')).rejects.toMatchObject({
			code: 'invalid',
			field: 'phone',
			problems: [{ field: 'phone', code: 'phone.format' }],
		});
		await expect(checkLeadInput(store, testKeys, { name: '王五', phone: '1381234889x', idNumber: '110105194912310021', email: 'a@example.com' }, 'create')).rejects.toMatchObject({
			problems: [{ field: 'phone' }, { field: 'idNumber' }, { field: 'email' }],
		});
		await expect(checkLeadInput(store, testKeys, { name: '王五' }, 'create')).rejects.toMatchObject({ field: 'phone', problems: [{ code: 'noContact' }] });
		expect(await checkLeadInput(store, testKeys, { name: '王五 ' }, 'update')).toEqual({ name: '王五' });
		await addToBlacklist(store, testKeys, 'phone', '15912340001');
		await expect(checkLeadInput(store, testKeys, { phone: '+86 159 1234 0001' }, 'update')).rejects.toMatchObject({ problems: [{ field: 'phone', code: 'blacklisted' }] });
		expect(await checkLeadInput(store, testKeys, { name: '王五', phone: '+86 138 8888 8888', idNumber: ID_A.toLowerCase() }, 'create')).toEqual({
			name: '王五',
			phone: '13888888888',
			idNumber: ID_A.toUpperCase(),
		});
		expect(await checkLeadInput(store, testKeys, { phone: '', email: '' }, 'update')).toEqual({ phone: '', email: '' });
	});

	it('imports a KYC roster: vanity numbers kept and flagged, leads without an ID number counted, rejects kept for download', async () => {
		const file = csv([
			'客户姓名,联系电话,身份证号,来源渠道,备注',
			`赵一,13888888888,${ID_C},网点到访,`,
			`钱二,13912345678,,网点到访,`,
			`孙三,14412345678,,网点到访,`,
			`李四,13800138000,,网点到访,`,
			`周五,15912341111,${ID_D},网点到访,`,
			`吴六,15912347788,,网点到访,"<script>alert(1)</script>"`,
		]);
		const report = await importLeads(store, testKeys, leadRowsOfFile(file), {
			cleanse: { vanityPhones: 'flag' },
			keep: { importedBy: 'wang.li', fileName: file.fileName },
		});
		expect(report).toMatchObject({ rowsRead: 6, created: 4, rejectedCount: 2, duplicateCount: 0, withoutIdNumber: 2, flagged: 3 });
		expect(report.rejected.map((r) => [r.row, r.code])).toEqual([
			[4, 'phone.iot'],
			[5, 'phone.fake'],
		]);
		expect(report.importId).toMatch(/^[0-9a-f-]{36}$/);

		const rejects = await importIssuesFile(store, report.importId as string, 'csv');
		expect(rejects).toMatchObject({ fileName: '客户名单-问题行.csv', mimeType: 'text/csv; charset=utf-8' });
		expect([...rejects.data.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = rejects.data.toString('utf8');
		expect(text).toContain('4,拒绝,手机号,');
		expect(text).toContain('144****5678');
		expect(text).not.toContain('14412345678');

		const xlsx = await importIssuesFile(store, report.importId as string, 'xlsx');
		const rows = [];
		for await (const record of readRecords(Readable.from([xlsx.data]), 'xlsx')) rows.push(record.values);
		expect(rows).toEqual([
			expect.objectContaining({ '行号 (row)': '4', '类型 (kind)': '拒绝', '代码 (code)': 'phone.iot' }),
			expect.objectContaining({ '行号 (row)': '5', '代码 (code)': 'phone.fake', '值，已脱敏 (value, masked)': '138****8000' }),
		]);
		await expect(importIssuesFile(store, 'no-such-import', 'csv')).rejects.toMatchObject({ code: 'notFound', field: 'importId' });
	});

	it('rejects the same vanity numbers by default, as the Lead Store import always has', async () => {
		const report = await importLeads(store, testKeys, leadRowsOfFile(csv(['客户姓名,联系电话', '冯七,13777777777', '陈八,13712347777'])));
		expect(report).toMatchObject({ rowsRead: 2, created: 1, rejectedCount: 1, flagged: 1, withoutIdNumber: 1 });
		expect(report.importId).toBeUndefined();
	});

	it('previews a file: its headers, the suggested mapping, the first rows masked, the row count', async () => {
		const preview = await previewLeadFile(
			csv(['客户姓名,手机号码,证件号码,来源,备注', `赵一,13888888888,${ID_A},网点到访,回电 15912341111 或 a.b@qq.com`, '钱二,13912345678,,抖音推广,']),
			1,
		);
		expect(preview).toEqual({
			fileName: '客户名单.csv',
			format: 'csv',
			rowCount: 2,
			headers: ['客户姓名', '手机号码', '证件号码', '来源', '备注'],
			suggestedMapping: { name: '客户姓名', phone: '手机号码', idNumber: '证件号码', sourceChannel: '来源' },
			sample: [{ 客户姓名: '赵*', 手机号码: '138****8888', 证件号码: '330106********' + ID_A.slice(-4), 来源: '网点到访', 备注: '回电 159****1111 或 a**@qq.com' }],
		});
		await expect(previewLeadFile({ fileName: 'roster.pdf', data: Buffer.from('%PDF') })).rejects.toMatchObject({ code: 'unreadableFile' });
	});
});
