import { addDays } from '../../lib/calendar';
import { assertValidRuleSet, buildAggregateQuery, compileRuleSet, type AggregateRow, type RuleSet } from '../../lib/rules';
import type { Store } from '../../lib/store';

/**
 * The coverage preview as it was before the one scan (lib/monitor/preview.ts until issue
 * 14): one full aggregate per day, the compiled predicates on its rows. Kept as the
 * baseline of bench/coverage and the reference of the differential test
 * (test/monitor/coverage.test.ts); it also returns each day's matched leads and the rules
 * each matched, which the test compares added / removed and the breakdowns with.
 */
export interface PerDayCoverage {
	date: string;
	leads: number;
	byRule: Record<string, number>;
	errors: number;
	/** lead_id → the rules (by index) it matched that day. */
	matched: Map<string, number[]>;
}

export async function perDayCoverage(
	store: Store,
	input: RuleSet,
	options: { lastDay: string; days: number; idHashes?: readonly string[]; keepMatches?: boolean },
): Promise<PerDayCoverage[]> {
	const ruleSet = assertValidRuleSet(input);
	const compiled = compileRuleSet(ruleSet, { factKey: buildAggregateQuery(ruleSet, { windowEnd: options.lastDay }).factKey });
	const out: PerDayCoverage[] = [];
	for (let back = options.days - 1; back >= 0; back--) {
		const date = addDays(options.lastDay, -back);
		const query = buildAggregateQuery(ruleSet, { windowEnd: date, idHashes: options.idHashes });
		const day: PerDayCoverage = { date, leads: 0, byRule: Object.fromEntries(ruleSet.rules.map((r) => [r.name, 0])), errors: 0, matched: new Map() };
		for await (const rows of store.stream<AggregateRow>(query.sql, query.params, 5000)) {
			for (const row of rows) {
				const rules: number[] = [];
				compiled.rules.forEach((rule, r) => {
					try {
						if (!rule.test(row)) return;
					} catch {
						day.errors++;
						return;
					}
					day.byRule[rule.name]++;
					rules.push(r);
				});
				if (!rules.length) continue;
				day.leads++;
				if (options.keepMatches) day.matched.set(row.lead_id, rules);
			}
		}
		out.push(day);
	}
	return out;
}
