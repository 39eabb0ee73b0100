import { OPS, type OpName } from '../../lib/console';
import { ROLE_RANK } from '../../lib/console/api/contract';
import { OPERATIONS } from '../../lib/console/handlers';
import type { StaffRole } from '../../lib/staff';
import type { Store } from '../../lib/store';
import { openTestStore, STORE_KINDS } from '../setup/testStores';
import { auditCount, ConsoleClient, consoleContext, errorOf, signedInRoles, STAFF_PASSWORD } from './consoleClient';

const OP_NAMES = Object.keys(OPS) as OpName[];

/** Row counts of every table a console request could write. */
async function writableCounts(store: Store): Promise<Record<string, number>> {
	const counts: Record<string, number> = {};
	for (const table of ['audit_log', 'leads', 'staff_accounts', 'blacklist', 'contact_preferences', 'hits', 'lead_imports']) {
		counts[table] = Number((await store.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
	}
	return counts;
}

describe('the operation table', () => {
	it('has code for every operation of the contract and nothing else; only the login is public', () => {
		expect(Object.keys(OPERATIONS).sort()).toEqual([...OP_NAMES].sort());
		expect(OP_NAMES.filter((name) => OPS[name].access === 'public')).toEqual(['session.login']);
	});
});

describe.each(STORE_KINDS)('console access rules on %s', (kind) => {
	let store: Store;
	let accounts: Record<StaffRole, string>;
	let clients: Record<StaffRole, ConsoleClient>;
	beforeAll(async () => {
		store = await openTestStore(kind);
		({ accounts, clients } = await signedInRoles(store, 'staff'));
	});
	afterAll(() => store.close());

	it('answers 401 to every operation but the login without a session, and writes nothing', async () => {
		const anonymous = new ConsoleClient(consoleContext(store));
		const before = await writableCounts(store);
		for (const name of OP_NAMES.filter((n) => OPS[n].access !== 'public')) {
			const response = await anonymous.send(OPS[name].method, name, { query: {}, body: { leadId: 'X-1', name: '无权' } });
			expect([name, response.status, errorOf(response).code]).toEqual([name, 401, 'unauthenticated']);
		}
		expect(await writableCounts(store)).toEqual(before);
	});

	it.each([
		['viewer', 'marketing'],
		['marketing', 'admin'],
	] as const)('refuses a %s everything that needs %s or more (403), and writes nothing', async (role, needed) => {
		const before = await writableCounts(store);
		const refused = OP_NAMES.filter((name) => OPS[name].access !== 'public' && ROLE_RANK[OPS[name].access as StaffRole] >= ROLE_RANK[needed]);
		expect(refused.length).toBeGreaterThanOrEqual(needed === 'admin' ? 9 : 21);
		for (const name of refused) {
			const response = await clients[role].send(OPS[name].method, name, { query: {}, body: { leadId: 'X-1', name: '越权', username: accounts.admin, role: 'viewer' } });
			expect([name, response.status, errorOf(response).code]).toEqual([name, 403, 'forbidden']);
		}
		expect(await writableCounts(store)).toEqual(before);
	});

	it('lets a viewer read and change only their own display name and password', async () => {
		expect((await clients.viewer.get('leads.list')).status).toBe(200);
		expect((await clients.viewer.get('board.data')).status).toBe(200);
		expect(await clients.viewer.post('staff.update', { username: accounts.viewer, displayName: '只读 小王' })).toMatchObject({
			status: 200,
			body: { username: accounts.viewer, displayName: '只读 小王', role: 'viewer' },
		});
		const promote = await clients.viewer.post('staff.update', { username: accounts.viewer, role: 'admin' });
		expect([promote.status, errorOf(promote)]).toEqual([403, expect.objectContaining({ code: 'forbidden', field: 'role' })]);
		expect((await clients.viewer.post('staff.update', { username: accounts.marketing, displayName: '改别人' })).status).toBe(403);
		expect((await clients.marketing.post('staff.update', { username: accounts.viewer, disabled: true })).status).toBe(403);
	});

	it('refuses a POST without the session\'s CSRF token, or with a wrong one (403 csrf), and writes nothing', async () => {
		const before = await writableCounts(store);
		for (const csrf of [null, '', 'forged-token', `${clients.marketing.csrfToken}x`, clients.admin.csrfToken as string]) {
			const response = await clients.marketing.post('leads.create', { name: '跨站', phone: '13812341234' }, { csrf });
			expect([response.status, errorOf(response).code]).toEqual([403, 'csrf']);
		}
		expect((await clients.marketing.post('session.logout', {}, { csrf: null })).status).toBe(403);
		expect(await writableCounts(store)).toEqual(before);
		expect((await clients.marketing.get('session.get')).status).toBe(200);
	});

	it('names unknown operations (404) and wrong methods (405 with Allow)', async () => {
		const unknown = await clients.admin.get('leads.drop');
		expect([unknown.status, errorOf(unknown).code]).toEqual([404, 'unknownOp']);
		const proto = await clients.admin.get('__proto__');
		expect(proto.status).toBe(404);
		const wrongMethod = await clients.admin.get('leads.create');
		expect([wrongMethod.status, errorOf(wrongMethod).code, wrongMethod.headers.Allow]).toEqual([405, 'method', 'POST']);
	});

	it('maps domain errors to 400 / 404 / 409 with code, message and field', async () => {
		const badPhone = await clients.marketing.post('leads.create', { name: '王五', phone: '1381234' });
		expect(badPhone.status).toBe(400);
		expect(errorOf(badPhone)).toMatchObject({ code: 'invalid', field: 'phone', problems: [{ field: 'phone', code: 'phone.format' }] });
		expect(errorOf(badPhone).message).toMatch(/手机号/);

		const missing = await clients.viewer.get('leads.get', { leadId: 'NOPE-1' });
		expect([missing.status, errorOf(missing)]).toEqual([404, expect.objectContaining({ code: 'notFound', field: 'leadId' })]);

		expect((await clients.marketing.post('leads.create', { leadId: 'DUP-1', name: '甲', phone: '13812341235' })).status).toBe(200);
		const twice = await clients.marketing.post('leads.create', { leadId: 'DUP-1', name: '乙', phone: '13812341236' });
		expect([twice.status, errorOf(twice)]).toEqual([409, expect.objectContaining({ code: 'exists', field: 'leadId' })]);

		const lastAdmin = await clients.admin.post('staff.update', { username: accounts.admin, role: 'viewer' });
		expect([lastAdmin.status, errorOf(lastAdmin)]).toEqual([409, expect.objectContaining({ code: 'lastAdmin', field: 'role' })]);

		const tooBig = await clients.viewer.get('leads.list', { pageSize: '1000' });
		expect([tooBig.status, errorOf(tooBig).field]).toEqual([400, 'pageSize']);

		const coverage = await clients.viewer.post('rules.coverage', {});
		expect([coverage.status, errorOf(coverage)]).toEqual([400, expect.objectContaining({ code: 'invalid', field: 'days' })]);
	});

	it('answers a fault of ours with a generic 500 that shows nothing of it', async () => {
		const broken = await openTestStore(kind);
		await broken.close();
		const client = new ConsoleClient(consoleContext(broken));
		const response = await client.login(accounts.admin);
		expect(response.status).toBe(500);
		expect(response.body).toEqual({ error: { code: 'internal', message: expect.stringContaining('服务器内部错误') } });
		expect(response.internalError).toBeInstanceOf(Error);
		expect(JSON.stringify(response.body)).not.toMatch(/at |\.ts|closed|Error/);
	});

	it('logs in with an HttpOnly SameSite=Strict cookie (Secure over https), logs out, and audits both without the password', async () => {
		const browser = new ConsoleClient(consoleContext(store));
		const plain = await browser.login(accounts.marketing);
		expect(plain.headers['Set-Cookie']).toMatch(/^lm_console=[A-Za-z0-9_-]{43}; Path=\/webhook\/console; HttpOnly; SameSite=Strict$/);
		expect(plain.body).toMatchObject({ staff: { username: accounts.marketing, role: 'marketing' }, csrfToken: expect.any(String), expiresAt: expect.any(String) });
		const secure = await new ConsoleClient(consoleContext(store)).post('session.login', { username: accounts.marketing, password: STAFF_PASSWORD }, { secure: true });
		expect(secure.headers['Set-Cookie']).toMatch(/; Secure$/);

		const before = await auditCount(store);
		const out = await browser.post('session.logout');
		expect(out.status).toBe(200);
		expect(out.headers['Set-Cookie']).toMatch(/^lm_console=; Path=\/webhook\/console; Max-Age=0; HttpOnly; SameSite=Strict$/);
		const after = await browser.get('session.get');
		expect([after.status, errorOf(after).code, after.headers['Set-Cookie']]).toEqual([401, 'unauthenticated', expect.stringContaining('Max-Age=0')]);
		expect(await auditCount(store)).toBe(before + 1);

		const wrong = await new ConsoleClient(consoleContext(store)).login(accounts.marketing, 'not-the-password-1');
		expect([wrong.status, errorOf(wrong)]).toEqual([401, expect.objectContaining({ code: 'loginFailed', field: 'password' })]);
		const logins = await store.query<{ actor: string; action: string; detail: Record<string, unknown> }>(
			`SELECT actor, action, detail FROM audit_log WHERE action LIKE 'session.%' AND actor = $1 ORDER BY id`,
			[accounts.marketing],
		);
		expect(logins.rows.map((r) => r.action)).toEqual(['session.login', 'session.login', 'session.login', 'session.logout', 'session.loginFailed']);
		expect(logins.rows[4].detail).toEqual({ reason: 'wrongPassword', clientAddress: '10.1.2.3', locked: false });
		expect(JSON.stringify(logins.rows)).not.toMatch(/not-the-password|Spring-Rain/);
	});

	it('answers a locked login 429 with when it opens (Retry-After), and names no unknown account in the log', async () => {
		await signedInRoles(store, 'locked');
		const browser = new ConsoleClient(consoleContext(store), '10.9.9.9');
		for (let i = 0; i < 5; i++) expect((await browser.login('locked-viewer', 'guess-guess-1')).status).toBe(401);
		const locked = await browser.login('locked-viewer');
		expect(locked.status).toBe(429);
		expect(errorOf(locked)).toMatchObject({ code: 'throttled', retryAt: expect.any(String) });
		expect(Number(locked.headers['Retry-After'])).toBeGreaterThan(14 * 60);

		await browser.login('Spring-Rain-2026-typed-as-a-name', 'x');
		const unknown = await store.query<{ actor: string; subject: string | null }>(`SELECT actor, subject FROM audit_log WHERE action = 'session.loginFailed' ORDER BY id DESC LIMIT 1`);
		expect(unknown.rows[0]).toEqual({ actor: '(unknown)', subject: null });
	});

	it('gives hostile text back as data, in JSON that is never cached or sniffed', async () => {
		const hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>';
		const created = await clients.marketing.post('leads.create', { name: hostile, phone: '13812341237', company: '"><svg onload=alert(1)>' });
		expect(created.status).toBe(200);
		const listed = await clients.viewer.get('leads.list', { search: '<script>' });
		expect(listed.body).toMatchObject({ total: 1, rows: [{ name: hostile, company: '"><svg onload=alert(1)>' }] });
		expect(listed.headers).toMatchObject({ 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
		for (const response of [created, listed, await clients.viewer.get('nope')]) expect(response.headers['Cache-Control']).toBe('no-store');
	});
});
