import { Readable } from 'node:stream';

import type { ConsoleImportReport, ImportPreview, Paged } from '../../lib/console/api/contract';
import { readRecords } from '../../lib/files';
import type { PublicLead } from '../../lib/roster';
import { sampleRosterCsv } from '../../lib/sample';
import type { StaffRole } from '../../lib/staff';
import type { Store } from '../../lib/store';
import { insertHit } from '../board/boardSeed';
import { makeIdNumber } from '../identity/idNumberFixtures';
import { openTestStore, STORE_KINDS } from '../setup/testStores';
import { auditCount, ConsoleClient, errorOf, signedInRoles } from './consoleClient';

const SAMPLE_ROWS = 3000;

/** The sample roster (3 % bad rows, 1 % repeated phones) and rows a KYC-checked roster really has: vanity numbers, no ID number. */
function rosterFile(): Buffer {
	const lines = [...sampleRosterCsv({ count: SAMPLE_ROWS, seed: 7, badShare: 0.03, duplicateShare: 0.01 })];
	lines.push(
		`K-1,马一鸣,13888888888,${makeIdNumber('330106', '19700101', '111')},,金融,网点到访,王经理\r\n`,
		`K-2,牛二,13912348888,,,金融,网点到访,王经理\r\n`,
		`K-3,苟三,15912345678,,,金融,网点到访,王经理\r\n`,
		`K-4,杜四,15912340404,,,金融,网点到访,王经理\r\n`,
	);
	return Buffer.from(lines.join(''), 'utf8');
}

const upload = (data: Buffer, fileName = '存量客户名单.csv') => [{ field: 'file', fileName, mimeType: 'text/csv', data }];

describe.each(STORE_KINDS)('the roster through the console API on %s', (kind) => {
	let store: Store;
	let clients: Record<StaffRole, ConsoleClient>;
	let report: ConsoleImportReport;

	beforeAll(async () => {
		store = await openTestStore(kind);
		({ clients } = await signedInRoles(store, 'roster'));
	});
	afterAll(() => store.close());

	it('previews an upload: columns, suggested mapping, the first rows masked', async () => {
		const response = await clients.marketing.post('leads.importPreview', {}, { files: upload(rosterFile()) });
		expect(response.status).toBe(200);
		const preview = response.body as ImportPreview;
		expect(preview).toMatchObject({
			format: 'csv',
			rowCount: SAMPLE_ROWS + 4,
			headers: ['线索编号', '客户姓名', '联系电话', '身份证号', '公司名称', '行业', '来源渠道', '负责人'],
			suggestedMapping: { leadId: '线索编号', name: '客户姓名', phone: '联系电话', idNumber: '身份证号', sourceChannel: '来源渠道' },
		});
		expect(preview.sample).toHaveLength(10);
		for (const row of preview.sample) {
			expect(row['联系电话']).toMatch(/^1\d\d\*{4}\d{4}$/);
			expect(row['身份证号']).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
		}
		const none = await clients.marketing.post('leads.importPreview', {});
		expect([none.status, errorOf(none).field]).toEqual([400, 'file']);
	});

	it('imports it: the report adds up, counts the leads that cannot be monitored and the vanity numbers kept, and the rejects download', async () => {
		const before = await auditCount(store);
		const response = await clients.marketing.post(
			'leads.import',
			{ mapping: JSON.stringify({ owner: '负责人' }), options: JSON.stringify({ vanityPhones: 'flag' }) },
			{ files: upload(rosterFile()) },
		);
		expect(response.status).toBe(200);
		report = response.body as ConsoleImportReport;
		expect(report.rowsRead).toBe(SAMPLE_ROWS + 4);
		expect(report.created + report.updated + report.rejectedCount + report.duplicateCount).toBe(report.rowsRead);
		expect(report.rejectedCount).toBeGreaterThan(20);
		expect(report.withoutIdNumber).toBe(3);
		expect(report.flagged).toBeGreaterThanOrEqual(4);
		expect(report.rejected.length).toBeLessThanOrEqual(100);
		expect(report).toMatchObject({ fileName: '存量客户名单.csv', importId: expect.any(String) });
		expect(await auditCount(store)).toBe(before + 1);

		const withoutId = await clients.viewer.get('leads.list', { monitorable: 'false', pageSize: '100' });
		expect((withoutId.body as Paged<PublicLead>).rows.map((l) => l.leadId).sort()).toEqual(['K-2', 'K-3', 'K-4']);
		const flagged = (await clients.viewer.get('leads.list', { flagged: 'true', search: 'K-' })).body as Paged<PublicLead>;
		expect(flagged.rows.map((l) => [l.leadId, l.flags, l.phone])).toEqual(
			expect.arrayContaining([
				['K-1', ['phone.vanity'], '138****8888'],
				['K-2', ['phone.vanity'], '139****8888'],
				['K-3', ['phone.vanity'], '159****5678'],
			]),
		);

		const csv = await clients.marketing.get('leads.importRejects', { importId: report.importId });
		expect(csv.status).toBe(200);
		expect(csv.headers['Content-Type']).toBe('text/csv; charset=utf-8');
		expect(csv.headers['Content-Disposition']).toBe(
			`attachment; filename="download.csv"; filename*=UTF-8''${encodeURIComponent('存量客户名单-问题行.csv')}`,
		);
		const body = csv.body as Buffer;
		expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const lines = body.toString('utf8').trim().split('\r\n');
		const issueCount = (await store.query<{ n: string }>('SELECT count(*) AS n FROM lead_import_rejects WHERE import_id = $1', [report.importId])).rows[0].n;
		expect(lines.length - 1).toBe(Number(issueCount));
		expect(lines.length - 1).toBeGreaterThanOrEqual(report.rejectedCount + report.duplicateCount);
		expect(body.toString('utf8')).not.toMatch(/(?<!\d)1\d{10}(?!\d)/);

		const xlsx = await clients.marketing.get('leads.importRejects', { importId: report.importId, format: 'xlsx' });
		expect(xlsx.headers['Content-Type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
		let rows = 0;
		for await (const _ of readRecords(Readable.from([xlsx.body as Buffer]), 'xlsx')) rows++;
		expect(rows).toBe(Number(issueCount));

		const gone = await clients.marketing.get('leads.importRejects', { importId: 'not-an-import' });
		expect([gone.status, errorOf(gone)]).toEqual([404, expect.objectContaining({ code: 'notFound', field: 'importId' })]);
		expect((await clients.viewer.get('leads.importRejects', { importId: report.importId })).status).toBe(403);
	});

	it('lists a few thousand leads with search, filters, sorting and paging', async () => {
		const list = async (query: Record<string, string>) => (await clients.viewer.get('leads.list', query)).body as Paged<PublicLead>;
		const all = await list({ pageSize: '50' });
		expect(all.total).toBe(report.created);
		// A few thousand: exact (beyond 10 000 matching leads the total is PostgreSQL's estimate, marked).
		expect(all.totalEstimated).toBeUndefined();
		expect(all).toMatchObject({ page: 1, pageSize: 50 });
		expect(all.rows).toHaveLength(50);
		const second = await list({ pageSize: '50', page: '2' });
		expect(second.rows.map((l) => l.leadId)).not.toEqual(expect.arrayContaining([all.rows[0].leadId]));
		const last = await list({ pageSize: '50', page: String(Math.ceil(all.total / 50)) });
		expect(last.rows.length).toBe(all.total - 50 * (Math.ceil(all.total / 50) - 1));

		const channel = await list({ sourceChannel: '抖音推广', pageSize: '100' });
		expect(channel.total).toBeGreaterThan(100);
		expect(channel.rows.every((l) => l.sourceChannel === '抖音推广')).toBe(true);

		const byName = await list({ sort: 'name', order: 'asc', pageSize: '20' });
		const byNameDesc = await list({ sort: 'name', order: 'desc', pageSize: '20' });
		const names = byName.rows.map((l) => l.name as string);
		expect(names).toEqual([...names].sort());
		expect(byNameDesc.rows[0].name! >= byName.rows[19].name!).toBe(true);
		expect((await list({ sort: 'leadId', order: 'desc', pageSize: '1' })).rows[0].leadId).toBe('L1027588');

		const surname = all.rows[0].name!.slice(0, 1);
		const found = await list({ search: surname, pageSize: '100' });
		expect(found.total).toBeGreaterThan(0);
		expect(found.rows.every((l) => l.name!.includes(surname) || l.leadId.includes(surname))).toBe(true);

		const bad = await clients.viewer.get('leads.list', { sort: 'phone' });
		expect([bad.status, errorOf(bad).field]).toEqual([400, 'sort']);
	});

	it('adds, edits and deletes a lead, with every field error named and nothing stored on error', async () => {
		const count = async () => ((await clients.viewer.get('leads.list', { pageSize: '1' })).body as Paged<PublicLead>).total;
		const before = await count();
		const bad = await clients.marketing.post('leads.create', { name: '新客户', phone: '1391234567', idNumber: '330106197001011112', email: 'x@' });
		expect(bad.status).toBe(400);
		expect(errorOf(bad).field).toBe('phone');
		expect((bad.body as { error: { problems: Array<{ field: string }> } }).error.problems.map((p) => p.field)).toEqual(['phone', 'idNumber', 'email']);
		expect(await count()).toBe(before);

		const created = await clients.marketing.post('leads.create', { name: '新客户', phone: '139 1234 6666', sourceChannel: '网点到访', tags: ['高净值'] });
		expect(created.status).toBe(200);
		const lead = created.body as PublicLead;
		expect(lead).toMatchObject({ phone: '139****6666', monitorable: false, flags: ['phone.vanity'], tags: ['高净值'], status: 'new' });

		const edited = await clients.marketing.post('leads.update', { leadId: lead.leadId, phone: '13912346071', idNumber: makeIdNumber('330106', '19700101', '222'), status: '跟进中' });
		expect(edited.body).toMatchObject({ phone: '139****6071', monitorable: true, flags: [], status: '跟进中' });
		const badEdit = await clients.marketing.post('leads.update', { leadId: lead.leadId, idNumber: '330106197001012221' });
		expect([badEdit.status, errorOf(badEdit).field]).toEqual([400, 'idNumber']);
		const missing = await clients.marketing.post('leads.update', { leadId: 'NOPE-9', name: '无' });
		expect(missing.status).toBe(404);

		expect((await clients.marketing.post('leads.delete', { leadId: lead.leadId })).status).toBe(200);
		expect((await clients.viewer.get('leads.get', { leadId: lead.leadId })).status).toBe(404);
		expect((await clients.marketing.post('leads.delete', { leadId: lead.leadId })).status).toBe(404);
	});

	it('manages the blacklist and registers opt-outs', async () => {
		const added = await clients.marketing.post('blacklist.add', { kind: 'phone', value: '+86 139 1234 0000', note: '投诉' });
		expect(added.body).toMatchObject({ kind: 'phone', value: '139****0000', note: '投诉', added: true });
		const list = (await clients.viewer.get('blacklist.list')).body as Paged<{ id: string; value: string }>;
		expect(list).toMatchObject({ total: 1, rows: [{ value: '139****0000' }] });
		const blocked = await clients.marketing.post('leads.create', { name: '黑名单', phone: '13912340000' });
		expect(errorOf(blocked)).toMatchObject({ field: 'phone', code: 'invalid' });
		expect((await clients.marketing.post('blacklist.remove', { id: list.rows[0].id })).body).toEqual({ removed: true });
		expect((await clients.marketing.post('blacklist.remove', { kind: 'phone', value: '13912340000' })).body).toEqual({ removed: false });
		const badKind = await clients.marketing.post('blacklist.add', { kind: 'address', value: 'x' });
		expect([badKind.status, errorOf(badKind).field]).toEqual([400, 'kind']);

		const registered = await clients.marketing.post('optOuts.register', { leadId: 'K-2', channel: 'sms', reason: '客户来电要求' });
		expect(registered.body).toEqual([
			expect.objectContaining({ kind: 'lead', subject: 'K-2', channel: 'sms' }),
			expect.objectContaining({ kind: 'phone', subject: '139****8888', channel: 'sms' }),
		]);
		const byPhone = (await clients.viewer.get('optOuts.list', { search: '13912348888' })).body as Paged<{ subject: string; source: string }>;
		expect(byPhone).toMatchObject({ total: 1, rows: [{ subject: '139****8888', source: expect.stringMatching(/^console:roster-marketing$/) }] });
		expect(((await clients.viewer.get('optOuts.list', { search: 'K-2' })).body as Paged<unknown>).total).toBe(1);
		const badChannel = await clients.marketing.post('optOuts.register', { phone: '13912340001', channel: 'email' });
		expect([badChannel.status, errorOf(badChannel).field]).toEqual([400, 'channel']);
	});

	it('works hits on the board: data, one hit, status changes (missing ids named)', async () => {
		const hitId = await insertHit(store, { leadId: 'K-1', createdAt: new Date().toISOString() });
		const data = await clients.viewer.get('board.data', { status: 'pending', pageSize: '10' });
		expect(data.status).toBe(200);
		expect(data.body).toMatchObject({ kpis: expect.any(Object), hits: { total: 1 } });
		expect((await clients.viewer.get('board.hit', { hitId: String(hitId) })).body).toMatchObject({ hitId, leadId: 'K-1', phone: '138****8888' });
		expect((await clients.viewer.get('board.hit', { hitId: '999999' })).status).toBe(404);
		const moved = await clients.marketing.post('board.status', { hitIds: [hitId, 999999], status: 'in_progress' });
		expect(moved.body).toMatchObject({ changed: 1, missing: [999999], hits: [{ hitId, status: 'in_progress' }] });
		const badStatus = await clients.marketing.post('board.status', { hitIds: [hitId], status: 'won' });
		expect([badStatus.status, errorOf(badStatus).field]).toEqual([400, 'status']);
		const send = await clients.marketing.post('board.send', { hitIds: [hitId, 999999], channel: 'sms' });
		expect(send.pushes).toMatchObject({ send: { op: 'board.send', hitIds: [hitId], missing: [999999], channel: 'sms' }, hits: [{ hitId, phone: '138****8888' }] });
	});
});
