import type { ConversionImportReport, RoiReport } from '../../lib/console/api/contract';
import type { Store } from '../../lib/store';
import { auditCount, errorOf, signedInRoles, type ConsoleClient } from '../console/consoleClient';
import { openTestStore } from '../setup/testStores';
import { seedConsoleScene, type Person } from './roiFixtures';

describe('the console’s conversions and uplift operations (转化分析)', () => {
	let store: Store;
	let clients: Record<'admin' | 'marketing' | 'viewer', ConsoleClient>;
	let people: Person[];

	beforeAll(async () => {
		store = await openTestStore('pglite');
		clients = (await signedInRoles(store, 'roi')).clients;
		people = await seedConsoleScene(store);
	});
	afterAll(() => store.close());

	const upload = (text: string, fileName = '放款.csv') => ({ files: [{ field: 'file', fileName, data: Buffer.from(text, 'utf8') }] });

	it('imports a file for marketing, audited with its counts, and refuses a viewer', async () => {
		const csv = ['身份证号,产品,金额,转化日期', `${people[0].idNumber},个人消费贷,"30,000",2026-10-08`, `${people[2].idNumber},信用卡,0,2026-10-09`, `bad,信用卡,0,2026-10-09`].join('\n');
		const before = await auditCount(store);
		const denied = await clients.viewer.post('roi.import', {}, upload(csv));
		expect(denied.status).toBe(403);
		const response = await clients.marketing.post('roi.import', { windowDays: '30' }, upload(csv));
		expect(response.status).toBe(200);
		const report = response.body as ConversionImportReport;
		expect(report).toMatchObject({ rowsRead: 3, matched: 2, rejected: 1, rejections: [{ row: 4, field: 'idNumber' }] });
		expect(await auditCount(store)).toBe(before + 1);
		const entry = await store.query<{ action: string; subject: string; detail: Record<string, unknown> }>("SELECT action, subject, detail FROM audit_log WHERE action = 'conversions.import'");
		expect(entry.rows[0]).toMatchObject({ action: 'conversions.import', subject: '放款.csv', detail: expect.objectContaining({ matched: 2, rejected: 1 }) });
		expect(JSON.stringify(entry.rows[0])).not.toContain(people[0].idNumber);
	});

	it('reports per rule and per push channel with uplift, amount and cost per conversion', async () => {
		const byRule = await clients.viewer.get('roi.report', { dimension: 'rule', smsCost: '0.05', callCost: '1.2' });
		expect(byRule.status).toBe(200);
		const rows = (byRule.body as RoiReport).rows;
		expect(rows.map((r) => [r.key, r.label, r.hits, r.heldOut, r.contacted, r.converted, r.heldOutConverted, r.amountCents, r.costCents])).toEqual([
			['active-institutions', '活跃机构命中', 3, 1, 2, 1, 1, 3_000_000, 125],
			['key-behaviour', '关键行为', 1, 0, 0, 0, 0, 0, 0],
		]);
		expect(rows[0].costPerConversionCents).toBe(125);
		expect(rows[0].uplift).toMatchObject({ treatedRate: 0.5, controlRate: 1, uplift: -0.5, verdict: expect.any(String) });
		expect(rows[1].uplift).toMatchObject({ verdict: 'noControl', warning: expect.stringContaining('未设置对照组') });

		const byChannel = await clients.viewer.get('roi.report', { dimension: 'pushChannel' });
		expect((byChannel.body as RoiReport).rows.map((r) => [r.key, r.hits, r.converted]).sort()).toEqual([
			['call', 1, 0],
			['none', 2, 0],
			['sms', 1, 1],
		]);
	});

	it('names a bad dimension or cost', async () => {
		expect(errorOf(await clients.viewer.get('roi.report', { dimension: 'weather' }))).toMatchObject({ field: 'dimension' });
		expect(errorOf(await clients.viewer.get('roi.report', { smsCost: '-1' }))).toMatchObject({ field: 'smsCost' });
		expect(errorOf(await clients.viewer.get('roi.report', { dateFrom: '2026/10/01' }))).toMatchObject({ field: 'dateFrom' });
	});
});
