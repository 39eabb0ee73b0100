import type { Store } from '../store';
import { windowEndFor, type RuleSet } from '../rules';
import { computeCoverage } from './coverage';

/**
 * The seed's 当前配置覆盖线索预估 as the Lead Monitor node gives it: for each of the last
 * `days` days, how many roster leads the rule set would have matched with that day as the
 * window end (coverage.ts: one scan for all the days). Writes nothing and ignores earlier
 * hits (it counts coverage, not new hits).
 */
export interface PreviewOptions {
	asOf?: Date;
	timeZone?: string;
	/** The last day previewed, YYYY-MM-DD; default the window end for asOf. */
	windowEnd?: string;
	/** How many days, 1 to 90. */
	days: number;
	batchSize?: number;
}

export interface PreviewDay {
	date: string;
	/** Leads matching at least one rule. */
	leads: number;
	byRule: Record<string, number>;
	/** Lead × rule evaluations that failed (they count as no match). */
	errors: number;
}

export async function previewCoverage(store: Store, ruleSet: RuleSet, options: PreviewOptions): Promise<PreviewDay[]> {
	const lastDay = options.windowEnd ?? windowEndFor(options.asOf ?? new Date(), options.timeZone);
	const coverage = await computeCoverage(store, ruleSet, { lastDay, days: options.days, batchSize: options.batchSize });
	return coverage.days.map(({ date, leads, byRule, errors }) => ({ date, leads, byRule, errors }));
}
