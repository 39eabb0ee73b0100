import { addDays } from '../calendar';
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

/**
 * What a point from `ageDays` ago is worth today, to 15 significant digits (as PostgreSQL
 * turns a double into numeric): 1 inside the window, ½^(age / half-life) with a half-life.
 */
export function decayFactor(decay: Decay, ageDays: number): number {
	if (ageDays < 0 || ageDays >= decayHorizonDays(decay)) return 0;
	if (decay.kind === 'window') return 1;
	return Number((0.5 ** (ageDays / decay.days)).toPrecision(15));
}

/** What `base` points from `ageDays` ago are worth today, rounded to cents (as the ledger stores them). */
export function decayedPoints(decay: Decay, base: number, ageDays: number): number {
	const cents = Math.round(Math.abs(base) * decayFactor(decay, ageDays) * 100) / 100;
	return base < 0 ? -cents : cents;
}

/**
 * One row per day of the horizon with its factor, for SQL (`day`, `factor`): the decay is
 * computed once per day, not per entry (numeric powers are slow), and PostgreSQL rounds
 * half away from zero as decayedPoints does.
 */
export function decayFactorsByDay(decay: Decay, asOf: string): { days: string[]; factors: string[] } {
	const days: string[] = [];
	const factors: string[] = [];
	for (let age = 0; age < decayHorizonDays(decay); age++) {
		days.push(addDays(asOf, -age));
		factors.push(String(decayFactor(decay, age)));
	}
	return { days, factors };
}
