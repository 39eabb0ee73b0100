import { existsSync } from 'node:fs';

import { Container } from '@n8n/di';
import ExcelJS from 'exceljs';
import { BinaryDataService } from 'n8n-core';

import { closeWorkflowHarness, nodeStore, readWorkflowJson, runWorkflow, storeCredential, type StoreKind, type TestCredential } from '../harness';
import type { Store } from '../../lib/store';
import { seedHits, seedPeople, type Person } from './roiFixtures';

const WORKFLOW = 'workflows/conversion-import.json';

function upload(data: Buffer, fileName: string, mimeType: string) {
	return {
		json: { headers: { 'content-type': 'multipart/form-data' }, params: {}, query: {}, body: {} },
		binary: { data: { data: data.toString('base64'), mimeType, fileName } },
	};
}

async function xlsxOf(rows: unknown[][]): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet('放款');
	for (const row of rows) sheet.addRow(row);
	return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('the shipped conversion import workflow', () => {
	it('is a webhook with the roster import’s API key, keeping no execution data, as the roster import does', () => {
		const workflow = readWorkflowJson(WORKFLOW);
		const roster = readWorkflowJson('workflows/lead-import-webhook.json');
		expect(workflow.settings).toEqual(roster.settings);
		const webhooks = workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.webhook');
		expect(webhooks.map((node) => [node.parameters.path, node.parameters.authentication, node.parameters.responseMode, node.credentials?.httpHeaderAuth?.id])).toEqual([
			['conversion-import', 'headerAuth', 'responseNode', 'leadImportApiKey'],
			['conversion-import/rows', 'headerAuth', 'responseNode', 'leadImportApiKey'],
		]);
	});
});

describe.each<StoreKind>(['postgres', 'pglite'])('conversion import workflow on %s', (kind) => {
	let credential: TestCredential;
	let store: Store;
	let people: Person[];

	beforeAll(async () => {
		credential = storeCredential(kind, { id: 'leadMonitorStore' });
		const opened = await nodeStore(credential.data);
		store = opened.store;
		people = await seedPeople(store, 5, `W${kind[0]}`, opened.keys);
		await seedHits(store, [
			{ person: people[0], ruleId: 'active-institutions', hitDate: '2026-10-01', label: '活跃机构命中' },
			{ person: people[1], ruleId: 'active-institutions', hitDate: '2026-10-01', label: '活跃机构命中' },
			{ person: people[2], ruleId: 'active-institutions', hitDate: '2026-10-01', label: '活跃机构命中', controlGroup: true },
			{ person: people[3], ruleId: 'key-behaviour', hitDate: '2026-10-02', label: '关键行为' },
		]);
	});
	afterAll(closeWorkflowHarness);

	const csv = () =>
		Buffer.from(
			[
				'身份证号,手机号,产品,金额,转化日期',
				`${people[0].idNumber},,个人消费贷,"20,000",2026-10-10`,
				`,${people[2].phone},信用卡,0,2026-10-12`,
				`123,,个人消费贷,1,2026-10-10`,
			].join('\n'),
			'utf8',
		);

	it('imports an uploaded CSV, attributes it and answers the import report and the uplift per rule; the file goes no further', async () => {
		const run = await runWorkflow(WORKFLOW, { credentials: [credential], input: { node: 'Conversions Upload', items: [upload(csv(), '放款.csv', 'text/csv')] } });
		expect(run.error).toBeUndefined();
		const [report] = run.outputOf('Import Conversion File');
		expect(report).toMatchObject({ file: '放款.csv', rowsRead: 3, matched: 2, unmatched: 0, rejected: 1, duplicates: 0, attribution: { windowDays: 30, attributedConversions: 2, hitsConverted: 2 } });
		expect(report.rejections).toEqual([expect.objectContaining({ row: 4, field: 'idNumber' })]);
		expect((report.matched as number) + (report.unmatched as number) + (report.rejected as number) + (report.duplicates as number)).toBe(report.rowsRead);
		expect(run.itemsOf('Import Conversion File').every((item) => item.binary === undefined)).toBe(true);

		// The Respond stand-in passes on what the real node answers from: the uplift rows.
		expect(run.outputOf('Respond With Report').map((row) => [row.key, row.hits, row.heldOut, row.converted, row.heldOutConverted, row.amountCents])).toEqual([
			['active-institutions', 3, 1, 1, 1, 2_000_000],
			['key-behaviour', 1, 0, 0, 0, 0],
		]);
		const everything = JSON.stringify(run.runData).replace(/"data":"[^"]*"/g, '');
		for (const person of people) {
			expect(everything).not.toContain(person.phone);
			expect(everything).not.toContain(person.idNumber);
		}
	});

	it('changes nothing when the same file is posted again', async () => {
		const before = await store.query<{ conversions: string; touches: string }>('SELECT (SELECT count(*) FROM conversions) AS conversions, (SELECT count(*) FROM conversion_touches) AS touches');
		const run = await runWorkflow(WORKFLOW, { credentials: [credential], input: { node: 'Conversions Upload', items: [upload(csv(), '放款.csv', 'text/csv')] } });
		expect(run.outputOf('Import Conversion File')).toEqual([expect.objectContaining({ rowsRead: 3, matched: 0, rejected: 1, duplicates: 2, attribution: expect.objectContaining({ touchesWritten: 0, hitsConverted: 0 }) })]);
		const after = await store.query<{ conversions: string; touches: string }>('SELECT (SELECT count(*) FROM conversions) AS conversions, (SELECT count(*) FROM conversion_touches) AS touches');
		expect(after.rows).toEqual(before.rows);
	});

	it("deletes the upload from n8n's binary-data folder once read: no clear ID number left there", async () => {
		// n8n's filesystem mode (the queue setup's): the upload is a file in the user folder, as a Webhook stores it.
		const binaryData = Container.get(BinaryDataService);
		await binaryData.init();
		const location = { type: 'execution' as const, workflowId: 'conversion-import', executionId: String(Date.now()) };
		const binary = await binaryData.store(location, csv(), { data: '', mimeType: 'text/csv', fileName: '放款.csv' });
		const file = binaryData.getPath(binary.id!);
		expect(existsSync(file)).toBe(true);
		const item = { ...upload(csv(), '放款.csv', 'text/csv'), binary: { data: binary } };
		const run = await runWorkflow(WORKFLOW, { credentials: [credential], input: { node: 'Conversions Upload', items: [item] } });
		expect(run.outputOf('Import Conversion File')).toEqual([expect.objectContaining({ rowsRead: 3, duplicates: 2 })]);
		expect(existsSync(file)).toBe(false);
	});

	it('takes an XLSX upload and JSON rows the same way', async () => {
		const xlsx = await xlsxOf([
			['手机号', '产品', '金额', '转化日期'],
			[people[3].phone, '储蓄开户', '500', '2026-10-04'],
		]);
		const file = await runWorkflow(WORKFLOW, {
			credentials: [credential],
			input: { node: 'Conversions Upload', items: [upload(xlsx, '开户.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')] },
		});
		expect(file.error).toBeUndefined();
		expect(file.outputOf('Import Conversion File')).toEqual([expect.objectContaining({ file: '开户.xlsx', rowsRead: 1, matched: 1, attribution: expect.objectContaining({ attributedConversions: 1 }) })]);

		const rows = await runWorkflow(WORKFLOW, {
			credentials: [credential],
			input: { node: 'Conversion Rows', items: [{ headers: {}, params: {}, query: {}, body: { conversions: [{ 身份证号: people[1].idNumber, 产品: '信用卡', 金额: '0', 转化日期: '2026-10-20' }, { 身份证号: people[4].idNumber, 产品: '信用卡', 金额: '0', 转化日期: '2026-10-20' }] } }] },
		});
		expect(rows.error).toBeUndefined();
		expect(rows.outputOf('Import Conversion Rows')).toEqual([expect.objectContaining({ file: 'input items', rowsRead: 2, matched: 2, attribution: expect.objectContaining({ attributedConversions: 1 }) })]);
		const uplift = rows.outputOf('Respond With Report');
		expect(uplift.map((row) => [row.key, row.converted])).toEqual([
			['active-institutions', 2],
			['key-behaviour', 1],
		]);
	});
});
