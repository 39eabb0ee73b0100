import {
	activateConfig,
	activeConfig,
	configHistory,
	configVersion,
	saveConfig,
	ConfigConflictError,
	type ConfigKindDefinition,
} from '../../lib/config';
import { DomainError } from '../../lib/errors';
import { ruleSetConfig } from '../../lib/monitor';
import { frequenciesConfig, loadPolicyPreset, policyConfig } from '../../lib/push';
import { allPresetsRuleSet } from '../../lib/rules';
import type { Store } from '../../lib/store';
import { openTestStore, STORE_KINDS } from '../setup/testStores';

interface Settings {
	text: string;
	level: number;
}

let kinds = 0;

/** A small kind of its own per test, so tests sharing a store do not see each other's versions. */
function settingsKind(): ConfigKindDefinition<Settings> {
	return {
		kind: `settings${++kinds}`,
		label: { zh: '测试设置', en: 'Test settings' },
		validate(body) {
			const value = body as Partial<Settings>;
			if (typeof value?.text !== 'string') throw new DomainError('invalidSettings', 'text: 必填 (required)', 'text');
			if (!Number.isInteger(value.level)) throw new DomainError('invalidSettings', 'level: 应为整数', 'level');
			return value as Settings;
		},
		coldStart: () => ({ text: 'preset', level: 1 }),
	};
}

async function versionCount(store: Store, kind: string): Promise<number> {
	const result = await store.query<{ n: number }>('SELECT count(*)::int AS n FROM config_versions WHERE kind = $1', [kind]);
	return result.rows[0].n;
}

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
	try {
		await promise;
	} catch (error) {
		return error as DomainError;
	}
	throw new Error('expected a rejection');
}

describe.each(STORE_KINDS)('versioned configuration on %s', (storeKind) => {
	let store: Store;
	beforeAll(async () => {
		store = await openTestStore(storeKind);
	});
	afterAll(() => store.close());

	it('cold start: the presets are version 1, by system, for each shipped kind', async () => {
		const rules = await activeConfig(store, ruleSetConfig);
		expect(rules).toMatchObject({ kind: 'ruleSet', version: 1, author: 'system', note: '预置配置（冷启动）', basedOn: null });
		expect(rules).toMatchObject({ active: true, activatedBy: 'system' });
		// Stored as json, not jsonb: the document comes back as written, key order included.
		expect(JSON.stringify(rules.body)).toBe(JSON.stringify(allPresetsRuleSet()));

		const policy = await activeConfig(store, policyConfig);
		expect(policy.version).toBe(1);
		expect(policy.body).toEqual(loadPolicyPreset('standard'));

		const frequencies = await activeConfig(store, frequenciesConfig);
		expect(frequencies.version).toBe(1);
		// Today's push workflows: hourly at :00, daily 09:15, every 7 days and every 30 days at 10:00.
		expect(frequencies.body.tiers.map((tier) => [tier.id, tier.grades, tier.frequency])).toEqual([
			['A', ['A'], { kind: 'hourly', minute: 0 }],
			['B', ['B'], { kind: 'daily', at: '09:15' }],
			['C', ['C'], { kind: 'every7Days', weekday: 'mon', at: '10:00' }],
			['D', ['D'], { kind: 'every30Days', dayOfMonth: 1, at: '10:00' }],
		]);

		expect((await activeConfig(store, ruleSetConfig)).version).toBe(1);
		expect(await versionCount(store, 'ruleSet')).toBe(1);
	});

	it('saves new versions with author, note and base; the newest is active', async () => {
		const kind = settingsKind();
		const first = await activeConfig(store, kind);
		const saved = await saveConfig(store, kind, { text: 'evening push', level: 2 }, { author: '张三', note: '提高频率', baseVersion: first.version });
		expect(saved.created).toBe(true);
		expect(saved.active).toMatchObject({
			version: 2,
			body: { text: 'evening push', level: 2 },
			author: '张三',
			note: '提高频率',
			basedOn: 1,
			activatedBy: '张三',
		});
		expect(Date.parse(saved.active.createdAt)).not.toBeNaN();
		expect((await activeConfig(store, kind)).version).toBe(2);

		const third = await saveConfig(store, kind, { text: 'night', level: 3 }, { author: '李四', baseVersion: 2 });
		expect(third.active).toMatchObject({ version: 3, note: '', basedOn: 2 });
		expect(await configVersion(store, kind, 2)).toMatchObject({ version: 2, body: { text: 'evening push', level: 2 }, active: false });
	});

	it('saving what is active already saves nothing and returns the active version (a retried save)', async () => {
		const kind = settingsKind();
		await activeConfig(store, kind);
		const saved = await saveConfig(store, kind, { text: 'a', level: 2 }, { author: '张三', baseVersion: 1 });
		const again = await saveConfig(store, kind, { level: 2, text: 'a' }, { author: '张三', baseVersion: 1 });
		expect(again.created).toBe(false);
		expect(again.active.version).toBe(saved.active.version);
		expect(await versionCount(store, kind.kind)).toBe(2);
	});

	it('a save based on a version that is no longer active fails, names the active version and its author, saves nothing', async () => {
		const kind = settingsKind();
		await activeConfig(store, kind);
		await saveConfig(store, kind, { text: 'first editor', level: 2 }, { author: '张三', baseVersion: 1 });

		const error = await rejection(saveConfig(store, kind, { text: 'second editor', level: 5 }, { author: '李四', baseVersion: 1 }));
		expect(error).toBeInstanceOf(ConfigConflictError);
		expect(error).toBeInstanceOf(DomainError);
		expect(error.code).toBe('versionMoved');
		expect(error.field).toBe('baseVersion');
		expect(error.message).toMatch(/^测试设置已被修改：当前生效的是第 2 版（张三 于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 保存），你的修改基于第 1 版，未保存/);
		expect(error.message).toMatch(/version 2, saved by 张三/);
		expect((error as ConfigConflictError).activeNow).toMatchObject({ version: 2, author: '张三' });
		expect(await versionCount(store, kind.kind)).toBe(2);
		expect((await activeConfig(store, kind)).body).toEqual({ text: 'first editor', level: 2 });
	});

	it('rolls back by activating an earlier version; history shows who activated it', async () => {
		const kind = settingsKind();
		await activeConfig(store, kind);
		await saveConfig(store, kind, { text: 'v2', level: 2 }, { author: '张三', baseVersion: 1 });
		await saveConfig(store, kind, { text: 'v3', level: 3 }, { author: '张三', baseVersion: 2 });

		const rolledBack = await activateConfig(store, kind, 1, { author: '王五', baseVersion: 3 });
		expect(rolledBack.changed).toBe(true);
		expect(rolledBack.active).toMatchObject({ version: 1, body: { text: 'preset', level: 1 }, author: 'system', activatedBy: '王五' });

		const history = await configHistory(store, kind);
		expect(history.versions.map((v) => [v.version, v.author, v.active])).toEqual([
			[3, '张三', false],
			[2, '张三', false],
			[1, 'system', true],
		]);
		expect(history).toMatchObject({ total: 3, page: 1, active: { version: 1, activatedBy: '王五' } });
		expect(history.versions[0]).not.toHaveProperty('body');

		// A stale roll-back is refused like a stale save; the version active already is a no-op.
		const stale = await rejection(activateConfig(store, kind, 2, { author: '张三', baseVersion: 3 }));
		expect(stale.code).toBe('versionMoved');
		expect(stale.message).toMatch(/当前生效的是第 1 版（system 于 .* 保存，王五 于 .* 启用）/);
		expect((await activateConfig(store, kind, 1, { author: '王五', baseVersion: 3 })).changed).toBe(false);

		// The next save builds on the rolled-back version.
		const next = await saveConfig(store, kind, { text: 'v4', level: 4 }, { author: '张三', baseVersion: 1 });
		expect(next.active).toMatchObject({ version: 4, basedOn: 1 });
	});

	it('refuses unknown versions, missing authors and over-long notes, naming the field', async () => {
		const kind = settingsKind();
		await activeConfig(store, kind);
		const missing = await rejection(activateConfig(store, kind, 99, { author: '王五', baseVersion: 1 }));
		expect([missing.code, missing.field]).toEqual(['notFound', 'version']);
		expect(missing.message).toMatch(/^测试设置没有第 99 版/);
		expect((await rejection(configVersion(store, kind, 7))).code).toBe('notFound');
		expect((await rejection(saveConfig(store, kind, { text: 'x', level: 1 }, { author: ' ', baseVersion: 1 }))).field).toBe('author');
		const longNote = 'x'.repeat(501);
		expect((await rejection(saveConfig(store, kind, { text: 'x', level: 2 }, { author: 'a', note: longNote, baseVersion: 1 }))).field).toBe(
			'note',
		);
		expect((await rejection(saveConfig(store, kind, { text: 'x', level: 2 }, { author: 'a', baseVersion: 0 }))).field).toBe(
			'baseVersion',
		);
		expect(await versionCount(store, kind.kind)).toBe(1);
	});

	it('invalid bodies throw the kind’s validation error naming the field, and save nothing', async () => {
		const rules = await activeConfig(store, ruleSetConfig);
		const badRules = structuredClone(rules.body);
		(badRules.rules[0].conditions as { all: Array<{ fact: string }> }).all[0].fact = 'shoeSize';
		const ruleError = await rejection(saveConfig(store, ruleSetConfig, badRules, { author: '张三', baseVersion: rules.version }));
		expect(ruleError.code).toBe('invalidRule');
		expect(ruleError.message).toMatch(/rules\[0\]\.conditions\.all\[0\]\.fact: unknown fact "shoeSize"/);
		expect(ruleError.field).toBe('rules[0].conditions.all[0].fact');

		const policy = await activeConfig(store, policyConfig);
		const policyError = await rejection(
			saveConfig(store, policyConfig, { ...policy.body, grid: { mon: 'hhh' } }, { author: '张三', baseVersion: policy.version }),
		);
		expect([policyError.code, policyError.field]).toEqual(['invalidPolicy', 'grid.mon']);
		expect(policyError.message).toMatch(/^推送策略无效/);

		const frequencies = await activeConfig(store, frequenciesConfig);
		const badFrequencies = structuredClone(frequencies.body);
		badFrequencies.tiers[1].frequency = { kind: 'daily', at: '9:15' };
		const frequencyError = await rejection(
			saveConfig(store, frequenciesConfig, badFrequencies, { author: '张三', baseVersion: frequencies.version }),
		);
		expect([frequencyError.code, frequencyError.field]).toEqual(['invalidFrequencies', 'tiers[1].frequency.at']);

		for (const kind of ['ruleSet', 'policy', 'frequencies']) expect(await versionCount(store, kind)).toBe(1);
	});

	it('pages the history newest first', async () => {
		const kind = settingsKind();
		await activeConfig(store, kind);
		for (let level = 2; level <= 5; level++) {
			await saveConfig(store, kind, { text: 't', level }, { author: '张三', baseVersion: level - 1 });
		}
		const page = await configHistory(store, kind, { page: 2, pageSize: 2 });
		expect(page).toMatchObject({ total: 5, page: 2, pageSize: 2, active: { version: 5 } });
		expect(page.versions.map((v) => v.version)).toEqual([3, 2]);
	});

	it('a kind read for the first time by many callers at once is seeded once', async () => {
		// PGlite is one in-process database: its callers share one store.
		const other = storeKind === 'postgres' ? await openTestStore(storeKind, store.schema) : store;
		try {
			const kind = settingsKind();
			const reads = await Promise.all(
				Array.from({ length: 6 }, (_, i) => (i % 2 ? configHistory(i % 4 ? store : other, kind) : activeConfig(i % 4 ? store : other, kind))),
			);
			expect(reads.every((read) => ('versions' in read ? read.active.version : read.version) === 1)).toBe(true);
			expect(await versionCount(store, kind.kind)).toBe(1);
		} finally {
			if (other !== store) await other.close();
		}
	});
});

describe('concurrent writers on PostgreSQL', () => {
	let stores: Store[];
	beforeAll(async () => {
		const first = await openTestStore('postgres');
		stores = [first, await openTestStore('postgres', first.schema), await openTestStore('postgres', first.schema)];
	});
	afterAll(() => Promise.all(stores.map((store) => store.close())));

	it('two processes reading a new kind at once seed it once', async () => {
		const kind = settingsKind();
		const reads = await Promise.all(stores.map((store) => activeConfig(store, kind)));
		expect(reads.map((read) => read.version)).toEqual([1, 1, 1]);
		expect(await versionCount(stores[0], kind.kind)).toBe(1);
	});

	it('saves based on the same version at once: one wins, the others are told the version moved', async () => {
		const kind = settingsKind();
		await activeConfig(stores[0], kind);
		const outcomes = await Promise.allSettled(
			stores.flatMap((store, s) =>
				[0, 1].map((i) => saveConfig(store, kind, { text: `editor ${s}.${i}`, level: 2 }, { author: `editor ${s}.${i}`, baseVersion: 1 })),
			),
		);
		const won = outcomes.filter((o) => o.status === 'fulfilled');
		const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
		expect(won).toHaveLength(1);
		expect(lost).toHaveLength(5);
		for (const outcome of lost) expect((outcome.reason as DomainError).code).toBe('versionMoved');
		expect(await versionCount(stores[0], kind.kind)).toBe(2);
		const winner = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof saveConfig<Settings>>>>).value.active;
		expect((await activeConfig(stores[1], kind)).body).toEqual(winner.body);
	});

	it('a save and a roll-back at once: one wins', async () => {
		const kind = settingsKind();
		await activeConfig(stores[0], kind);
		await saveConfig(stores[0], kind, { text: 'v2', level: 2 }, { author: 'a', baseVersion: 1 });
		const outcomes = await Promise.allSettled([
			saveConfig(stores[1], kind, { text: 'v3', level: 3 }, { author: 'b', baseVersion: 2 }),
			activateConfig(stores[2], kind, 1, { author: 'c', baseVersion: 2 }),
		]);
		expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
		const lost = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected')!;
		expect((lost.reason as DomainError).code).toBe('versionMoved');
	});
});
