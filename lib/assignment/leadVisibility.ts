import type { Queryable } from '../store';
import { VISIBLE_BRANCH_SQL } from './leadBranch';

/** Who is looking: their account name, role and branch (owner_settings). */
export interface LeadViewer {
	username: string;
	role: 'admin' | 'marketing' | 'viewer';
}

/** Where a query reads a lead's owner (null: unassigned) and the branch whose staff see it (VISIBLE_BRANCH_SQL). */
export interface LeadVisibilityColumns {
	owner: string;
	branch: string;
}

/** Over `l` (leads) and `lo` (lead_owners, LEFT JOINed). */
export const LEAD_VISIBILITY_COLUMNS: LeadVisibilityColumns = { owner: 'lo.owner', branch: VISIBLE_BRANCH_SQL };

/**
 * The condition a store query adds so staff see only the leads they may: an administrator
 * every lead; other staff the leads they own and the leads of their own branch (`branch`:
 * viewerBranch's answer). The username and branch are parameters. `columns`: where the owner
 * and branch are read — a stored copy (the board's, lead_board_scores) lets an index answer
 * instead of every lead read from `leads` (1 M leads: p95 298 / 697 ms for a branch's account).
 * Staff without a branch see their own leads alone.
 */
export function leadVisibilitySql(viewer: LeadViewer, params: unknown[], branch: string | null, columns = LEAD_VISIBILITY_COLUMNS): string {
	if (viewer.role === 'admin') return 'true';
	params.push(viewer.username);
	const me = `$${params.length}`;
	if (branch === null) return `${columns.owner} = ${me}`;
	params.push(branch);
	return `(${columns.owner} = ${me} OR ${columns.branch} = $${params.length})`;
}

/** The viewer's branch (owner_settings), null when they have none; an administrator's is not read (they see every lead). */
export async function viewerBranch(db: Queryable, viewer: LeadViewer): Promise<string | null> {
	if (viewer.role === 'admin') return null;
	const result = await db.query<{ branch: string | null }>('SELECT branch FROM owner_settings WHERE username = $1', [viewer.username]);
	return result.rows[0]?.branch || null;
}
