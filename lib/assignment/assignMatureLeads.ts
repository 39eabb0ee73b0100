import type { Store } from '../store';
import { LEAD_BRANCH_SQL } from './leadBranch';
import { recordOwnerMoves, type OwnerMove } from './ownerChanges';
import { availableOwners } from './ownerSettings';
import { pickOwner } from './pickOwner';

export interface AssignOptions {
	/** The local day the assignments count against capacity (the scoring date). */
	day: string;
	actor?: string;
	/** At most this many leads in one run (default 10 000). */
	limit?: number;
}

export interface AssignSummary {
	assigned: number;
	toExistingOwner: number;
	byRules: number;
	/** Mature leads left unassigned: no owner had room today. */
	waiting: number;
	changeIds: number[];
}

interface Candidate {
	lead_id: string;
	branch: string | null;
	existing: string | null;
	score: string;
}

/**
 * Assigns every mature lead (score ≥ 及格线) that has no owner yet, best score first: to its
 * existing owner — the roster's 负责人, or the owner of the source lead it is linked to —
 * when that is an active staff account (the seed's duplicate routing), else by the rules
 * (pickOwner). Every assignment is kept with who and why, and alerts the new owner.
 */
export async function assignMatureLeads(store: Store, options: AssignOptions): Promise<AssignSummary> {
	const actor = options.actor ?? 'system';
	return store.transaction(async (tx) => {
		await tx.query(`SELECT pg_advisory_xact_lock(hashtext('lead_monitor.assignLeads'))`);
		const candidates = await tx.query<Candidate>(
			`SELECT s.lead_id, ${LEAD_BRANCH_SQL} AS branch, s.score::text AS score,
				coalesce(src.owner, roster.username) AS existing
			 FROM lead_scores s
			 JOIN leads l ON l.lead_id = s.lead_id
			 LEFT JOIN lead_owners o ON o.lead_id = s.lead_id
			 LEFT JOIN lead_links k ON k.lead_id = s.lead_id
			 LEFT JOIN lead_owners src ON src.lead_id = k.source_lead_id
				AND EXISTS (SELECT 1 FROM staff_accounts a WHERE a.username = src.owner AND NOT a.disabled)
			 LEFT JOIN staff_accounts roster ON roster.username = lower(trim(l.owner)) AND NOT roster.disabled
			 WHERE s.mature AND o.lead_id IS NULL
			 ORDER BY s.score DESC, s.lead_id
			 LIMIT $1`,
			[options.limit ?? 10_000],
		);
		const owners = await availableOwners(tx, options.day);
		const moves: OwnerMove[] = [];
		let waiting = 0;
		let sequence = Date.now();
		for (const lead of candidates.rows) {
			const base = { leadId: lead.lead_id, branch: lead.branch, actor, day: options.day, notifyPrevious: false };
			if (lead.existing) {
				const known = owners.find((o) => o.username === lead.existing);
				if (known) known.assignedToday++;
				moves.push({ ...base, toOwner: lead.existing, kind: 'existingOwner', reason: `评分 ${Number(lead.score)} 达到及格线，已有负责人 ${lead.existing}` });
				continue;
			}
			const owner = pickOwner(owners, lead.branch, ++sequence);
			if (!owner) {
				waiting++;
				continue;
			}
			const where = lead.branch && owner.branch === lead.branch ? `机构 ${lead.branch}` : '全部机构';
			moves.push({ ...base, toOwner: owner.username, kind: 'assign', reason: `评分 ${Number(lead.score)} 达到及格线，按${where}轮流分配（今日第 ${owner.assignedToday} 条）` });
		}
		const changeIds = await recordOwnerMoves(tx, moves);
		const toExistingOwner = moves.filter((m) => m.kind === 'existingOwner').length;
		return { assigned: moves.length, toExistingOwner, byRules: moves.length - toExistingOwner, waiting, changeIds };
	});
}
