import { LEAD_BRANCH_SQL } from './leadBranch';

/** Who is looking: their account name, role and branch (owner_settings). */
export interface LeadViewer {
	username: string;
	role: 'admin' | 'marketing' | 'viewer';
}

/**
 * The condition a store query adds so staff see only the leads they may: an administrator
 * every lead; other staff the leads they own and the leads of their own branch. SQL over
 * `l` (leads) and `lo` (lead_owners, LEFT JOINed); the username is a parameter.
 */
export function leadVisibilitySql(viewer: LeadViewer, params: unknown[]): string {
	if (viewer.role === 'admin') return 'true';
	params.push(viewer.username);
	const me = `$${params.length}`;
	return `(lo.owner = ${me} OR lo.branch = (SELECT branch FROM owner_settings WHERE username = ${me})
		OR (lo.lead_id IS NULL AND ${LEAD_BRANCH_SQL} = (SELECT branch FROM owner_settings WHERE username = ${me})))`;
}
