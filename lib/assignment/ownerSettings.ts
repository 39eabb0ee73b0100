import { DomainError } from '../errors';
import type { Queryable } from '../store';

/** Who takes leads: an active staff account with its branch, daily capacity and alert e-mail. */
export interface OwnerSettings {
	username: string;
	branch: string | null;
	email: string | null;
	dailyCapacity: number;
	takesLeads: boolean;
}

export class AssignmentError extends DomainError {
	declare readonly field: string;

	constructor(field: string, message: string, code = 'invalidAssignment') {
		super(code, message, field);
	}
}

export async function saveOwnerSettings(db: Queryable, settings: OwnerSettings): Promise<void> {
	if (!Number.isInteger(settings.dailyCapacity) || settings.dailyCapacity < 0) {
		throw new AssignmentError('dailyCapacity', `每日容量应为 0 或正整数 (daily capacity: a whole number ≥ 0, got ${settings.dailyCapacity})`);
	}
	if (settings.email !== null && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(settings.email)) {
		throw new AssignmentError('email', `"${settings.email}" 不是有效的邮箱 (not an e-mail address)`);
	}
	const account = await db.query('SELECT 1 FROM staff_accounts WHERE username = $1', [settings.username]);
	if (account.rowCount === 0) throw new AssignmentError('username', `没有账号 ${settings.username} (no staff account ${settings.username})`, 'ownerNotFound');
	await db.query(
		`INSERT INTO owner_settings (username, branch, email, daily_capacity, takes_leads) VALUES ($1, $2, $3, $4, $5)
		 ON CONFLICT (username) DO UPDATE SET branch = EXCLUDED.branch, email = EXCLUDED.email,
			daily_capacity = EXCLUDED.daily_capacity, takes_leads = EXCLUDED.takes_leads, updated_at = now()`,
		[settings.username, settings.branch, settings.email, settings.dailyCapacity, settings.takesLeads],
	);
}

/** An owner who can take leads on `day`: active account, taking leads, with the leads assigned to them that day. */
export interface AvailableOwner {
	username: string;
	branch: string | null;
	dailyCapacity: number;
	assignedToday: number;
	lastAssignedAt: number;
}

export async function availableOwners(db: Queryable, day: string): Promise<AvailableOwner[]> {
	const result = await db.query<{ username: string; branch: string | null; daily_capacity: number; today: number; last_at: Date | null }>(
		`SELECT o.username, o.branch, o.daily_capacity,
			(SELECT count(*)::int FROM lead_owners lo WHERE lo.owner = o.username AND lo.assigned_on = $1::date) AS today,
			(SELECT max(lo.assigned_at) FROM lead_owners lo WHERE lo.owner = o.username) AS last_at
		 FROM owner_settings o JOIN staff_accounts a ON a.username = o.username
		 WHERE o.takes_leads AND NOT a.disabled AND a.role IN ('admin', 'marketing')
		 ORDER BY o.username`,
		[day],
	);
	return result.rows.map((row) => ({
		username: row.username,
		branch: row.branch,
		dailyCapacity: row.daily_capacity,
		assignedToday: row.today,
		lastAssignedAt: row.last_at ? new Date(row.last_at).getTime() : 0,
	}));
}
