import { addDays, daysBetween } from '../calendar';
import type { Decay } from './ScoringModel';

/** How many half-lives a point counts for before it is worth nothing (under 0.1 % of it is left). */
const HALF_LIVES_COUNTED = 10;

/**
 * How many half-lives a run may lie after its epoch before the ledger is rebuilt on a new
 * one: the forward factors 2^((day − epoch) / half-life) then stay below 2^60.
 */
export const HALF_LIVES_PER_EPOCH = 60;

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

/** What `base` points from `ageDays` ago are worth today, rounded to cents. */
export function decayedPoints(decay: Decay, base: number, ageDays: number): number {
	const cents = Math.round(Math.abs(base) * decayFactor(decay, ageDays) * 100) / 100;
	return base < 0 ? -cents : cents;
}

/**
 * Forward decay (Cormode et al.): an entry of `day` is stored once as base × 2^((day − epoch) / h),
 * and everything is worth that × 2^(−(t − epoch) / h) on day t — one factor for every entry
 * and lead, so no entry is rewritten as it ages. With a window both factors are 1.
 * Factors are decimal strings of 15 significant digits, for numeric in SQL.
 */
export function forwardWeight(decay: Decay, epoch: string, day: string): string {
	if (decay.kind === 'window') return '1';
	return (2 ** (daysBetween(epoch, day) / decay.days)).toPrecision(15);
}

/** The factor that brings forward points to their worth on `scoredOn` (see forwardWeight). */
export function decayScale(decay: Decay, epoch: string, scoredOn: string): string {
	if (decay.kind === 'window') return '1';
	return (2 ** (-daysBetween(epoch, scoredOn) / decay.days)).toPrecision(15);
}

/** Whether a run on `scoredOn` lies too far after `epoch` (see HALF_LIVES_PER_EPOCH). */
export function epochExpired(decay: Decay, epoch: string, scoredOn: string): boolean {
	return decay.kind === 'halfLife' && daysBetween(epoch, scoredOn) > HALF_LIVES_PER_EPOCH * decay.days;
}

/** The forward weights of the days after `from` up to `to`, for SQL (`day`, `weight`). */
export function forwardWeightsByDay(decay: Decay, epoch: string, from: string, to: string): { days: string[]; weights: string[] } {
	const days: string[] = [];
	const weights: string[] = [];
	for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
		days.push(day);
		weights.push(forwardWeight(decay, epoch, day));
	}
	return { days, weights };
}
