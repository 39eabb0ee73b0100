import { DomainError } from '../../errors';
import type { Queryable, Store } from '../../store';
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

/** One claimed run of a tier, as tier_runs keeps it. Times are ISO 8601 (UTC). */
export interface TierRun {
	tier: string;
	periodKey: string;
	periodStart: string;
	/** The frequencies version that made the tier due; null when the claim did not say. */
	frequenciesVersion: number | null;
	claimedAt: string;
	finishedAt: string | null;
	summary: Record<string, unknown>;
}

interface TierRunRow {
	tier: string;
	period_key: string;
	period_start: Date | string;
	frequencies_version: number | null;
	claimed_at: Date | string;
	finished_at: Date | string | null;
	summary: Record<string, unknown>;
}

/** The run of a tier for a period; a run never claimed is an error naming the period. */
export async function tierRun(db: Queryable, run: Pick<DueTier, 'tier' | 'periodKey'>): Promise<TierRun> {
	const result = await db.query<TierRunRow>(
		`SELECT tier, period_key, period_start, frequencies_version, claimed_at, finished_at, summary
		 FROM tier_runs WHERE tier = $1 AND period_key = $2`,
		[run.tier, run.periodKey],
	);
	const row = result.rows[0];
	if (!row) {
		throw new DomainError(
			'notFound',
			`推送档位 "${run.tier}" 没有周期 "${run.periodKey}" 的运行记录 (no run of tier ${run.tier} was claimed for ${run.periodKey})`,
			'periodKey',
		);
	}
	return {
		tier: row.tier,
		periodKey: row.period_key,
		periodStart: isoTime(row.period_start),
		frequenciesVersion: row.frequencies_version === null ? null : Number(row.frequencies_version),
		claimedAt: isoTime(row.claimed_at),
		finishedAt: row.finished_at === null ? null : isoTime(row.finished_at),
		summary: row.summary ?? {},
	};
}

function isoTime(value: Date | string): string {
	return (value instanceof Date ? value : new Date(value)).toISOString();
}
