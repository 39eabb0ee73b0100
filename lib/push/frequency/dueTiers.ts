import { DEFAULT_TIME_ZONE } from '../../calendar';
import { localMoment, periodAt } from './frequencyPeriods';
import type { PushFrequencies } from './PushFrequencies';

/** The latest run of a tier, as tier_runs holds it (lastTierRuns). */
export interface LastTierRun {
	periodKey: string;
	periodStart: Date | string;
}

export interface DueTier {
	tier: string;
	/** `A:2026-12-06T10`: the tier and the period it is due for; tier_runs' unique key. */
	periodKey: string;
	/** ISO instants. */
	periodStart: string;
	dueFrom: string;
	/**
	 * Whole periods between the tier's last run and this one in which it never ran (the
	 * workflows were off, or no tick came). Reported, not replayed: the tier runs once now,
	 * for the current period, and its pending hits include whatever the missed runs left.
	 */
	missedPeriods: number;
}

/**
 * Which tiers are due at `now`: those whose current period has reached its due time and
 * that have not run for this period (nor for a later one) yet. With a tick every 15
 * minutes, each tier comes up due once per period; a tick missed at the due time is made
 * up by the next tick in the same period. Claim the result with claimTierRuns before
 * running it: two ticks at once both see a tier due, the claim lets one of them run it.
 */
export function dueTiers(
	frequencies: PushFrequencies,
	now: Date | string,
	lastRuns: Readonly<Record<string, LastTierRun | undefined>> = {},
): DueTier[] {
	const zone = frequencies.timezone ?? DEFAULT_TIME_ZONE;
	const moment = localMoment(now, zone);
	const due: DueTier[] = [];
	for (const tier of frequencies.tiers) {
		const period = periodAt(tier.frequency, moment);
		if (!period || moment < period.dueFrom) continue;
		const periodKey = `${tier.id}:${period.key}`;
		const last = lastRuns[tier.id];
		if (last && (last.periodKey === periodKey || toMillis(last.periodStart) >= period.start.toMillis())) continue;
		const lastIndex = last ? periodAt(tier.frequency, localMoment(last.periodStart, zone))?.index : undefined;
		due.push({
			tier: tier.id,
			periodKey,
			periodStart: period.start.toUTC().toISO() as string,
			dueFrom: period.dueFrom.toUTC().toISO() as string,
			missedPeriods: lastIndex === undefined ? 0 : Math.max(0, period.index - lastIndex - 1),
		});
	}
	return due;
}

function toMillis(value: Date | string): number {
	return typeof value === 'string' ? Date.parse(value) : value.getTime();
}
