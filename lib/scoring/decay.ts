import type { Decay } from './ScoringModel';

/** How many half-lives a point counts for before it is worth nothing (under 0.1 % of it is left). */
const HALF_LIVES_COUNTED = 10;

/**
 * The days behaviour points count for: the window, or ten half-lives. Entries older than that
 * are worth 0 and are dropped from the ledger, so a day's run reads only this many days.
 */
export function decayHorizonDays(decay: Decay): number {
	return decay.kind === 'window' ? Math.ceil(decay.days) : Math.ceil(decay.days * HALF_LIVES_COUNTED);
}

/** What `base` points from `ageDays` ago are worth today, rounded to cents (as the ledger stores them). */
export function decayedPoints(decay: Decay, base: number, ageDays: number): number {
	if (ageDays < 0 || ageDays >= decayHorizonDays(decay)) return 0;
	if (decay.kind === 'window') return base;
	return Math.round(base * 0.5 ** (ageDays / decay.days) * 100) / 100;
}

/**
 * The same in SQL over an entry's `base_points` and `day`, as of `$asOf` (a date parameter);
 * the decay's numbers are pushed onto `params`.
 */
export function decayedPointsSql(decay: Decay, asOf: string, params: unknown[]): string {
	params.push(decayHorizonDays(decay));
	const horizon = `$${params.length}::int`;
	const age = `(${asOf} - day)`;
	if (decay.kind === 'window') return `CASE WHEN ${age} >= ${horizon} THEN 0 ELSE base_points END`;
	params.push(decay.days);
	return `CASE WHEN ${age} >= ${horizon} THEN 0 ELSE round(base_points * power(0.5::numeric, ${age}::numeric / $${params.length}::numeric), 2) END`;
}
