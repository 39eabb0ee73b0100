import type { Store } from '../../store';
import type { DueTier, LastTierRun } from './dueTiers';

/** The SQL of tier_runs (this module owns the table): which tier ran for which period. */

export interface ClaimOptions {
	/** The frequencies version that made the tiers due, kept with each run. */
	frequenciesVersion?: number;
}

/**
 * Claims due tiers for their periods and returns the ones this caller won. The primary key
 * (tier, period_key) lets exactly one claim per tier and period succeed, however many
 * triggers fire or workers tick at once; the others get nothing to run.
 */
export async function claimTierRuns(db: Store, due: readonly DueTier[], options: ClaimOptions = {}): Promise<DueTier[]> {
	const claimed: DueTier[] = [];
	for (const tier of due) {
		const result = await db.query(
			`INSERT INTO tier_runs (tier, period_key, period_start, frequencies_version)
			 VALUES ($1, $2, $3, $4) ON CONFLICT (tier, period_key) DO NOTHING RETURNING tier`,
			[tier.tier, tier.periodKey, tier.periodStart, options.frequenciesVersion ?? null],
		);
		if (result.rowCount) claimed.push(tier);
	}
	return claimed;
}

/** The latest run of every tier that ever ran (by period start), for dueTiers. */
export async function lastTierRuns(db: Store): Promise<Record<string, LastTierRun>> {
	const result = await db.query<{ tier: string; period_key: string; period_start: Date | string }>(
		`SELECT DISTINCT ON (tier) tier, period_key, period_start FROM tier_runs ORDER BY tier, period_start DESC, claimed_at DESC`,
	);
	return Object.fromEntries(result.rows.map((row) => [row.tier, { periodKey: row.period_key, periodStart: row.period_start }]));
}

/** Records how a claimed run ended (e.g. hits selected, sent, held). */
export async function finishTierRun(
	db: Store,
	run: Pick<DueTier, 'tier' | 'periodKey'>,
	summary: Record<string, unknown> = {},
): Promise<void> {
	await db.query(`UPDATE tier_runs SET finished_at = now(), summary = $3::jsonb WHERE tier = $1 AND period_key = $2`, [
		run.tier,
		run.periodKey,
		JSON.stringify(summary),
	]);
}
