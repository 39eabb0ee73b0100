import type { Queryable } from '../store';
import { LEAD_BRANCH_SQL } from './leadBranch';

/** Who is looking: their account name, role and branch (owner_settings). */
export interface LeadViewer {
	username: string;
	role: 'admin' | 'marketing' | 'viewer';
}

/**
 * The condition a store query adds so staff see only the leads they may: an administrator
 * every lead; other staff the leads they own and the leads of their own branch (`branch`:
 * viewerBranch's answer). SQL over `l` (leads) and `lo` (lead_owners, LEFT JOINed); the
 * username and branch are parameters. Staff without a branch see their own leads alone, a
 * condition that reads no lead row: the board of such an account at 1 M leads otherwise
 * joined every lead (2.4 s → 3–4 ms).
 */
export function leadVisibilitySql(viewer: LeadViewer, params: unknown[], branch: string | null): string {
	if (viewer.role === 'admin') return 'true';
	params.push(viewer.username);
	const me = `$${params.length}`;
	if (branch === null) return `lo.owner = ${me}`;
	params.push(branch);
	const theirs = `$${params.length}`;
	return `(lo.owner = ${me} OR lo.branch = ${theirs} OR (lo.lead_id IS NULL AND ${LEAD_BRANCH_SQL} = ${theirs}))`;
}

/** The viewer's branch (owner_settings), null when they have none; an administrator's is not read (they see every lead). */
export async function viewerBranch(db: Queryable, viewer: LeadViewer): Promise<string | null> {
	if (viewer.role === 'admin') return null;
	const result = await db.query<{ branch: string | null }>('SELECT branch FROM owner_settings WHERE username = $1', [viewer.username]);
	return result.rows[0]?.branch || null;
}
