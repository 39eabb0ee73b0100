import { addDays, daysBetween, isIsoDate } from '../calendar';
import { GRADES, assertValidRuleSet, compileRuleSet, ruleWindowDays, type CompiledRuleSet, type RuleSet } from '../rules';
import { stableStringify } from '../stableJson';
import type { Store } from '../store';
import { buildCoverageQuery, type CoverageQuery, type CoverageRuleSetPlan } from './coverageQuery';
import { LeadActivity, type CoverageRow } from './leadActivity';

/**
 * The seed's 当前配置覆盖线索预估 in one scan: for each of the last `days` days, how many
 * roster leads the rule set would have matched with that day as the window end (exactly
 * what one aggregate per day would count), and, against a base rule set (the active
 * version), which leads it adds and removes. The events are read once for all days and
 * both rule sets (coverageQuery.ts); each lead's facts are computed per day in memory
 * (leadActivity.ts) and the compiled predicates run on them. Writes nothing and ignores
 * earlier hits: it counts coverage, not new hits.
 *
 * The last day's difference is broken down by grade and by institution, each lead once, so
 * both add up to the day's added and removed: an added lead counts under the best grade
 * (A first) of the new rules it matches, a removed one under the best of the base rules it
 * matched; its institution is the one it called most often within that rule's window
 * (ruleWindow.ts; ties to the name first in code-point order, '' with no call there).
 */
export interface CoverageOptions {
	/** The last day previewed, YYYY-MM-DD. */
	lastDay: string;
	/** How many days, 1 to 90. */
	days: number;
	/** Compare with this rule set (the active version). */
	base?: RuleSet;
	/** Only the fixed sample of ID hashes (coverageSample.ts): counts are the sample's, not scaled. */
	sample?: boolean;
	batchSize?: number;
}

export interface CoverageDayCount {
	date: string;
	/** Leads matching at least one rule. */
	leads: number;
	byRule: Record<string, number>;
	/** Lead × rule evaluations that failed (they count as no match). */
	errors: number;
	/** Against the base the same day (0 without a base). */
	added: number;
	removed: number;
}

export interface Coverage {
	days: CoverageDayCount[];
	diffByInstitution: Array<{ institution: string; added: number; removed: number }>;
	diffByGrade: Array<{ grade: string; added: number; removed: number }>;
	/** Roster leads read (rows of the scan). */
	leadsRead: number;
}

interface RuleSetRun {
	plan: CoverageRuleSetPlan;
	compiled: CompiledRuleSet;
	/** Per rule: its grade's rank (0 = A) and window length in days. */
	rank: number[];
	windowDays: number[];
	/** The current lead's outcome on the day last run: in that day's aggregate, the rules matched, failures, the deciding rule (−1: none). */
	present: boolean;
	matches: Int32Array;
	matchCount: number;
	errors: number;
	decided: number;
}

export async function computeCoverage(store: Store, input: RuleSet, options: CoverageOptions): Promise<Coverage> {
	const ruleSet = assertValidRuleSet(input);
	if (!Number.isInteger(options.days) || options.days < 1 || options.days > 90) {
		throw new Error(`days must be a whole number from 1 to 90 (got ${String(options.days)})`);
	}
	if (!isIsoDate(options.lastDay)) throw new Error(`lastDay must be a date as YYYY-MM-DD (got "${options.lastDay}")`);
	// Comparing a rule set with itself changes nothing: it is evaluated once.
	const base = options.base && stableStringify(options.base) !== stableStringify(ruleSet) ? assertValidRuleSet(options.base) : undefined;
	const query = buildCoverageQuery(base ? [ruleSet, base] : [ruleSet], { lastDay: options.lastDay, days: options.days, sample: options.sample ?? false });
	const runs: RuleSetRun[] = query.plans.map((plan) => {
		const shared = plan.ruleSet.conditions ?? {};
		return {
			plan,
			compiled: compileRuleSet(plan.ruleSet, { factKey: plan.factKey }),
			rank: plan.ruleSet.rules.map((r) => GRADES.indexOf(r.event.params.grade)),
			windowDays: plan.ruleSet.rules.map((r) => ruleWindowDays(r, shared)),
			present: false,
			matches: new Int32Array(plan.ruleSet.rules.length),
			matchCount: 0,
			errors: 0,
			decided: -1,
		};
	});
	const [edited, compared] = runs;
	const ruleNames = ruleSet.rules.map((r) => r.name);
	const days: CoverageDayCount[] = Array.from({ length: options.days }, (_, i) => ({
		date: addDays(query.firstDay, i),
		leads: 0,
		byRule: Object.fromEntries(ruleNames.map((name) => [name, 0])),
		errors: 0,
		added: 0,
		removed: 0,
	}));
	const firstOffset = daysBetween(query.origin, query.firstDay);
	const byInstitution = new Map<string, { added: number; removed: number }>();
	const byGrade = new Map<string, { added: number; removed: number }>();
	const tally = (map: Map<string, { added: number; removed: number }>, key: string, side: 'added' | 'removed') => {
		let entry = map.get(key);
		if (!entry) map.set(key, (entry = { added: 0, removed: 0 }));
		entry[side]++;
	};

	const activity = new LeadActivity(query);
	let values: Array<number | null> = new Array(query.specs.length).fill(null);
	let before: Array<number | null> = new Array(query.specs.length).fill(null);
	const byRule = days.map(() => new Int32Array(ruleNames.length));
	let leadsRead = 0;
	for await (const rows of scanRows(store, query, options)) {
		for (const row of rows) {
			leadsRead++;
			activity.load(row);
			const facts = runs.map((_, p) => (p === 0 ? (row as Record<string, unknown>) : { ...row }));
			for (let i = 0; i < options.days; i++) {
				const d = firstOffset + i;
				[values, before] = [before, values];
				let changed = i === 0;
				for (let s = 0; s < values.length; s++) {
					values[s] = activity.value(s, d);
					if (values[s] !== before[s]) changed = true;
				}
				const day = days[i];
				runDay(edited, facts[0], activity, d, values, changed);
				day.errors += edited.errors;
				for (let m = 0; m < edited.matchCount; m++) byRule[i][edited.matches[m]]++;
				if (edited.decided >= 0) day.leads++;
				if (!compared) continue;
				runDay(compared, facts[1], activity, d, values, changed);
				if ((edited.decided >= 0) === (compared.decided >= 0)) continue;
				const [run, side] = edited.decided >= 0 ? [edited, 'added' as const] : [compared, 'removed' as const];
				day[side]++;
				if (i < options.days - 1) continue;
				tally(byGrade, run.plan.ruleSet.rules[run.decided].event.params.grade, side);
				const institution = activity.mostFrequentInstitution(d - run.windowDays[run.decided] + 1, d);
				tally(byInstitution, institution ?? '', side);
			}
		}
	}
	days.forEach((day, i) => ruleNames.forEach((name, r) => (day.byRule[name] += byRule[i][r])));
	return {
		days,
		diffByGrade: GRADES.filter((g) => byGrade.has(g)).map((grade) => ({ grade, ...byGrade.get(grade)! })),
		diffByInstitution: [...byInstitution]
			.map(([institution, counts]) => ({ institution, ...counts }))
			.sort((a, b) => b.added + b.removed - (a.added + a.removed) || (a.institution < b.institution ? -1 : 1)),
		leadsRead,
	};
}

/**
 * The scan's rows. The sample's few thousand rows come in one go, without JIT: its
 * row estimate knows nothing of the partial indexes' 1/64, so PostgreSQL would spend
 * ~200 ms compiling a query that then runs in a few hundred.
 */
async function* scanRows(store: Store, query: CoverageQuery, options: CoverageOptions): AsyncGenerator<CoverageRow[]> {
	if (!options.sample) {
		yield* store.stream<CoverageRow>(query.sql, query.params, options.batchSize ?? 5000);
		return;
	}
	yield await store.transaction(async (tx) => {
		await tx.query('SET LOCAL jit = off');
		return (await tx.query<CoverageRow>(query.sql, query.params)).rows;
	});
}

/**
 * Runs the rule set on the lead's facts of the day d, into run's outcome; the rule that
 * decides the grade is the best grade matched, the first such rule. A lead outside that
 * day's aggregate matches nothing. When no fact `changed` since the lead's day before and
 * it is as much in the aggregate, the outcome stands as it is: the predicates depend on
 * nothing else.
 */
function runDay(run: RuleSetRun, facts: Record<string, unknown>, activity: LeadActivity, d: number, values: ReadonlyArray<number | null>, changed: boolean): void {
	const { plan } = run;
	const present = plan.includesInactive || !plan.range || activity.hasEventBetween(d - plan.range.startBack, d - plan.range.endBack);
	if (!changed && present === run.present) return;
	run.present = present;
	run.matchCount = 0;
	run.errors = 0;
	run.decided = -1;
	if (!present) return;
	for (const { column, spec } of plan.columns) facts[column] = values[spec];
	const rules = run.compiled.rules;
	for (let r = 0; r < rules.length; r++) {
		try {
			if (!rules[r].test(facts)) continue;
		} catch {
			run.errors++;
			continue;
		}
		run.matches[run.matchCount++] = r;
		if (run.decided < 0 || run.rank[r] < run.rank[run.decided]) run.decided = r;
	}
}
