import { activeConfig, configVersion } from '../../config';
import { countHits, hitWhere } from '../../hits';
import type { Channel, LedgerState } from '../../ledger';
import type { Queryable, Store } from '../../store';
import type { DueTier } from './dueTiers';
import { frequenciesConfig } from './savedFrequencies';
import { tierRun } from './tierRuns';
import { tierHits, type TierHits } from './tierSelection';

/** What a tier's run did, as finishTierRun records it. */
export interface TierRunSummary {
	/**
	 * Push-ledger entries of the tier's hits written since the run was claimed, by channel
	 * and state: `{ call: { sent: 3 }, sms: { sent: 10, failed: 1 } }`.
	 */
	pushes: Partial<Record<Channel, Partial<Record<LedgerState, number>>>>;
	/** The tier's hits still 待营销处理 afterwards: held by the contact policy, failed, or new since. */
	stillPending: number;
}

/**
 * Summarises a claimed run from the store, so that it does not matter which branches of the
 * workflow ran (nothing pending, everything held, SMS and calls): the tier's hits are
 * selected as the frequencies version that made the tier due selects them.
 */
export async function summarizeTierRun(db: Store, run: Pick<DueTier, 'tier' | 'periodKey'>): Promise<TierRunSummary> {
	const claimed = await tierRun(db, run);
	const frequencies =
		claimed.frequenciesVersion === null
			? await activeConfig(db, frequenciesConfig)
			: await configVersion(db, frequenciesConfig, claimed.frequenciesVersion);
	const selection = tierHits(frequencies.body, claimed.tier);
	return {
		pushes: await pushesSince(db, selection, claimed.claimedAt),
		stillPending: await countHits(db, { ...selection, status: 'pending' }),
	};
}

async function pushesSince(db: Queryable, selection: TierHits, since: string): Promise<TierRunSummary['pushes']> {
	const params: unknown[] = [];
	const where = hitWhere(selection, params);
	params.push(since);
	const result = await db.query<{ channel: Channel; state: LedgerState; n: number }>(
		`SELECT p.channel, p.state, count(*)::int AS n
		 FROM push_ledger p JOIN hits h ON h.hit_id = p.hit_id
		 ${where ? `${where} AND` : 'WHERE'} p.updated_at >= $${params.length}::timestamptz
		 GROUP BY p.channel, p.state ORDER BY p.channel, p.state`,
		params,
	);
	const pushes: TierRunSummary['pushes'] = {};
	for (const row of result.rows) pushes[row.channel] = { ...pushes[row.channel], [row.state]: Number(row.n) };
	return pushes;
}
