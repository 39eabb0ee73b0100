import type { ActiveConfig, ActivateConfigOutcome, AuditEntry, ConfigHistory, Paged, SaveConfigOutcome } from '../../lib/console/api/contract';
import type { ContactPolicy } from '../../lib/push';
import type { RuleSet } from '../../lib/rules';
import type { StaffRole } from '../../lib/staff';
import type { Store } from '../../lib/store';
import { openTestStore, STORE_KINDS } from '../setup/testStores';
import { auditCount, ConsoleClient, errorOf, signedInRoles } from './consoleClient';

describe.each(STORE_KINDS)('versioned configuration through the console API on %s', (kind) => {
	let store: Store;
	let clients: Record<StaffRole, ConsoleClient>;
	beforeAll(async () => {
		store = await openTestStore(kind);
		({ clients } = await signedInRoles(store, 'config'));
	});
	afterAll(() => store.close());

	it('saves a rule set as a new version, refuses a save based on a version that moved, rolls back, and audits both', async () => {
		const active = (await clients.viewer.get('rules.active')).body as ActiveConfig<RuleSet>;
		expect(active).toMatchObject({ kind: 'ruleSet', version: 1, author: 'system', active: true });
		const edited = { ...active.body, rules: active.body.rules.slice(0, 1) } as RuleSet;

		const saved = await clients.admin.post('rules.save', { body: edited, note: '只保留一条指标', baseVersion: 1 });
		expect(saved.status).toBe(200);
		expect(saved.body as SaveConfigOutcome<RuleSet>).toMatchObject({ created: true, active: { version: 2, author: 'config-admin', note: '只保留一条指标' } });

		const before = await auditCount(store);
		const stale = await clients.admin.post('rules.save', { body: active.body, note: '基于旧版本', baseVersion: 1 });
		expect([stale.status, errorOf(stale)]).toEqual([409, expect.objectContaining({ code: 'versionMoved', field: 'baseVersion' })]);
		expect(errorOf(stale).message).toMatch(/第 2 版/);
		expect(await auditCount(store)).toBe(before);

		const rolledBack = await clients.admin.post('rules.activate', { version: 1, baseVersion: 2 });
		expect(rolledBack.body as ActivateConfigOutcome<RuleSet>).toMatchObject({ changed: true, active: { version: 1, activatedBy: 'config-admin' } });
		const history = (await clients.viewer.get('rules.history')).body as ConfigHistory;
		expect(history).toMatchObject({ total: 2, active: { version: 1 }, versions: [{ version: 2, active: false }, { version: 1, active: true }] });
		expect((await clients.viewer.get('rules.version', { version: '2' })).body).toMatchObject({ version: 2, body: edited });
		expect((await clients.viewer.get('rules.version', { version: '9' })).status).toBe(404);

		const log = (await clients.admin.get('audit.list', { action: 'rules.*' })).body as Paged<AuditEntry>;
		expect(log.rows.map((e) => [e.actor, e.action, e.subject])).toEqual([
			['config-admin', 'rules.activate', 'ruleSet v1'],
			['config-admin', 'rules.save', 'ruleSet v2'],
		]);
	});

	it('names the field of an invalid policy and saves nothing; only administrators save', async () => {
		const active = (await clients.viewer.get('policy.active')).body as ActiveConfig<ContactPolicy>;
		const broken = { ...active.body, timezone: 'Mars/Olympus' };
		const before = await auditCount(store);
		const invalid = await clients.admin.post('policy.save', { body: broken, note: '', baseVersion: active.version });
		expect(invalid.status).toBe(400);
		expect(errorOf(invalid)).toMatchObject({ field: 'timezone', problems: [expect.objectContaining({ field: 'timezone' })] });
		expect(((await clients.viewer.get('policy.history')).body as ConfigHistory).total).toBe(1);
		expect(await auditCount(store)).toBe(before);
		expect((await clients.marketing.post('policy.save', { body: active.body, baseVersion: active.version })).status).toBe(403);
		expect((await clients.viewer.get('frequencies.active')).body).toMatchObject({ kind: 'frequencies', version: 1 });
	});
});
