import ExcelJS from 'exceljs';

import type { ActiveConfig } from '../../lib/config';
import type { RoiReport } from '../../lib/console/api/contract';
import type { ContactPolicy } from '../../lib/push';
import { roiReport, writeRoiWorkbook } from '../../lib/roi';
import type { Store } from '../../lib/store';
import { auditCount, errorOf, signedInRoles, type ConsoleClient } from '../console/consoleClient';
import { openTestStore } from '../setup/testStores';
import { seedConsoleScene, type Person } from './roiFixtures';

async function openWorkbook(data: Buffer): Promise<ExcelJS.Workbook> {
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(data as unknown as ArrayBuffer);
	return workbook;
}

/** A sheet's rows as plain values, the header row first. */
function sheetRows(workbook: ExcelJS.Workbook, name: string): unknown[][] {
	const sheet = workbook.getWorksheet(name);
	if (!sheet) throw new Error(`no sheet ${name}`);
	const rows: unknown[][] = [];
	sheet.eachRow({ includeEmpty: false }, (row) => rows.push((row.values as unknown[]).slice(1)));
	return rows;
}

/** Each data row as an object keyed by the header. */
function records(workbook: ExcelJS.Workbook, name: string): Array<Record<string, unknown>> {
	const [headers, ...rows] = sheetRows(workbook, name);
	return rows.map((row) => Object.fromEntries((headers as string[]).map((header, i) => [header, row[i] ?? null])));
}

describe('the ROI export (导出转化分析, XLSX, masked)', () => {
	let store: Store;
	let clients: Record<'admin' | 'marketing' | 'viewer', ConsoleClient>;
	let people: Person[];

	beforeAll(async () => {
		store = await openTestStore('pglite');
		clients = (await signedInRoles(store, 'roi-export')).clients;
		people = await seedConsoleScene(store);
		const csv = [
			'身份证号,手机号,产品,金额,转化日期',
			`${people[0].idNumber},,个人消费贷,"30,000",2026-10-08`,
			`,${people[2].phone},信用卡,0,2026-10-09`,
			`${people[3].idNumber},,"=HYPERLINK(""http://x"")",12.5,2026-10-05`,
		].join('\n');
		const imported = await clients.marketing.post('roi.import', {}, { files: [{ field: 'file', fileName: '放款.csv', data: Buffer.from(csv, 'utf8') }] });
		expect(imported.body).toMatchObject({ rowsRead: 3, matched: 3 });
	});
	afterAll(() => store.close());

	it('downloads the report, the trend and the attributed conversions for marketing, audited; refuses a viewer', async () => {
		expect((await clients.viewer.get('roi.export', {})).status).toBe(403);
		const before = await auditCount(store);
		const response = await clients.marketing.get('roi.export', { dimension: 'rule', smsCost: '0.05', callCost: '1.2' });
		expect(response.status).toBe(200);
		expect(response.headers['Content-Type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
		expect(response.headers['Content-Disposition']).toMatch(/^attachment; filename=".*\.xlsx"; filename\*=UTF-8''%E8%BD%AC%E5%8C%96%E5%88%86%E6%9E%90-/);
		expect(await auditCount(store)).toBe(before + 1);
		const entry = await store.query<{ actor: string; subject: string; detail: Record<string, unknown> }>("SELECT actor, subject, detail FROM audit_log WHERE action = 'roi.export'");
		expect(entry.rows[0]).toMatchObject({ actor: 'roi-export-marketing', subject: expect.stringMatching(/^转化分析-监测规则-\d{8}\.xlsx$/), detail: { dimension: 'rule', costs: { smsCents: 5, callCents: 120 } } });

		const workbook = await openWorkbook(response.body as Buffer);
		expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['按监测规则', '周趋势', '归因转化', '说明']);

		const [active, keyBehaviour] = records(workbook, '按监测规则');
		expect(active).toMatchObject({
			分组: '活跃机构命中',
			分组键: 'active-institutions',
			命中: 3,
			对照组: 1,
			实验组: 2,
			已触达: 2,
			已转化: 1,
			对照组已转化: 1,
			转化率: 0.5,
			对照组转化率: 1,
			'增量（百分点）': -0.5,
			'转化金额（元）': 30_000,
			短信条数: 1,
			外呼次数: 1,
			'触达成本（元）': 1.25,
			'单次转化成本（元）': 1.25,
		});
		expect(active['95%区间下限']).toBeLessThan(-0.5);
		expect(active['95%区间上限']).toBeGreaterThan(-0.5);
		expect(keyBehaviour).toMatchObject({ 分组键: 'key-behaviour', 已转化: 1, 结论: '无对照组', '单次转化成本（元）': 0, 提示: expect.stringContaining('未设置对照组') });
		expect(sheetRows(workbook, '周趋势')[0]).toContain('周（周一）');
	});

	it('lists each attributed conversion with the lead masked, never a clear phone, an ID number or an ID hash', async () => {
		const response = await clients.marketing.get('roi.export', { dimension: 'grade' });
		const workbook = await openWorkbook(response.body as Buffer);
		expect(workbook.worksheets[0].name).toBe('按等级');
		const conversions = records(workbook, '归因转化');
		expect(conversions.map((c) => [c.线索编号, c.姓名, c.手机号, c.产品, c['金额（元）'], c.转化日期, c.末次触点规则, c.推送渠道])).toEqual([
			[people[2].leadId, '张*', `${people[2].phone.slice(0, 3)}****${people[2].phone.slice(-4)}`, '信用卡', 0, '2026-10-09', '活跃机构命中', '未推送'],
			[people[0].leadId, '张*', `${people[0].phone.slice(0, 3)}****${people[0].phone.slice(-4)}`, '个人消费贷', 30_000, '2026-10-08', '活跃机构命中', '短信'],
			[people[3].leadId, '张*', `${people[3].phone.slice(0, 3)}****${people[3].phone.slice(-4)}`, '=HYPERLINK("http://x")', 12.5, '2026-10-05', '关键行为', '未推送'],
		]);
		// The product that looks like a formula is text, not a formula.
		const productCell = workbook.getWorksheet('归因转化')!.getRow(4).getCell(5);
		expect(productCell.type).toBe(ExcelJS.ValueType.String);

		const everyCell = workbook.worksheets.flatMap((sheet) => sheetRows(workbook, sheet.name).flat().map((value) => String(value ?? ''))).join('\n');
		for (const person of people) {
			expect(everyCell).not.toContain(person.phone);
			expect(everyCell).not.toContain(person.idNumber);
			expect(everyCell).not.toContain(person.idHash);
		}
		// No mobile number at all (a rate such as 0.1234567890123 is not one).
		expect(everyCell).not.toMatch(/(?<![\d.])1[3-9]\d{9}(?!\d)/);
	});

	it('prices messages and calls from the active contact policy when the request gives none, and a saved policy changes them', async () => {
		const standard = await clients.viewer.get('roi.report', { dimension: 'rule' });
		// The standard preset: 0.05 元 a message, 0.50 元 a call; one of each for the first rule.
		expect((standard.body as RoiReport).rows[0].costCents).toBe(55);

		const active = (await clients.viewer.get('policy.active')).body as ActiveConfig<ContactPolicy>;
		expect(active.body.costs).toEqual({ sms: 0.05, call: 0.5 });
		const saved = await clients.admin.post('policy.save', { body: { ...active.body, costs: { sms: 0.08, call: 2 } }, baseVersion: active.version, note: '运营商调价' });
		expect(saved.status).toBe(200);
		const audited = await store.query<{ n: string }>("SELECT count(*) AS n FROM audit_log WHERE action = 'policy.save'");
		expect(Number(audited.rows[0].n)).toBe(1);
		const repriced = await clients.viewer.get('roi.report', { dimension: 'rule' });
		expect((repriced.body as RoiReport).rows[0].costCents).toBe(208);
		// The request's own price still wins.
		const asked = await clients.viewer.get('roi.report', { dimension: 'rule', smsCost: '0', callCost: '0' });
		expect((asked.body as RoiReport).rows[0].costCents).toBe(0);

		const bad = await clients.admin.post('policy.save', { body: { ...active.body, costs: { sms: -1 } }, baseVersion: active.version + 1 });
		expect(bad.status).toBe(400);
		expect(JSON.stringify(errorOf(bad))).toContain('costs');
	});

	it('writes the weekly trend with both groups’ rates', async () => {
		const report = await roiReport(store, { dimension: 'rule' });
		const trend = [
			{ weekStart: '2026-09-28', hits: 4, treated: 3, heldOut: 1, contacted: 2, converted: 2, heldOutConverted: 1, amountCents: 3_001_250 },
			{ weekStart: '2026-10-05', hits: 0, treated: 0, heldOut: 0, contacted: 0, converted: 0, heldOutConverted: 0, amountCents: 0 },
		];
		const data = await writeRoiWorkbook({ ...report, trend }, [], { now: new Date('2026-12-06T00:00:00Z') });
		const weeks = records(await openWorkbook(data), '周趋势');
		expect(weeks).toEqual([
			{ '周（周一）': '2026-09-28', 命中: 4, 实验组: 3, 对照组: 1, 已触达: 2, 实验组已转化: 2, 对照组已转化: 1, 实验组转化率: 2 / 3, 对照组转化率: 1, '转化金额（元）': 30_012.5 },
			{ '周（周一）': '2026-10-05', 命中: 0, 实验组: 0, 对照组: 0, 已触达: 0, 实验组已转化: 0, 对照组已转化: 0, 实验组转化率: null, 对照组转化率: null, '转化金额（元）': 0 },
		]);
	});
});
