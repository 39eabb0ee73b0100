import { hitsToTell, YEARS_TO_TELL } from './uplift';

/**
 * When a proposed control share could tell a rule's (or a grade's) uplift, at the pace and the
 * conversion rates of its recent hits: how many hits, and how many weeks of them, it takes
 * before the uplift's 95 % interval leaves 0 (hitsToTell, the same sum the report's "hits still
 * needed" comes from), counted from the change. Pure (no imports but the uplift's): the console
 * shows it beside each control share input.
 */

/** A group's recent hits and conversions, e.g. the ROI report's row of a rule or a grade over the last `days`. */
export interface RecentCounts {
	/** Hits not held out, and those of them converted. */
	treated: number;
	treatedConverted: number;
	/** Held-out hits (对照组), and those of them converted. */
	control: number;
	controlConverted: number;
	/** The days those hits came in (> 0). */
	days: number;
}

export interface ControlShareOutlookInput {
	/** The proposed share, in percent (0–50; undefined is 0). */
	controlPercent: number | undefined;
	/** The group's recent hits; null when the report has none for it. */
	recent: RecentCounts | null;
}

/**
 * Without a held-out group to compare with, the effect to look for: held-out hits converting at
 * half the rate of the contacted ones (contact doubling conversions). Said beside the figure.
 */
export const ASSUMED_CONTROL_RATE_RATIO = 0.5;

export type ControlShareOutlook =
	/** 0 %: nothing held out, the uplift is never measured. */
	| { verdict: 'noControl' }
	/** No recent hits: nothing to estimate the pace from. */
	| { verdict: 'noHits' }
	/** Hits but no conversion yet: no rate to estimate the effect from. */
	| { verdict: 'noConversions'; hitsPerDay: number }
	/**
	 * `hitsNeeded` in all (both groups) from the change on, `weeksNeeded` at the recent pace;
	 * `assumed` when the held-out rate is ASSUMED_CONTROL_RATE_RATIO of the treated one (no
	 * held-out hits yet, or they convert exactly as the treated do).
	 */
	| { verdict: 'canTell'; hitsNeeded: number; weeksNeeded: number; hitsPerDay: number; assumed: boolean }
	/** More than YEARS_TO_TELL years at the recent pace, or never (hitsNeeded null): raise the share. */
	| { verdict: 'tooSmallToTell'; hitsNeeded: number | null; weeksNeeded: number | null; hitsPerDay: number; assumed: boolean };

export function controlShareOutlook({ controlPercent, recent }: ControlShareOutlookInput): ControlShareOutlook {
	const share = (controlPercent ?? 0) / 100;
	if (!(share > 0)) return { verdict: 'noControl' };
	const hits = recent ? recent.treated + recent.control : 0;
	if (!recent || hits === 0 || !(recent.days > 0)) return { verdict: 'noHits' };
	const hitsPerDay = hits / recent.days;
	const treatedRate = recent.treated > 0 ? recent.treatedConverted / recent.treated : null;
	const controlRate = recent.control > 0 ? recent.controlConverted / recent.control : null;
	const observed = treatedRate !== null && controlRate !== null && treatedRate !== controlRate;
	const baseRate = treatedRate ?? (recent.controlConverted + recent.treatedConverted) / hits;
	if (!observed && baseRate === 0) return { verdict: 'noConversions', hitsPerDay };
	const hitsNeeded = observed ? hitsToTell(treatedRate, controlRate, share) : hitsToTell(baseRate, baseRate * ASSUMED_CONTROL_RATE_RATIO, share);
	const weeksNeeded = hitsNeeded === null ? null : Math.ceil(hitsNeeded / hitsPerDay / 7);
	const outlook = { hitsNeeded, weeksNeeded, hitsPerDay, assumed: !observed };
	if (hitsNeeded === null || weeksNeeded === null || weeksNeeded * 7 > YEARS_TO_TELL * 365) return { verdict: 'tooSmallToTell', ...outlook };
	return { verdict: 'canTell', ...outlook, hitsNeeded, weeksNeeded };
}
