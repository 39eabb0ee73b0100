import { addDays } from '../calendar';
import type { Store } from '../store';
import { assertValidRuleSet, buildAggregateQuery, compileRuleSet, windowEndFor, type AggregateRow, type RuleSet } from '../rules';

/**
 * The seed's 当前配置覆盖线索预估: for each of the last `days` days, how many roster leads
 * the rule set would have matched with that day as the window end. Writes nothing and
 * ignores earlier hits (it counts coverage, not new hits).
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

export async function previewCoverage(store: Store, input: RuleSet, options: PreviewOptions): Promise<PreviewDay[]> {
	const ruleSet = assertValidRuleSet(input);
	if (!Number.isInteger(options.days) || options.days < 1 || options.days > 90) {
		throw new Error(`days must be a whole number from 1 to 90 (got ${String(options.days)})`);
	}
	const last = options.windowEnd ?? windowEndFor(options.asOf ?? new Date(), options.timeZone);
	const out: PreviewDay[] = [];
	// The fact columns depend on the rule set alone: compiled once, queried day by day.
	const compiled = compileRuleSet(ruleSet, { factKey: buildAggregateQuery(ruleSet, { windowEnd: last }).factKey });
	for (let back = options.days - 1; back >= 0; back--) {
		const date = addDays(last, -back);
		const query = buildAggregateQuery(ruleSet, { windowEnd: date });
		const day: PreviewDay = { date, leads: 0, byRule: Object.fromEntries(ruleSet.rules.map((r) => [r.name, 0])), errors: 0 };
		for await (const rows of store.stream<AggregateRow>(query.sql, query.params, options.batchSize ?? 5000)) {
			for (const row of rows) {
				let any = false;
				for (const rule of compiled.rules) {
					try {
						if (!rule.test(row)) continue;
					} catch {
						day.errors++;
						continue;
					}
					day.byRule[rule.name]++;
					any = true;
				}
				if (any) day.leads++;
			}
		}
		out.push(day);
	}
	return out;
}
