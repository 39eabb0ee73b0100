/**
 * The console's roles, data only (the web app reads them through the API contract):
 * administrators change the configuration and the accounts, marketing staff work leads and
 * send, viewers read.
 */
export const STAFF_ROLES = ['admin', 'marketing', 'viewer'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Roles from most to least: a role may do what any role ranked below it may. */
export const ROLE_RANK: Readonly<Record<StaffRole, number>> = { admin: 3, marketing: 2, viewer: 1 };

export const STAFF_ROLE_LABELS: Readonly<Record<StaffRole, { zh: string; en: string }>> = {
	admin: { zh: '管理员', en: 'Administrator' },
	marketing: { zh: '营销人员', en: 'Marketing staff' },
	viewer: { zh: '只读', en: 'Read-only' },
};

export function isStaffRole(value: unknown): value is StaffRole {
	return typeof value === 'string' && (STAFF_ROLES as readonly string[]).includes(value);
}

/** Whether `role` may do what `least` may. */
export function hasRole(role: StaffRole, least: StaffRole): boolean {
	return ROLE_RANK[role] >= ROLE_RANK[least];
}
