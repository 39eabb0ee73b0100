import type { Queryable } from '../store';
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
 *
 * `branch`: the viewer's branch, when the caller has read it (viewerBranch). With none, the
 * condition is then the viewer's own leads alone, which reads no lead row: the board of a
 * marketing account without a branch at 1 M leads otherwise joined every lead.
 */
export function leadVisibilitySql(viewer: LeadViewer, params: unknown[], branch?: string | null): string {
	if (viewer.role === 'admin') return 'true';
	params.push(viewer.username);
	const me = `$${params.length}`;
	if (branch === null) return `lo.owner = ${me}`;
	let theirs = `(SELECT branch FROM owner_settings WHERE username = ${me})`;
	if (branch !== undefined) {
		params.push(branch);
		theirs = `$${params.length}`;
	}
	return `(lo.owner = ${me} OR lo.branch = ${theirs} OR (lo.lead_id IS NULL AND ${LEAD_BRANCH_SQL} = ${theirs}))`;
}

/** The viewer's branch (owner_settings), null when they have none. */
export async function viewerBranch(db: Queryable, username: string): Promise<string | null> {
	const result = await db.query<{ branch: string | null }>('SELECT branch FROM owner_settings WHERE username = $1', [username]);
	return result.rows[0]?.branch || null;
}
