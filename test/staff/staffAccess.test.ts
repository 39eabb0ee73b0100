import {
	changeOwnPassword,
	createStaff,
	DEFAULT_THROTTLE_POLICY,
	ensureFirstAdmin,
	findSession,
	listStaff,
	logIn,
	sessionTokenHash,
	updateStaff,
	type LoginOutcome,
} from '../../lib/staff';
import type { Store } from '../../lib/store';
import { openTestStore, STORE_KINDS } from '../setup/testStores';

const PASSWORD = 'Spring-Rain-2026';
const T0 = new Date('2026-11-02T01:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

function started(outcome: LoginOutcome) {
	if (!outcome.ok) throw new Error(`login refused: ${outcome.reason}`);
	return outcome;
}

describe.each(STORE_KINDS)('staff accounts, sessions and login throttling on %s', (kind) => {
	let store: Store;
	beforeAll(async () => {
		store = await openTestStore(kind);
		await createStaff(store, { username: 'Wang.Li', displayName: '王立', role: 'marketing', password: PASSWORD, createdBy: 'test' });
		await createStaff(store, { username: 'boss', displayName: '主管', role: 'admin', password: PASSWORD, createdBy: 'test' });
	});
	afterAll(() => store.close());

	it('creates accounts with the fields named in errors, and never shows the hash', async () => {
		await expect(createStaff(store, { username: 'x', displayName: 'X', role: 'viewer', password: PASSWORD, createdBy: 't' })).rejects.toMatchObject({ code: 'invalid', field: 'username' });
		await expect(createStaff(store, { username: 'zhao', displayName: '', role: 'viewer', password: PASSWORD, createdBy: 't' })).rejects.toMatchObject({ field: 'displayName' });
		await expect(createStaff(store, { username: 'zhao', displayName: '赵', role: 'root', password: PASSWORD, createdBy: 't' })).rejects.toMatchObject({ field: 'role' });
		await expect(createStaff(store, { username: 'zhao', displayName: '赵', role: 'viewer', password: 'short1', createdBy: 't' })).rejects.toMatchObject({ field: 'password' });
		await expect(createStaff(store, { username: 'zhao', displayName: '赵', role: 'viewer', password: 'lettersonly', createdBy: 't' })).rejects.toMatchObject({ field: 'password' });
		await expect(createStaff(store, { username: 'zhao', displayName: '赵', role: 'viewer', password: 'zhao12345', createdBy: 't' })).rejects.toMatchObject({ field: 'password' });
		await expect(createStaff(store, { username: 'WANG.LI', displayName: '重名', role: 'viewer', password: PASSWORD, createdBy: 't' })).rejects.toMatchObject({ code: 'exists', field: 'username' });
		const list = await listStaff(store);
		expect(list.map((s) => s.username)).toEqual(['boss', 'wang.li']);
		expect(JSON.stringify(list)).not.toMatch(/scrypt|password/i);
	});

	it('logs in (username without case), starts a session whose token is stored only as its SHA-256', async () => {
		const outcome = started(await logIn(store, { username: ' WANG.LI ', password: PASSWORD, clientAddress: '10.0.0.5', now: T0 }));
		expect(outcome.staff).toMatchObject({ username: 'wang.li', role: 'marketing', lastLoginAt: T0.toISOString() });
		expect(outcome.session.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
		const rows = await store.query<Record<string, unknown>>('SELECT * FROM staff_sessions');
		expect(JSON.stringify(rows.rows)).not.toContain(outcome.session.token);
		expect(rows.rows.map((r) => r.token_hash)).toContain(sessionTokenHash(outcome.session.token));
		const found = await findSession(store, outcome.session.token, { now: minutes(1) });
		expect(found).toMatchObject({ staff: { username: 'wang.li' }, csrfToken: outcome.session.csrfToken });
		expect(await findSession(store, `${outcome.session.token}x`, { now: minutes(1) })).toBeUndefined();
	});

	it('ends a session after 30 idle minutes, and after 12 hours however busy', async () => {
		const { session } = started(await logIn(store, { username: 'wang.li', password: PASSWORD, now: T0 }));
		expect(await findSession(store, session.token, { now: minutes(29) })).toBeDefined();
		// seen at 29 minutes: alive until 59
		expect(await findSession(store, session.token, { now: minutes(58) })).toBeDefined();
		expect(await findSession(store, session.token, { now: minutes(58 + 31) })).toBeUndefined();

		const busy = started(await logIn(store, { username: 'wang.li', password: PASSWORD, now: T0 })).session;
		for (let minute = 20; minute < 12 * 60; minute += 20) expect(await findSession(store, busy.token, { now: minutes(minute) })).toBeDefined();
		expect(await findSession(store, busy.token, { now: minutes(12 * 60) })).toBeUndefined();
	});

	it('locks an account after 5 failures in 15 minutes, even for the right password, and opens 15 minutes later', async () => {
		await createStaff(store, { username: 'li.na', displayName: '李娜', role: 'viewer', password: PASSWORD, createdBy: 't' });
		for (let i = 0; i < 4; i++) {
			expect(await logIn(store, { username: 'li.na', password: 'wrong-guess-1', now: minutes(i) })).toMatchObject({ ok: false, reason: 'wrongPassword', username: 'li.na' });
		}
		const fifth = await logIn(store, { username: 'li.na', password: 'wrong-guess-1', now: minutes(4) });
		expect(fifth).toMatchObject({ ok: false, reason: 'wrongPassword', retryAt: minutes(19) });
		expect(await logIn(store, { username: 'li.na', password: PASSWORD, now: minutes(10) })).toMatchObject({ ok: false, reason: 'throttled', retryAt: minutes(19) });
		expect(await logIn(store, { username: 'li.na', password: PASSWORD, now: minutes(19) })).toMatchObject({ ok: true });
	});

	it('counts attempts fired at once before checking them: no more than the limit get through', async () => {
		await createStaff(store, { username: 'zhou', displayName: '周', role: 'viewer', password: PASSWORD, createdBy: 't' });
		const outcomes = await Promise.all(Array.from({ length: 9 }, () => logIn(store, { username: 'zhou', password: 'guess-guess-1', now: T0 })));
		expect(outcomes.filter((o) => !o.ok && o.reason === 'wrongPassword')).toHaveLength(5);
		expect(outcomes.filter((o) => !o.ok && o.reason === 'throttled')).toHaveLength(4);
	});

	it('a successful login clears the account\'s failures', async () => {
		await createStaff(store, { username: 'chen', displayName: '陈', role: 'viewer', password: PASSWORD, createdBy: 't' });
		for (let i = 0; i < 4; i++) await logIn(store, { username: 'chen', password: 'nope-nope-1', now: T0 });
		expect(await logIn(store, { username: 'chen', password: PASSWORD, now: T0 })).toMatchObject({ ok: true });
		for (let i = 0; i < 4; i++) expect(await logIn(store, { username: 'chen', password: 'nope-nope-1', now: T0 })).toMatchObject({ reason: 'wrongPassword' });
	});

	it('locks a client address trying many accounts, whichever names it tries (20 by default; 6 here, to spare the hashing)', async () => {
		expect(DEFAULT_THROTTLE_POLICY.addressFailures).toBe(20);
		const throttle = { ...DEFAULT_THROTTLE_POLICY, addressFailures: 6 };
		for (let i = 0; i < 6; i++) {
			expect(await logIn(store, { username: `nobody${i}`, password: 'guess-guess-1', clientAddress: '198.51.100.7', now: T0, throttle })).toMatchObject({
				ok: false,
				reason: 'unknownAccount',
				username: null,
			});
		}
		expect(await logIn(store, { username: 'boss', password: PASSWORD, clientAddress: '198.51.100.7', now: minutes(1), throttle })).toMatchObject({
			ok: false,
			reason: 'throttled',
			retryAt: minutes(15),
		});
		expect(await logIn(store, { username: 'boss', password: PASSWORD, clientAddress: '198.51.100.8', now: minutes(1), throttle })).toMatchObject({ ok: true });
	});

	it('refuses a disabled account even with the right password, and ends its sessions', async () => {
		await createStaff(store, { username: 'sun', displayName: '孙', role: 'viewer', password: PASSWORD, createdBy: 't' });
		const { session } = started(await logIn(store, { username: 'sun', password: PASSWORD, now: T0 }));
		await store.transaction((tx) => updateStaff(tx, 'sun', { disabled: true }));
		expect(await findSession(store, session.token, { now: T0 })).toBeUndefined();
		expect(await logIn(store, { username: 'sun', password: PASSWORD, now: T0 })).toMatchObject({ ok: false, reason: 'disabled' });
		expect(await logIn(store, { username: 'sun', password: 'wrong-pass-1', now: T0 })).toMatchObject({ ok: false, reason: 'wrongPassword' });
	});

	it('a password reset ends the sessions; changing your own needs the current one and keeps this session', async () => {
		await createStaff(store, { username: 'qian', displayName: '钱', role: 'viewer', password: PASSWORD, createdBy: 't' });
		const first = started(await logIn(store, { username: 'qian', password: PASSWORD, now: T0 })).session;
		const second = started(await logIn(store, { username: 'qian', password: PASSWORD, now: T0 })).session;
		const secondHash = sessionTokenHash(second.token);
		await expect(changeOwnPassword(store, 'qian', { currentPassword: 'not-it-123', newPassword: 'Autumn-Leaf-2027' })).rejects.toMatchObject({
			code: 'wrongPassword',
			field: 'currentPassword',
		});
		await changeOwnPassword(store, 'qian', { currentPassword: PASSWORD, newPassword: 'Autumn-Leaf-2027', keepSessionHash: secondHash });
		expect(await findSession(store, first.token, { now: T0 })).toBeUndefined();
		expect(await findSession(store, second.token, { now: T0 })).toBeDefined();
		expect(await logIn(store, { username: 'qian', password: 'Autumn-Leaf-2027', now: T0 })).toMatchObject({ ok: true });

		await store.transaction((tx) => updateStaff(tx, 'qian', { password: 'Winter-Snow-2028' }));
		expect(await findSession(store, second.token, { now: T0 })).toBeUndefined();
	});

	it('keeps at least one enabled administrator', async () => {
		await expect(store.transaction((tx) => updateStaff(tx, 'boss', { role: 'viewer' }))).rejects.toMatchObject({ code: 'lastAdmin', field: 'role' });
		await expect(store.transaction((tx) => updateStaff(tx, 'boss', { disabled: true }))).rejects.toMatchObject({ code: 'lastAdmin', field: 'disabled' });
		await store.transaction((tx) => updateStaff(tx, 'wang.li', { role: 'admin' }));
		expect(await store.transaction((tx) => updateStaff(tx, 'boss', { role: 'marketing' }))).toMatchObject({ role: 'marketing' });
		await store.transaction((tx) => updateStaff(tx, 'boss', { role: 'admin' }));
		await store.transaction((tx) => updateStaff(tx, 'wang.li', { role: 'marketing' }));
	});

	it('creates the first administrator only on an empty install', async () => {
		const fresh = await openTestStore(kind);
		try {
			expect(await fresh.transaction((tx) => ensureFirstAdmin(tx, 'First-Boss-2026'))).toMatchObject({ username: 'admin', role: 'admin', disabled: false });
			expect(await fresh.transaction((tx) => ensureFirstAdmin(tx, 'Another-Pass-2026'))).toBeNull();
			expect(await logIn(fresh, { username: 'admin', password: 'First-Boss-2026', now: T0 })).toMatchObject({ ok: true });
		} finally {
			await fresh.close();
		}
		expect(await store.transaction((tx) => ensureFirstAdmin(tx, 'First-Boss-2026'))).toBeNull();
	});
});
