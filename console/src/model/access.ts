import { OPS, ROLE_RANK, type OpName, type StaffRole } from '../../../lib/console/api/contract';

/** Whether a role may call an op (the server enforces it; the app hides what a role cannot do). */
export function roleMayCall(role: StaffRole | null | undefined, op: OpName): boolean {
	const access = OPS[op].access;
	if (access === 'public') return true;
	if (!role) return false;
	return ROLE_RANK[role] >= ROLE_RANK[access];
}
