import type { Queryable } from '../store';
import { hashPassword, needsRehash, verifyPassword } from './passwordHash';
import { checkNewPassword } from './passwordPolicy';
import { StaffError } from './StaffError';
import { isStaffRole, STAFF_ROLE_LABELS, STAFF_ROLES, type StaffRole } from './staffRoles';

/** A staff account as anyone may see it: never the password hash. */
export interface StaffInfo {
	username: string;
	displayName: string;
	role: StaffRole;
	disabled: boolean;
	createdAt: string;
	lastLoginAt: string | null;
}

/** The columns of staff_accounts a StaffInfo is made from. */
export interface StaffRow {
	username: string;
	display_name: string;
	role: StaffRole;
	disabled: boolean;
	created_at: Date;
	last_login_at: Date | null;
}

const STAFF_COLUMNS = 'username, display_name, role, disabled, created_at, last_login_at';

export function toStaffInfo(row: StaffRow): StaffInfo {
	return {
		username: row.username,
		displayName: row.display_name,
		role: row.role,
		disabled: row.disabled,
		createdAt: new Date(row.created_at).toISOString(),
		lastLoginAt: row.last_login_at ? new Date(row.last_login_at).toISOString() : null,
	};
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,31}$/;

/** Usernames compare without case and surrounding spaces: `Wang.Li ` signs in as `wang.li`. */
export function normaliseUsername(value: unknown): string {
	return typeof value === 'string' ? value.trim().toLowerCase() : '';
}

function checkedUsername(value: unknown): string {
	const username = normaliseUsername(value);
	if (!USERNAME.test(username)) {
		throw new StaffError('invalid', '用户名应为 2–32 位小写字母、数字、“.”、“_”或“-”，以字母或数字开头 (username: 2–32 of a-z 0-9 . _ -)', 'username');
	}
	return username;
}

function checkedDisplayName(value: unknown): string {
	const name = typeof value === 'string' ? value.trim() : '';
	if (name.length < 1 || name.length > 64 || /[\u0000-\u001f\u007f]/.test(name)) {
		throw new StaffError('invalid', '姓名应为 1–64 个字符 (display name: 1–64 characters)', 'displayName');
	}
	return name;
}

function checkedRole(value: unknown): StaffRole {
	if (!isStaffRole(value)) {
		const known = STAFF_ROLES.map((role) => `${role}（${STAFF_ROLE_LABELS[role].zh}）`).join('、');
		throw new StaffError('invalid', `角色应为 ${known} (role)`, 'role');
	}
	return value;
}

export async function createStaff(
	db: Queryable,
	input: { username: unknown; displayName: unknown; role: unknown; password: unknown; createdBy: string },
): Promise<StaffInfo> {
	const username = checkedUsername(input.username);
	const displayName = checkedDisplayName(input.displayName);
	const role = checkedRole(input.role);
	const passwordHash = await hashPassword(checkNewPassword(input.password, username));
	const result = await db.query<StaffRow>(
		`INSERT INTO staff_accounts (username, display_name, role, password_hash, created_by)
		 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (username) DO NOTHING RETURNING ${STAFF_COLUMNS}`,
		[username, displayName, role, passwordHash, input.createdBy],
	);
	const row = result.rows[0];
	if (!row) throw new StaffError('exists', `用户名 ${username} 已存在 (username taken)`, 'username');
	return toStaffInfo(row);
}

export async function listStaff(db: Queryable): Promise<StaffInfo[]> {
	const result = await db.query<StaffRow>(`SELECT ${STAFF_COLUMNS} FROM staff_accounts ORDER BY username`);
	return result.rows.map(toStaffInfo);
}

export async function getStaff(db: Queryable, username: string): Promise<StaffInfo> {
	const result = await db.query<StaffRow>(`SELECT ${STAFF_COLUMNS} FROM staff_accounts WHERE username = $1`, [normaliseUsername(username)]);
	const row = result.rows[0];
	if (!row) throw new StaffError('notFound', `账号 ${username} 不存在 (no such account)`, 'username');
	return toStaffInfo(row);
}

export interface StaffChanges {
	displayName?: unknown;
	role?: unknown;
	disabled?: unknown;
	/** A new password, set without asking for the old one (an administrator's reset). */
	password?: unknown;
}

/**
 * Changes an account (call it in a transaction: it locks the rows it checks). Demoting or disabling the last enabled administrator is refused
 * (`lastAdmin`): the console would have nobody left to manage it. A new password or a
 * disabled account ends the account's sessions.
 */
export async function updateStaff(db: Queryable, username: string, changes: StaffChanges): Promise<StaffInfo> {
	const current = await db.query<StaffRow>(`SELECT ${STAFF_COLUMNS} FROM staff_accounts WHERE username = $1 FOR UPDATE`, [
		normaliseUsername(username),
	]);
	const row = current.rows[0];
	if (!row) throw new StaffError('notFound', `账号 ${username} 不存在 (no such account)`, 'username');
	const sets: string[] = [];
	const params: unknown[] = [row.username];
	const set = (column: string, value: unknown) => {
		params.push(value);
		sets.push(`${column} = $${params.length}`);
	};
	if (changes.displayName !== undefined) set('display_name', checkedDisplayName(changes.displayName));
	const role = changes.role === undefined ? row.role : checkedRole(changes.role);
	if (changes.disabled !== undefined && typeof changes.disabled !== 'boolean') {
		throw new StaffError('invalid', '“停用”应为 true 或 false (disabled must be a boolean)', 'disabled');
	}
	const disabled = changes.disabled === undefined ? row.disabled : changes.disabled;
	if (row.role === 'admin' && !row.disabled && (role !== 'admin' || disabled)) await keepAnAdministrator(db, row.username, role !== 'admin' ? 'role' : 'disabled');
	if (role !== row.role) set('role', role);
	if (disabled !== row.disabled) set('disabled', disabled);
	const newPassword = changes.password !== undefined;
	if (newPassword) {
		set('password_hash', await hashPassword(checkNewPassword(changes.password, row.username)));
		sets.push('password_changed_at = now()');
	}
	if (sets.length === 0) return toStaffInfo(row);
	const result = await db.query<StaffRow>(
		`UPDATE staff_accounts SET ${sets.join(', ')}, updated_at = now() WHERE username = $1 RETURNING ${STAFF_COLUMNS}`,
		params,
	);
	if (newPassword || disabled) await db.query('DELETE FROM staff_sessions WHERE username = $1', [row.username]);
	return toStaffInfo(result.rows[0]);
}

async function keepAnAdministrator(db: Queryable, leaving: string, field: string): Promise<void> {
	// Locks the other administrators' rows: two administrators demoting each other at once cannot both succeed.
	const others = await db.query('SELECT username FROM staff_accounts WHERE role = $1 AND NOT disabled AND username <> $2 FOR UPDATE', [
		'admin',
		leaving,
	]);
	if (others.rows.length === 0) {
		throw new StaffError('lastAdmin', '这是最后一个启用的管理员账号，不能降级或停用 (the last enabled administrator)', field);
	}
}

/**
 * A person changes their own password: the current one first. Their other sessions end;
 * the one they are using (its token hash) stays.
 */
export async function changeOwnPassword(
	db: Queryable,
	username: string,
	{ currentPassword, newPassword, keepSessionHash }: { currentPassword: unknown; newPassword: unknown; keepSessionHash?: string },
): Promise<void> {
	const found = await db.query<{ password_hash: string }>('SELECT password_hash FROM staff_accounts WHERE username = $1', [username]);
	const stored = found.rows[0]?.password_hash;
	if (!stored || typeof currentPassword !== 'string' || !(await verifyPassword(currentPassword, stored))) {
		throw new StaffError('wrongPassword', '当前密码不正确 (the current password is wrong)', 'currentPassword');
	}
	const hash = await hashPassword(checkNewPassword(newPassword, username));
	await db.query('UPDATE staff_accounts SET password_hash = $2, password_changed_at = now(), updated_at = now() WHERE username = $1', [username, hash]);
	await db.query('DELETE FROM staff_sessions WHERE username = $1 AND token_hash IS DISTINCT FROM $2', [username, keepSessionHash ?? null]);
}

/** The account a login names, with its hash (for logIn only). */
export async function accountForLogin(db: Queryable, username: string): Promise<(StaffInfo & { passwordHash: string }) | undefined> {
	const result = await db.query<StaffRow & { password_hash: string }>(
		`SELECT ${STAFF_COLUMNS}, password_hash FROM staff_accounts WHERE username = $1`,
		[username],
	);
	const row = result.rows[0];
	return row ? { ...toStaffInfo(row), passwordHash: row.password_hash } : undefined;
}

/** After a successful login: the time, and a stronger hash when today's parameters are stronger than the stored one's. */
export async function recordLogin(db: Queryable, username: string, password: string, storedHash: string, now: Date): Promise<StaffInfo> {
	const rehash = needsRehash(storedHash) ? await hashPassword(password) : null;
	const result = await db.query<StaffRow>(
		`UPDATE staff_accounts SET last_login_at = $2, password_hash = COALESCE($3, password_hash) WHERE username = $1 RETURNING ${STAFF_COLUMNS}`,
		[username, now, rehash],
	);
	return toStaffInfo(result.rows[0]);
}

/**
 * The first administrator, for a fresh install: creates `admin` (or the given name) with
 * the password when no account exists yet; does nothing otherwise. Safe to call at every
 * start, from two processes at once.
 */
export async function ensureFirstAdmin(
	db: Queryable,
	password: string,
	{ username = 'admin', displayName = '系统管理员' }: { username?: string; displayName?: string } = {},
): Promise<StaffInfo | null> {
	const name = checkedUsername(username);
	const any = await db.query('SELECT 1 FROM staff_accounts LIMIT 1');
	if (any.rows.length > 0) return null;
	const passwordHash = await hashPassword(checkNewPassword(password, name));
	// Two processes starting at once both get here: the second insert finds the name taken.
	const result = await db.query<StaffRow>(
		`INSERT INTO staff_accounts (username, display_name, role, password_hash, created_by)
		 SELECT $1, $2, 'admin', $3, 'system' WHERE NOT EXISTS (SELECT 1 FROM staff_accounts)
		 ON CONFLICT (username) DO NOTHING
		 RETURNING ${STAFF_COLUMNS}`,
		[name, checkedDisplayName(displayName), passwordHash],
	);
	return result.rows[0] ? toStaffInfo(result.rows[0]) : null;
}
