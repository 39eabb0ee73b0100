import type { AvailableOwner } from './ownerSettings';

/**
 * The assignment rules (分配规则): owners of the lead's branch (any owner when its branch has
 * none, or it has no branch), with room left in their daily capacity; among them round robin —
 * the fewest leads today, then the longest since their last lead, then by name. Undefined:
 * nobody has room (the lead waits for the next run). Updates the chosen owner's load.
 */
export function pickOwner(owners: AvailableOwner[], branch: string | null, now: number): AvailableOwner | undefined {
	const ofBranch = branch === null ? [] : owners.filter((o) => o.branch === branch);
	const pool = ofBranch.length > 0 ? ofBranch : owners;
	const chosen = pool
		.filter((o) => o.assignedToday < o.dailyCapacity)
		.sort((a, b) => a.assignedToday - b.assignedToday || a.lastAssignedAt - b.lastAssignedAt || a.username.localeCompare(b.username))[0];
	if (chosen) {
		chosen.assignedToday++;
		chosen.lastAssignedAt = now;
	}
	return chosen;
}
