import { Readable } from 'node:stream';
import * as iconv from 'iconv-lite';
import ExcelJS from 'exceljs';

import { addToBlacklist } from '../../lib/blacklist';
import { readRecords, type RecordFileFormat } from '../../lib/files';
import { createLead, getLead, listLeads } from '../../lib/roster';
import { importLeads, leadFromRecord, type ImportRow, type LeadImportOptions } from '../../lib/roster/import';
import type { Store } from '../../lib/store';
import { makeIdNumber, withWrongCheckChar } from '../identity/idNumberFixtures';
import { openTestStore, STORE_KINDS, testKeys } from '../setup/testStores';

const ID_ZHANG = makeIdNumber('110105', '19850312', '123');
const ID_LI = makeIdNumber('310104', '19900708', '456');

const ROSTER_CSV = [
	'线索编号,客户姓名,联系电话,身份证号,来源渠道,公司名称,负责人,备注',
	`,张伟,138 1234 8899,${ID_ZHANG},官网预约,北京纷扬科技有限公司,王经理,"老客户,转介绍"`,
	`,李芳,15912344421,${ID_LI},抖音推广,,赵经理,`,
	`,王建国,14012348899,,线下活动,,,`,
	`,赵敏,18812341234,${withWrongCheckChar(ID_LI)},熟人转介绍,,,`,
	`,张伟(重复),+86 13812348899,,搜索引擎,,,`,
	`,周杰,13799009900,,搜索引擎,纷扬科技,,"多行
备注"`,
].join('\r\n');

async function rowsOf(buffer: Buffer, format: RecordFileFormat): Promise<ImportRow[]> {
	const rows: ImportRow[] = [];
	for await (const record of readRecords(Readable.from([buffer]), format)) {
		rows.push({ row: record.row, lead: leadFromRecord(record), problem: record.shapeProblem });
	}
	return rows;
}

describe.each(STORE_KINDS)('lead import on %s', (kind) => {
	let store: Store;
	beforeAll(async () => {
		store = await openTestStore(kind);
	});
	afterAll(() => store.close());

	const run = async (buffer: Buffer, format: RecordFileFormat, options?: LeadImportOptions) =>
		importLeads(store, testKeys, await rowsOf(buffer, format), options);

	it('imports a GBK CSV: creates the clean rows, rejects with row/field/reason, finds batch duplicates; counts add up', async () => {
		const report = await run(iconv.encode(ROSTER_CSV, 'gbk'), 'csv');
		expect(report.rowsRead).toBe(6);
		expect(report.created + report.updated + report.rejectedCount + report.duplicateCount).toBe(report.rowsRead);
		expect(report.created).toBe(3);
		expect(report.rejected).toEqual([
			expect.objectContaining({ row: 4, field: 'phone', code: 'phone.iot' }),
			expect.objectContaining({ row: 5, field: 'idNumber', code: 'idNumber.checkDigit' }),
		]);
		expect(report.rejected[0].reason).toMatch(/物联网/);
		expect(report.duplicates).toEqual([expect.objectContaining({ row: 6, by: 'phone', duplicateOfRow: 2, owner: '王经理' })]);

		const leads = await listLeads(store, { limit: 100 });
		const zhang = leads.find((lead) => lead.name === '张伟');
		expect(zhang).toMatchObject({ phone: '138****8899', sourceChannel: '官网预约', attributes: { 备注: '老客户,转介绍' } });
		expect(report.duplicates[0].existingLeadId).toBe(zhang?.leadId);
		expect(leads.find((lead) => lead.name === '周杰')?.attributes).toEqual({ 备注: '多行\n备注' });
		expect(JSON.stringify(await store.query('SELECT * FROM leads'))).not.toContain(ID_ZHANG);
	});

	it('counts a row rejected for several reasons once, so the counts still add up', async () => {
		const csv = ['客户姓名,联系电话,身份证号', `孙丽,14012345678,${withWrongCheckChar(ID_ZHANG)}`, '钱进,13957120486,'].join('\n');
		const report = await run(Buffer.from(csv), 'csv');
		expect(report.rejected.map((r) => [r.row, r.field])).toEqual([
			[2, 'phone'],
			[2, 'idNumber'],
		]);
		expect(report).toMatchObject({ rowsRead: 2, rejectedCount: 1 });
		expect(report.created + report.updated + report.rejectedCount + report.duplicateCount).toBe(report.rowsRead);
	});

	it('changes nothing when the same file comes again: every clean row is a duplicate of a stored lead', async () => {
		const before = await listLeads(store, { limit: 100 });
		const report = await run(Buffer.from('\uFEFF' + ROSTER_CSV, 'utf8'), 'csv');
		expect(report).toMatchObject({ rowsRead: 6, created: 0, updated: 0, rejectedCount: 2, duplicateCount: 4 });
		expect(report.duplicates.map((d) => d.by)).toEqual(['phone', 'phone', 'phone', 'phone']);
		expect(await listLeads(store, { limit: 100 })).toEqual(before);
	});

	it('rejects blacklisted values and routes duplicates by the chosen action', async () => {
		await addToBlacklist(store, testKeys, 'phone', '13600001111', '投诉');
		const existing = await createLead(store, testKeys, { leadId: 'L-OLD', name: '钱七', phone: '13911112222', owner: '孙经理' });
		const json = Buffer.from(
			JSON.stringify([
				{ name: '黑名单用户', phone: '13600001111' },
				{ name: '钱七', phone: '139-1111-2222', email: 'qian.qi@163.com' },
			]),
		);
		const report = await run(json, 'json', { duplicateAction: 'updateExisting' });
		expect(report.rejected).toEqual([expect.objectContaining({ row: 1, field: 'phone', code: 'blacklisted' })]);
		expect(report.duplicates).toEqual([
			expect.objectContaining({ row: 2, existingLeadId: existing.leadId, owner: '孙经理', action: 'updateExisting' }),
		]);
		expect((await getLead(store, 'L-OLD')).email).toBe('qian.qi@163.com');
	});

	it('updates leads whose id already exists and reads XLSX', async () => {
		const workbook = new ExcelJS.Workbook();
		const sheet = workbook.addWorksheet('线索');
		sheet.addRow(['线索编号', '客户姓名', '手机号', '行业']);
		sheet.addRow(['L-OLD', '钱七', '13911112222', '制造业']);
		sheet.addRow(['L-XLSX-1', '孙八', 13539274610, '零售']);
		const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
		const report = await run(buffer, 'xlsx');
		expect(report).toMatchObject({ rowsRead: 2, created: 1, updated: 1, rejectedCount: 0, duplicateCount: 0 });
		expect(await getLead(store, 'L-OLD')).toMatchObject({ industry: '制造业', owner: '孙经理' });
		expect(await getLead(store, 'L-XLSX-1')).toMatchObject({ name: '孙八', phone: '135****4610' });
	});

	it('rejects rows with the wrong number of cells instead of dropping them', async () => {
		const report = await run(Buffer.from('客户姓名,联系电话\n吴九,13712345678,多余\n郑十\n'), 'csv');
		expect(report.rowsRead).toBe(2);
		expect(report.rejected.map((r) => [r.row, r.code])).toEqual([
			[2, 'row.shape'],
			[3, 'row.shape'],
		]);
	});
});
