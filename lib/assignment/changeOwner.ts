import type { Queryable, Store } from '../store';
import { LEAD_BRANCH_SQL } from './leadBranch';
import { recordOwnerMoves } from './ownerChanges';
import { AssignmentError, availableOwners } from './ownerSettings';
import { pickOwner } from './pickOwner';

export interface ChangeOwnerInput {
	leadId: string;
	toOwner: string;
	actor: string;
	reason: string;
	day: string;
}

/**
 * Moves a lead to another owner (变更负责人) and tells the previous owner — unless their
 * account is deactivated (they can no longer see the change). The new owner must be an
 * active staff account.
 */
export async function changeOwner(store: Store, input: ChangeOwnerInput): Promise<{ changeId: number; previousOwner: string | null }> {
	return store.transaction((tx) => changeOwnerIn(tx, input));
}

/** changeOwner inside the caller's transaction (the console audits the change in the same one). */
export async function changeOwnerIn(tx: Queryable, input: ChangeOwnerInput): Promise<{ changeId: number; previousOwner: string | null }> {
	if (!input.reason.trim()) throw new AssignmentError('reason', '请填写变更原因 (a reason is required)');
	const lead = await tx.query<{ branch: string | null; previous: string | null; previous_active: boolean | null }>(
		`SELECT ${LEAD_BRANCH_SQL} AS branch, o.owner AS previous, NOT a.disabled AS previous_active
		 FROM leads l LEFT JOIN lead_owners o ON o.lead_id = l.lead_id LEFT JOIN staff_accounts a ON a.username = o.owner
		 WHERE l.lead_id = $1 FOR UPDATE OF l`,
		[input.leadId],
	);
	if (lead.rowCount === 0) throw new AssignmentError('leadId', `线索 ${input.leadId} 不存在 (lead not found)`, 'leadNotFound');
	const owner = await tx.query('SELECT 1 FROM staff_accounts WHERE username = $1 AND NOT disabled', [input.toOwner]);
	if (owner.rowCount === 0) throw new AssignmentError('toOwner', `${input.toOwner} 不是在用的员工账号 (not an active staff account)`, 'ownerNotFound');
	const { branch, previous, previous_active } = lead.rows[0];
	if (previous === input.toOwner) throw new AssignmentError('toOwner', `线索已由 ${input.toOwner} 负责 (already the owner)`, 'sameOwner');
	const [changeId] = await recordOwnerMoves(tx, [
		{ leadId: input.leadId, toOwner: input.toOwner, branch, kind: 'change', actor: input.actor, reason: input.reason.trim(), day: input.day, notifyPrevious: previous_active === true },
	]);
	return { changeId, previousOwner: previous };
}

/**
 * Reassigns, by the rules, the leads of owners whose account is deactivated (员工离职); the
 * previous owner is not notified. Leads no owner has room for today stay with the old owner
 * and are counted as waiting.
 */
export async function reassignFromDeactivated(store: Store, options: { day: string; actor?: string }): Promise<{ reassigned: number; waiting: number }> {
	return store.transaction(async (tx) => {
		await tx.query(`SELECT pg_advisory_xact_lock(hashtext('lead_monitor.assignLeads'))`);
		const orphans = await tx.query<{ lead_id: string; branch: string | null; owner: string }>(
			`SELECT o.lead_id, ${LEAD_BRANCH_SQL} AS branch, o.owner
			 FROM lead_owners o JOIN leads l ON l.lead_id = o.lead_id JOIN staff_accounts a ON a.username = o.owner
			 WHERE a.disabled ORDER BY o.lead_id`,
		);
		const owners = await availableOwners(tx, options.day);
		let sequence = Date.now();
		const moves = orphans.rows.flatMap((lead) => {
			const owner = pickOwner(owners, lead.branch, ++sequence);
			if (!owner) return [];
			return [{
				leadId: lead.lead_id,
				toOwner: owner.username,
				branch: lead.branch,
				kind: 'reassignDeactivated' as const,
				actor: options.actor ?? 'system',
				reason: `原负责人 ${lead.owner} 账号已停用`,
				day: options.day,
				notifyPrevious: false,
			}];
		});
		await recordOwnerMoves(tx, moves);
		return { reassigned: moves.length, waiting: orphans.rows.length - moves.length };
	});
}
