import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { IDataObject } from 'n8n-workflow';

import type { Paged, PushOutcome } from '../../lib/console/api/contract';
import { BASE_HEADERS } from '../../lib/console/responseHeaders';
import { createLead, type PublicLead } from '../../lib/roster';
import { createStaff } from '../../lib/staff';
import type { Store } from '../../lib/store';
import { insertHit } from '../board/boardSeed';
import { ReferenceGateway } from '../gateway/referenceGateway';
import { closeWorkflowHarness, runWorkflow, storeCredential, type StoreKind, type TestCredential, type WorkflowJson, type WorkflowRunResult } from '../harness';
import { ALWAYS_OPEN_POLICY, gatewayCredential, nodeStore, useSavedPolicy, workflowKeys } from '../push/workflowFixtures';
import { STAFF_PASSWORD } from './consoleClient';
import { consoleWorkflowPieces, mergedOutcomes, routeByChannel, withConsoleOption, WorkflowBrowser } from './consoleWorkflowFixtures';

/** A contact policy that lets nothing go by SMS or call (a cap of 0): every push is held by it. */
const CLOSED_POLICY = { ...ALWAYS_OPEN_POLICY, id: 'closed', title: '全部暂停（测试）', caps: { sms: { day: 0 }, call: { day: 0 } } };

let gateway: ReferenceGateway;
/** A console build of two files, and a file beside it that no request may reach. */
const builtConsole = fs.mkdtempSync(path.join(os.tmpdir(), 'lead-console-'));
const besideIt = `${builtConsole}-secret.txt`;

beforeAll(async () => {
	gateway = await ReferenceGateway.start();
	fs.mkdirSync(path.join(builtConsole, 'assets'));
	fs.writeFileSync(
		path.join(builtConsole, 'index.html'),
		'<!doctype html><html><head><base href="/webhook/console/"><script type="module" src="./assets/index-Dnj-pimt.js"></script></head><body><div id="app"></div></body></html>',
	);
	fs.writeFileSync(path.join(builtConsole, 'assets', 'index-Dnj-pimt.js'), 'console.log("控制台");\n');
	fs.writeFileSync(path.join(builtConsole, 'assets', 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]));
	fs.writeFileSync(besideIt, 'outside');
});

afterAll(async () => {
	await closeWorkflowHarness();
	await gateway.close();
	fs.rmSync(builtConsole, { recursive: true, force: true });
	fs.rmSync(besideIt, { force: true });
});

/** A Respond to Webhook node's fixed headers (those without an expression). */
function fixedHeadersOf(nodeName: string): Record<string, string> {
	const respond = consoleWorkflowPieces().nodes.find((node) => node.name === nodeName);
	const entries = ((respond?.parameters.options as IDataObject).responseHeaders as { entries: Array<{ name: string; value: string }> }).entries;
	return Object.fromEntries(entries.filter((entry) => !entry.name.startsWith('=')).map((entry) => [entry.name, entry.value]));
}

/**
 * What a Respond node answers. The API's answers leave by Respond With JSON ({ status,
 * headers, body }) or, when plain, by Respond With JSON 200 (the body; status 200 and its
 * fixed headers).
 */
function answerOf(run: WorkflowRunResult, node = 'Respond With JSON'): { status: number; headers: Record<string, string>; body: IDataObject } {
	if (node === 'Respond With JSON' && run.executedNodes.includes('Respond With JSON 200')) {
		expect(run.executedNodes).not.toContain('Respond With JSON');
		const [body] = run.outputOf('Respond With JSON 200');
		return { status: 200, headers: fixedHeadersOf('Respond With JSON 200'), body };
	}
	const [answer] = run.outputOf(node);
	return answer as unknown as { status: number; headers: Record<string, string>; body: IDataObject };
}

describe('the console page and its files through workflows/console.json', () => {
	const staticRequest = (params: IDataObject, headers: IDataObject = {}) => ({ headers: { host: '127.0.0.1:5678', ...headers }, params, query: {}, body: {} });
	const withFolder = (folder: string) => withConsoleOption(withConsoleOption(consoleWorkflowPieces(), 'page', 'folder', folder), 'asset', 'folder', folder);

	it('serves the page with its base where the webhook lives, never cached, never framed', async () => {
		const run = await runWorkflow(withFolder(builtConsole), {
			input: { node: 'Console Page', items: [{ ...staticRequest({}), webhookUrl: 'https://bank.example/n8n/webhook/console' }] },
		});
		expect(run.error).toBeUndefined();
		const page = answerOf(run, 'Respond With Page');
		expect(page.status).toBe(200);
		expect(page.headers).toEqual({
			'Content-Type': 'text/html; charset=utf-8',
			'Cache-Control': 'no-cache',
			'X-Frame-Options': 'DENY',
			'Referrer-Policy': 'same-origin',
			'X-Content-Type-Options': 'nosniff',
		});
		expect(page.body).toContain('<base href="/n8n/webhook/console/">');
		expect(page.body).toContain('./assets/index-Dnj-pimt.js');
	});

	it("answers the API's JSON with its fixed headers as plain values (no expression per call), equal to the API's own", () => {
		expect(fixedHeadersOf('Respond With JSON')).toEqual(BASE_HEADERS);
		expect(fixedHeadersOf('Respond With JSON 200')).toEqual(BASE_HEADERS);
	});

	it('answers a plain 200 with no expression at all (so n8n takes no expression isolate for it)', () => {
		const respond = consoleWorkflowPieces().nodes.find((node) => node.name === 'Respond With JSON 200');
		expect(respond?.parameters.respondWith).toBe('firstIncomingItem');
		expect(JSON.stringify(respond?.parameters)).not.toContain('={{');
		expect(JSON.stringify(respond?.parameters)).not.toContain('"=');
	});

	it('says so in Chinese when the console was not built', async () => {
		const run = await runWorkflow(withFolder(path.join(builtConsole, 'missing')), { input: { node: 'Console Page', items: [staticRequest({})] } });
		const page = answerOf(run, 'Respond With Page');
		expect(page.status).toBe(503);
		expect(page.body).toContain('控制台尚未构建');
	});

	it('serves a hashed asset for a year (immutable) with an ETag, and 304 when the browser has it', async () => {
		const run = await runWorkflow(withFolder(builtConsole), { input: { node: 'Console Assets', items: [staticRequest({ file: 'index-Dnj-pimt.js' })] } });
		const script = answerOf(run, 'Respond With Text File');
		expect(script).toMatchObject({
			status: 200,
			headers: { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=31536000, immutable', 'X-Content-Type-Options': 'nosniff' },
			body: 'console.log("控制台");\n',
		});
		const again = await runWorkflow(withFolder(builtConsole), {
			input: { node: 'Console Assets', items: [staticRequest({ file: 'index-Dnj-pimt.js' }, { 'if-none-match': script.headers.ETag })] },
		});
		expect(answerOf(again, 'Respond With Text File')).toMatchObject({ status: 304, body: '' });
	});

	it('serves a binary asset as a file, revalidated when its name has no hash', async () => {
		const run = await runWorkflow(withFolder(builtConsole), { input: { node: 'Console Assets', items: [staticRequest({ file: 'logo.png' })] } });
		const [item] = run.itemsOf('Respond With File');
		expect(item.json).toMatchObject({ status: 200, headers: { 'Content-Type': 'image/png', 'Cache-Control': 'no-cache' } });
		expect(Buffer.from(item.binary?.data.data as string, 'base64')).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]));
	});

	it.each([
		['an unknown name', 'index-00000000.js'],
		['a path out of assets/', '../index.html'],
		['a file beside the folder', `../../${path.basename(besideIt)}`],
		['an encoded traversal', '..%2Findex.html'],
		['the folder itself', '.'],
		['a hidden name', '.htaccess'],
	])('answers 404 for %s', async (_, file) => {
		const run = await runWorkflow(withFolder(builtConsole), { input: { node: 'Console Assets', items: [staticRequest({ file })] } });
		expect(answerOf(run, 'Respond With Text File')).toMatchObject({ status: 404, headers: { 'Cache-Control': 'no-store' } });
		expect(run.outputOf('Asset', 1)).toEqual([]);
	});
});

describe.each<StoreKind>(['postgres', 'pglite'])('the console API through workflows/console.json on %s', (kind) => {
	let credential: TestCredential;
	let store: Store;
	let workflow: WorkflowJson;
	const credentials = () => [credential, gatewayCredential(gateway)];
	const hitIds: number[] = [];

	beforeAll(async () => {
		credential = storeCredential(kind, { id: 'leadMonitorStore' });
		store = await nodeStore(credential);
		// Push Gate gates with the saved policy: one open around the clock, so the outcome does not depend on the hour.
		await useSavedPolicy(store);
		workflow = consoleWorkflowPieces();
		for (const [username, role] of [['wf-admin', 'admin'], ['wf-marketing', 'marketing'], ['wf-viewer', 'viewer']] as const) {
			await createStaff(store, { username, displayName: `${role} 用户`, role, password: STAFF_PASSWORD, createdBy: 'test' });
		}
		for (let i = 0; i < 3; i++) {
			const leadId = `CW${i}`;
			await createLead(store, workflowKeys, { leadId, name: `钱小${i}`, phone: `1391234${String(2000 + i)}`, sourceChannel: '官网预约' });
			hitIds.push(await insertHit(store, { leadId, grade: 'B', createdAt: new Date().toISOString() }));
		}
	});

	const browser = () => new WorkflowBrowser(() => workflow, credentials);

	it('signs in (HttpOnly SameSite=Strict cookie), then lists leads with the session', async () => {
		const person = browser();
		const signedIn = await person.login('wf-viewer', STAFF_PASSWORD);
		expect(signedIn.executedNodes).toContain('Respond With JSON');
		const login = answerOf(signedIn);
		expect(login.status).toBe(200);
		expect(login.headers['Set-Cookie']).toMatch(/^lm_console=[^;]+; Path=\/webhook\/console; HttpOnly; SameSite=Strict$/);
		expect(login.headers).toMatchObject({ 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
		expect(login.body).toMatchObject({ staff: { username: 'wf-viewer', role: 'viewer' }, csrfToken: expect.any(String) });

		const run = await person.call('GET', 'leads.list', { query: { search: 'CW', pageSize: '10' } });
		const list = answerOf(run);
		expect(list.status).toBe(200);
		expect(run.executedNodes).toContain('Respond With JSON 200');
		expect((list.body as unknown as Paged<PublicLead>).rows.map((lead) => [lead.leadId, lead.phone])).toEqual(
			expect.arrayContaining([
				['CW0', '139****2000'],
				['CW1', '139****2001'],
			]),
		);
		expect(list.headers['Set-Cookie']).toBeUndefined();
		expect(JSON.stringify(run.runData)).not.toMatch(/139123420\d\d/);

		const anonymous = answerOf(await browser().call('GET', 'leads.list'));
		expect([anonymous.status, (anonymous.body.error as IDataObject).code]).toEqual([401, 'unauthenticated']);
	});

	it('refuses a POST without the CSRF token, and one from a page of another origin, and writes nothing', async () => {
		const person = browser();
		await person.login('wf-marketing', STAFF_PASSWORD);
		const before = (await store.query<{ n: string }>('SELECT count(*) AS n FROM leads')).rows[0].n;
		const noToken = answerOf(await person.call('POST', 'leads.create', { body: { name: '跨站', phone: '13812341299' }, csrf: null }));
		expect([noToken.status, (noToken.body.error as IDataObject).code]).toEqual([403, 'csrf']);
		const elsewhere = answerOf(await person.call('POST', 'leads.create', { body: { name: '跨站', phone: '13812341299' }, headers: { origin: 'http://evil.example' } }));
		expect([elsewhere.status, (elsewhere.body.error as IDataObject).code]).toEqual([403, 'origin']);
		const sameOrigin = answerOf(await person.call('POST', 'leads.create', { body: { name: '本站', phone: '13812341299' }, headers: { origin: 'http://127.0.0.1:5678' } }));
		expect(sameOrigin.status).toBe(200);
		expect(Number((await store.query<{ n: string }>('SELECT count(*) AS n FROM leads')).rows[0].n)).toBe(Number(before) + 1);
		const wrongMethod = answerOf(await person.call('GET', 'leads.create'));
		expect([wrongMethod.status, wrongMethod.headers.Allow]).toEqual([405, 'POST']);
	});

	it('imports an upload and answers the rejected rows as a file (binary, with its name)', async () => {
		const person = browser();
		await person.login('wf-marketing', STAFF_PASSWORD);
		const csv = Buffer.from('客户姓名,联系电话\r\n孙一,13912345001\r\n假号,11111111111\r\n', 'utf8');
		const imported = answerOf(
			await person.call('POST', 'leads.import', {
				body: { mapping: JSON.stringify({ name: '客户姓名', phone: '联系电话' }) },
				files: [{ field: 'file', fileName: '名单.csv', mimeType: 'text/csv', data: csv }],
			}),
		);
		expect(imported.status).toBe(200);
		expect(imported.body).toMatchObject({ rowsRead: 2, created: 1, rejectedCount: 1, fileName: '名单.csv' });

		const run = await person.call('GET', 'leads.importRejects', { query: { importId: imported.body.importId as string } });
		expect(run.executedNodes).not.toContain('Respond With JSON');
		const [file] = run.itemsOf('Respond With Download');
		expect(file.json).toMatchObject({
			status: 200,
			headers: {
				'Content-Type': 'text/csv; charset=utf-8',
				'Content-Disposition': expect.stringMatching(/^attachment; filename="download\.csv"; filename\*=UTF-8''/),
				'Cache-Control': 'no-store',
			},
		});
		expect(file.binary?.data).toMatchObject({ fileName: '名单-问题行.csv', mimeType: 'text/csv; charset=utf-8' });
		const text = Buffer.from(file.binary?.data.data as string, 'base64').toString('utf8');
		expect(text.startsWith('\ufeff')).toBe(true);
		expect(text).not.toContain('11111111111');
	});

	it('answers push.simulate with the day\'s plan under the active policy', async () => {
		const person = browser();
		await person.login('wf-viewer', STAFF_PASSWORD);
		const plan = answerOf(await person.call('POST', 'push.simulate', { body: { date: '2030-01-07' } }));
		expect(plan.status).toBe(200);
		expect(plan.body).toMatchObject({ date: '2030-01-07', policyId: ALWAYS_OPEN_POLICY.id });
		expect((plan.body.entries as IDataObject[]).map((entry) => entry.hitId)).toEqual(expect.arrayContaining(hitIds));
	});

	it('sends board.send through Push Gate and SMS: exactly the two hits, answered with their outcomes and audited', async () => {
		gateway.reset();
		const person = browser();
		await person.login('wf-marketing', STAFF_PASSWORD);
		const chosen = hitIds.slice(0, 2);
		const run = await person.call('POST', 'board.send', { body: { hitIds: [...chosen, 999999], channel: 'sms' } });
		expect(run.error).toBeUndefined();
		expect(run.executedNodes).not.toContain('Respond With JSON');
		const sentOut = run.outputOf('API', 1);
		expect(sentOut.map((item) => [item.hitId, item.channel, item.phone])).toEqual(chosen.map((id, i) => [id, 'sms', `139****${2000 + i}`]));
		expect(sentOut.every((item) => (item.consoleSend as IDataObject).actor === 'wf-marketing')).toBe(true);

		// Push Gate's outputs by channel: 短信 → Send SMS, 外呼 → Place Call, 暂缓 (held) → the Merge.
		expect(run.outputOf('Push Gate', 0).map((item) => item.hitId)).toEqual(chosen);
		expect(run.outputOf('Push Gate', 1)).toEqual([]);
		const held = run.outputOf('Push Gate', 2);
		const results = (await runWorkflow(workflow, { credentials: credentials(), input: { node: 'Send SMS', items: run.outputOf('Push Gate', 0) } })).outputOf('Send SMS');
		expect(gateway.recipients().sort()).toEqual(['13912342000', '13912342001']);

		const answered = await runWorkflow(workflow, { credentials: credentials(), input: { node: 'Send Result', items: mergedOutcomes(sentOut, results, held) } });
		const answer = answerOf(answered, 'Respond With Send Result');
		expect(answer.status).toBe(200);
		expect((answer.body.outcomes as unknown as PushOutcome[]).map((o) => [o.hitId, o.outcome])).toEqual([
			[chosen[0], 'sent'],
			[chosen[1], 'sent'],
			[999999, 'invalid'],
		]);
		const audit = await store.query<{ actor: string; detail: { outcomes: Array<{ hitId: number; outcome: string }>; missing: number[] } }>(
			`SELECT actor, detail FROM audit_log WHERE action = 'hits.send' ORDER BY id DESC LIMIT 1`,
		);
		expect(audit.rows[0].actor).toBe('wf-marketing');
		expect(audit.rows[0].detail.outcomes.map((o) => o.outcome)).toEqual(['sent', 'sent', 'invalid']);

		// The same click again: the hits are in progress now, Push Gate holds them and says why; nothing goes twice.
		const again = await person.call('POST', 'board.send', { body: { hitIds: chosen, channel: 'sms' } });
		expect([again.outputOf('Push Gate', 0), again.outputOf('Push Gate', 1)]).toEqual([[], []]);
		const heldAgain = await runWorkflow(workflow, {
			credentials: credentials(),
			input: { node: 'Send Result', items: mergedOutcomes(again.outputOf('API', 1), [], again.outputOf('Push Gate', 2)) },
		});
		const outcomes = answerOf(heldAgain, 'Respond With Send Result').body.outcomes as unknown as PushOutcome[];
		expect(outcomes.map((o) => [o.outcome, o.reasonCode])).toEqual([
			['held', 'not_pending'],
			['held', 'not_pending'],
		]);
		expect(gateway.recipients()).toHaveLength(2);
	});

	it('sends push.test to the number through Test SMS under the active policy, or answers which rule held it', async () => {
		gateway.reset();
		const admin = browser();
		await admin.login('wf-admin', STAFF_PASSWORD);
		const active = answerOf(await admin.call('GET', 'policy.active'));
		const saved = answerOf(await admin.call('POST', 'policy.save', { body: { body: ALWAYS_OPEN_POLICY, note: '全天开放', baseVersion: active.body.version } }));
		expect(saved.status).toBe(200);

		const person = browser();
		await person.login('wf-marketing', STAFF_PASSWORD);
		const run = await person.call('POST', 'push.test', { body: { phone: '13700001111', channel: 'sms' } });
		const [testItem] = run.outputOf('API', 2);
		expect(testItem).toMatchObject({ phone: '13700001111', channel: 'sms', templateId: 'SMS_TEST', consoleSend: { op: 'push.test', phone: '137****1111' } });
		const [node, items] = [...routeByChannel([testItem], (item) => item.channel, { sms: 'Test SMS', call: 'Test Call' })].find(([, routed]) => routed.length)!;
		expect(node).toBe('Test SMS');
		const results = (await runWorkflow(workflow, { credentials: credentials(), input: { node, items } })).outputOf(node);
		expect(gateway.recipients()).toEqual(['13700001111']);
		const answered = await runWorkflow(workflow, { credentials: credentials(), input: { node: 'Send Result', items: mergedOutcomes([testItem], results, []) } });
		expect(answerOf(answered, 'Respond With Send Result')).toMatchObject({ status: 200, body: { hitId: null, channel: 'sms', outcome: 'sent', outcomeLabel: '已发送' } });

		const closed = answerOf(await admin.call('POST', 'policy.save', { body: { body: CLOSED_POLICY, note: '暂停', baseVersion: (saved.body.active as IDataObject).version } }));
		expect(closed.status).toBe(200);
		const heldRun = await person.call('POST', 'push.test', { body: { phone: '13700001111', channel: 'sms' } });
		expect(heldRun.outputOf('API', 2)).toEqual([]);
		expect(answerOf(heldRun)).toMatchObject({
			status: 200,
			body: { outcome: 'held', reasonCode: 'cap_day', reason: expect.stringContaining('策略不允许短信'), earliest: null },
		});
		expect(gateway.recipients()).toHaveLength(1);
		const audit = await store.query<{ actor: string; subject: string; detail: { outcome: string; reasonCode: string | null } }>(
			`SELECT actor, subject, detail FROM audit_log WHERE action = 'push.test' ORDER BY id`,
		);
		expect(audit.rows.map((row) => [row.actor, row.subject, row.detail.outcome, row.detail.reasonCode])).toEqual([
			['wf-marketing', '137****1111', 'sent', null],
			['wf-marketing', '137****1111', 'held', 'cap_day'],
		]);
	});

	it('answers a send whose path failed, and never leaves the request without an answer', async () => {
		const person = browser();
		await person.login('wf-marketing', STAFF_PASSWORD);
		const run = await person.call('POST', 'board.send', { body: { hitIds: [hitIds[2]], channel: 'call' } });
		const sentOut = run.outputOf('API', 1);
		const failed = { error: 'Cannot reach the gateway' };
		const answered = await runWorkflow(workflow, { credentials: credentials(), input: { node: 'Send Result', items: mergedOutcomes(sentOut, [failed], []) } });
		const answer = answerOf(answered, 'Respond With Send Result');
		expect(answer.status).toBe(200);
		expect(answer.body.outcomes).toEqual([expect.objectContaining({ hitId: hitIds[2], outcome: 'failed', reason: expect.stringContaining('n8n') })]);
		expect(JSON.stringify(answer.body)).not.toContain('Cannot reach');

		const orphan = await runWorkflow(workflow, { credentials: credentials(), input: { node: 'Send Result', items: [failed] } });
		expect(answerOf(orphan, 'Respond With Send Result')).toMatchObject({ status: 500, body: { error: { code: 'internal' } } });
	});

	it('answers 500 with nothing of the cause when the store will not open', async () => {
		const broken: TestCredential = { ...credential, data: { ...credential.data, mode: 'postgres', host: '127.0.0.1', port: 1, database: 'none' } };
		const run = await runWorkflow(workflow, {
			credentials: [broken],
			input: { node: 'Console API', output: 1, items: [{ headers: { host: '127.0.0.1:5678' }, params: { op: 'session.login' }, query: {}, body: { username: 'wf-admin', password: STAFF_PASSWORD } }] },
		});
		expect(run.error).toBeUndefined();
		const answer = answerOf(run);
		expect(answer).toMatchObject({ status: 500, body: { error: { code: 'internal' } } });
		expect(JSON.stringify(answer)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|password/);
	});
});

describe.each<StoreKind>(['postgres', 'pglite'])('the first administrator, by hand, on %s', (kind) => {
	it('is created once with a generated password shown once, which signs in; then never again', async () => {
		const credential = storeCredential(kind, { id: 'leadMonitorStore' });
		const workflow = consoleWorkflowPieces();
		const first = await runWorkflow(workflow, { credentials: [credential], input: { node: 'First Login', items: [{}] } });
		expect(first.error).toBeUndefined();
		const [created] = first.outputOf('First Administrator');
		expect(created).toMatchObject({ created: true, username: 'admin', password: expect.stringMatching(/^[A-Za-z2-9]{16}$/) });
		expect(workflow.nodes.find((node) => node.name === 'First Administrator')?.parameters).not.toHaveProperty('password');

		const person = new WorkflowBrowser(() => workflow, () => [credential]);
		const login = answerOf(await person.login('admin', created.password as string));
		expect(login).toMatchObject({ status: 200, body: { staff: { username: 'admin', role: 'admin' } } });

		const again = await runWorkflow(workflow, { credentials: [credential], input: { node: 'First Login', items: [{}] } });
		expect(again.outputOf('First Administrator')).toEqual([expect.objectContaining({ created: false })]);
		expect(JSON.stringify(again.outputOf('First Administrator'))).not.toContain(created.password as string);
	});
});
