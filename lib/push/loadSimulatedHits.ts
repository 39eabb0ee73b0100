import { PUSH_GRADE_SQL } from '../hits';
import { loadLedgerEntries, loadOptOuts, loadPushHistory, optOutSubjects, pushKey, type Channel } from '../ledger';
import type { Queryable } from '../store';
import type { PushRecord } from './decide';
import { GATE_HIT_COLUMNS, gateHitFromRow, type GateHitRow } from './gateQueries';
import type { CompiledPolicy } from './schedule/CompiledPolicy';
import type { SimulatedHit } from './simulatePushDay';
import { standingHold } from './standingHold';

export interface SimulationSource {
	/** These hits; left out: every pending hit (optionally of one grade). */
	hitIds?: number[];
	grade?: string;
	/** Push on this channel; left out: the policy's channel for each hit's grade. */
	channel?: Channel;
	keyScope: string;
	now: number;
	limit?: number;
}

/** The hits to plan and the ledger they are planned against, read only. */
export async function loadSimulatedHits(
	db: Queryable,
	policy: CompiledPolicy,
	source: SimulationSource,
): Promise<{ hits: SimulatedHit[]; history: Map<string, PushRecord[]> }> {
	const params: unknown[] = [];
	const where: string[] = [];
	if (source.hitIds) {
		params.push(source.hitIds);
		where.push(`h.hit_id = ANY($${params.length}::bigint[])`);
	} else {
		where.push(`h.status = 'pending'`);
		if (source.grade) {
			params.push(source.grade);
			where.push(`${PUSH_GRADE_SQL} = $${params.length}`);
		}
	}
	params.push(Math.max(1, source.limit ?? 100_000));
	const result = await db.query<GateHitRow & { label: string | null; phone_masked: string | null }>(
		`SELECT ${GATE_HIT_COLUMNS}, h.label, l.phone_masked
		 FROM hits h JOIN leads l ON l.lead_id = h.lead_id
		 WHERE ${where.join(' AND ')}
		 ORDER BY h.hit_id LIMIT $${params.length}`,
		params,
	);
	const rows = result.rows.map((row) => ({
		row,
		hit: gateHitFromRow(row),
		channel: source.channel ?? policy.channelForGrade(row.grade),
	}));
	const ledger = await loadLedgerEntries(
		db,
		rows.map(({ hit, channel }) => pushKey(source.keyScope, hit.hitId, channel)),
		source.now,
	);
	const leadIds = [...new Set(rows.map(({ hit }) => hit.leadId))];
	const history = await loadPushHistory(db, leadIds, source.now);
	const optOuts = await loadOptOuts(db, rows.flatMap(({ hit }) => optOutSubjects(hit.leadId, hit.phoneHash)));
	const hits = rows.map(({ row, hit, channel }) => {
		const key = pushKey(source.keyScope, hit.hitId, channel);
		return {
			hitId: hit.hitId,
			leadId: hit.leadId,
			channel,
			grade: hit.grade,
			label: row.label,
			phone: row.phone_masked,
			standingHold: standingHold(hit, channel, optOuts, ledger.get(key), policy.clock),
			key,
		};
	});
	// A reservation not yet sent is this hit's own pending push: plan it, do not count it against itself.
	const ownKeys = new Set(hits.map((hit) => hit.key));
	const counted = new Map<string, PushRecord[]>();
	for (const [leadId, pushes] of history) counted.set(leadId, pushes.filter((push) => !ownKeys.has(push.key) || ledger.get(push.key)?.state !== 'reserved'));
	return { hits: hits.map(({ key: _key, ...hit }) => hit), history: counted };
}
