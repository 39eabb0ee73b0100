import { recordAudit } from '../audit';
import { ensureFirstAdmin, type StaffInfo } from '../staff';
import type { Store } from '../store';

/**
 * For the start script: on a fresh install, the first administrator (`admin` with the
 * given password), recorded in the audit log; nothing when any account exists.
 */
export async function ensureConsoleAdmin(store: Store, password: string, username = 'admin'): Promise<StaffInfo | null> {
	return store.transaction(async (tx) => {
		const created = await ensureFirstAdmin(tx, password, { username });
		if (created) await recordAudit(tx, { actor: 'system', action: 'staff.create', subject: created.username, detail: { role: 'admin', firstAdministrator: true } });
		return created;
	});
}
