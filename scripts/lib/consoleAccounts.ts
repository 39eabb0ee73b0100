// The console's accounts on a fresh install: the first administrator, and for the sample one
// marketing and one read-only account, each with a generated password kept in the secrets
// file (so every start prints the same). Written into the store while n8n is stopped: the
// embedded store (PGlite) is one process's at a time.
import { requireBuilt } from './builtPackage';
import type { StartConfig } from './config';
import { say } from './say';
import { storeOpenConfig } from './storeConnection';
import type { Secrets } from './secrets';
import { readStartState, updateStartState } from './userFolder';

type AccountKey = keyof StartConfig['consoleAccounts'];

const PASSWORD_OF: Record<AccountKey, keyof Secrets> = {
	admin: 'consoleAdminPassword',
	marketing: 'consoleMarketingPassword',
	viewer: 'consoleViewerPassword',
};

/** Each account's user name and first password, for the banner. */
export function consoleLogins(config: StartConfig, secrets: Secrets): Array<{ key: AccountKey; username: string; password: string }> {
	return (Object.keys(config.consoleAccounts) as AccountKey[]).map((key) => ({
		key,
		username: config.consoleAccounts[key].username,
		password: secrets[PASSWORD_OF[key]],
	}));
}

/**
 * Once per user folder: the first administrator (lib/console's ensureConsoleAdmin: only while
 * the store has no account at all) and the sample's marketing and read-only accounts (those
 * not there yet). Later starts leave the accounts to the console: a password changed or an
 * account disabled there stays so.
 */
export async function ensureConsoleAccounts(config: StartConfig, secrets: Secrets): Promise<void> {
	if (readStartState(config).consoleAccountsCreatedAt) return;
	const { openStore, closeAllStores } = requireBuilt(config, 'lib/store');
	const { ensureConsoleAdmin } = requireBuilt(config, 'lib/console');
	const { createStaff, listStaff } = requireBuilt(config, 'lib/staff');
	const { recordAudit } = requireBuilt(config, 'lib/audit');
	say.step('Creating the console accounts (first start only)…');
	try {
		const store = await openStore(storeOpenConfig(config));
		const admin = config.consoleAccounts.admin;
		const created = await ensureConsoleAdmin(store, secrets.consoleAdminPassword, admin.username);
		say.detail(created ? `administrator "${created.username}" created` : 'the store has accounts already: no new administrator');
		const existing = new Set((await listStaff(store)).map((staff) => staff.username));
		for (const key of ['marketing', 'viewer'] as const) {
			const account = config.consoleAccounts[key];
			if (existing.has(account.username)) continue;
			await store.transaction(async (tx) => {
				await createStaff(tx, { ...account, password: secrets[PASSWORD_OF[key]], createdBy: 'system' });
				await recordAudit(tx, { actor: 'system', action: 'staff.create', subject: account.username, detail: { role: account.role, sample: true } });
			});
			say.detail(`sample account "${account.username}" (${account.role}) created`);
		}
	} finally {
		await closeAllStores();
	}
	updateStartState(config, { consoleAccountsCreatedAt: new Date().toISOString() });
}
