/** z for a two-sided 95 % interval. */
export const Z95 = 1.959963984540054;

export interface Interval {
	low: number;
	high: number;
}

/** Wilson's score interval for a proportion x / n (n > 0). */
export function wilsonInterval(x: number, n: number, z = Z95): Interval {
	const p = x / n;
	const z2 = z * z;
	const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
	const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
	return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * Newcombe's hybrid score interval (his method 10) for p1 − p2, from each proportion's
 * Wilson interval: good coverage even for small counts and rates near 0, where the Wald
 * interval fails — conversion rates are often a few percent.
 */
export function newcombeInterval(x1: number, n1: number, x2: number, n2: number, z = Z95): Interval {
	const p1 = x1 / n1;
	const p2 = x2 / n2;
	const w1 = wilsonInterval(x1, n1, z);
	const w2 = wilsonInterval(x2, n2, z);
	const d = p1 - p2;
	return {
		low: d - Math.sqrt((p1 - w1.low) ** 2 + (w2.high - p2) ** 2),
		high: d + Math.sqrt((w1.high - p1) ** 2 + (p2 - w2.low) ** 2),
	};
}

export interface UpliftInput {
	/** Hits not held out (the rule's contact goes to them) and those of them that converted. */
	treated: number;
	treatedConverted: number;
	/** Held-out hits (对照组) and those of them that converted. */
	control: number;
	controlConverted: number;
	/** The share of hits held out, 0–1 (the rule's controlPercent / 100). */
	controlShare: number;
	/** Hits per day at the rule's current pace, to tell whether waiting can ever settle it. */
	hitsPerDay?: number;
}

export type UpliftVerdict = 'noControl' | 'tooFewHits' | 'significant' | 'notYet' | 'tooSmallToTell';

export interface Uplift {
	treatedRate: number | null;
	controlRate: number | null;
	/** treatedRate − controlRate. */
	uplift: number | null;
	/** 95 % interval of the uplift (Newcombe hybrid score). */
	interval: Interval | null;
	/** Hits (in all, both groups) still needed before the interval leaves 0 at the current rates; null when it never will. */
	hitsStillNeeded: number | null;
	verdict: UpliftVerdict;
	/** Chinese first: why the uplift cannot be told, when it cannot. */
	warning: string | null;
}

/** Beyond this many years at the rule's pace, waiting for significance is "never". */
export const YEARS_TO_TELL = 3;

/**
 * The hits (in all, both groups) it takes before the 95 % interval of the uplift excludes 0
 * when the two groups convert at these rates and `share` of the hits is held out: the N with
 * |d| = z·sqrt(p1(1−p1)/(N(1−c)) + p2(1−p2)/(N·c)). null when it never does (equal rates, or
 * a share of 0 or 1).
 */
export function hitsToTell(treatedRate: number, controlRate: number, share: number): number | null {
	const d = treatedRate - controlRate;
	if (d === 0 || share <= 0 || share >= 1) return null;
	const variance = (treatedRate * (1 - treatedRate)) / (1 - share) + (controlRate * (1 - controlRate)) / share;
	return variance === 0 ? null : Math.ceil((Z95 * Z95 * variance) / (d * d));
}

/**
 * A rule's uplift: the conversion rate of the hits it may contact minus that of the hits it
 * holds out, with its 95 % interval, and how many more hits it takes before that interval
 * excludes 0 if the rates stay as they are (hitsToTell), c the control share. A warning when there
 * is no control group, or when at the rule's pace that takes more than three years.
 */
export function uplift(input: UpliftInput): Uplift {
	const { treated, treatedConverted, control, controlConverted } = input;
	const treatedRate = treated > 0 ? treatedConverted / treated : null;
	const controlRate = control > 0 ? controlConverted / control : null;
	const none = { treatedRate, controlRate, uplift: null, interval: null, hitsStillNeeded: null };
	if (input.controlShare <= 0 && control === 0) {
		return { ...none, verdict: 'noControl', warning: '未设置对照组，无法衡量增量 (no control group: uplift unknown)' };
	}
	if (treatedRate === null || controlRate === null) {
		return { ...none, verdict: 'tooFewHits', warning: '命中数不足，实验组或对照组为空 (a group is still empty)' };
	}
	const d = treatedRate - controlRate;
	const interval = newcombeInterval(treatedConverted, treated, controlConverted, control);
	const significant = interval.low > 0 || interval.high < 0;
	const share = input.controlShare > 0 ? input.controlShare : control / (treated + control);
	const total = treated + control;
	let hitsStillNeeded: number | null = 0;
	if (!significant) {
		const needed = hitsToTell(treatedRate, controlRate, share);
		hitsStillNeeded = needed === null ? null : Math.max(0, needed - total);
	}
	const result = { treatedRate, controlRate, uplift: d, interval, hitsStillNeeded };
	if (significant) return { ...result, verdict: 'significant', warning: null };
	const days = hitsStillNeeded !== null && input.hitsPerDay ? hitsStillNeeded / input.hitsPerDay : null;
	if (hitsStillNeeded === null || (days !== null && days > YEARS_TO_TELL * 365)) {
		return {
			...result,
			verdict: 'tooSmallToTell',
			warning: `对照组比例 ${(share * 100).toFixed(1)}% 过小或差异过小：按当前命中量 ${YEARS_TO_TELL} 年内无法判断增量，请提高对照组比例 (control share too small to ever tell)`,
		};
	}
	return { ...result, verdict: 'notYet', warning: null };
}
