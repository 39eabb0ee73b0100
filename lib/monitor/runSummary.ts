import type { EvaluateSummary, NewHit } from './evaluate';
import type { LogGap } from './logFreshness';

/**
 * A daily run in one record, for a workflow that must not carry one item per hit (thousands a
 * day: n8n keeps every item in its execution data, which a queue-mode worker writes to n8n's
 * database and the main reads back). The hits themselves are in the store — the board, the
 * push workflows and the console read them there; `hitIds` bounds this run's new ones.
 */
export interface DailyRunSummary {
	/** The window's last day the run evaluated (its `daily_runs` key). */
	businessDate: string;
	leadsEvaluated: number;
	/** Lead × rule pairs that satisfied a rule. */
	matches: number;
	newHits: number;
	/** Matches that were already hits (the same window, or within the cooldown). */
	alreadyHit: number;
	/** New hits held out (对照组): stored, never pushed. */
	controlGroup: number;
	/** The lowest and highest id among the new hits (null without any): in the store, `hit_id BETWEEN first AND last`. */
	hitIds: { first: number; last: number } | null;
	/** New hits per rule, by rule id. */
	byRule: Array<{ ruleId: string; label: string; grade: string; newHits: number }>;
	/** New hits by the rule's grade. */
	byGrade: Record<string, number>;
	/** New hits by the institution the lead called most often in the window, most first (null, none recorded, last of a tie). */
	byInstitution: Array<{ institution: string | null; newHits: number }>;
	ruleErrors: EvaluateSummary['ruleErrors'];
	/** Call logs of the business date missing or short (the freshness guard); their sentence in `warning`. */
	logGaps: LogGap[];
	warning?: string;
	/** Business dates before this one that no run covered (a schedule that never fired). */
	missedDates: string[];
}

/** Counts the new hits batch by batch (constant memory however many there are). */
export class RunTally {
	private first = Infinity;
	private last = -Infinity;
	private controlGroup = 0;
	private readonly rules = new Map<string, { ruleId: string; label: string; grade: string; newHits: number }>();
	private readonly grades = new Map<string, number>();
	private readonly institutions = new Map<string | null, number>();

	add(hits: readonly NewHit[]): void {
		for (const hit of hits) {
			this.first = Math.min(this.first, hit.hitId);
			this.last = Math.max(this.last, hit.hitId);
			if (hit.controlGroup) this.controlGroup++;
			const rule = this.rules.get(hit.ruleId) ?? { ruleId: hit.ruleId, label: hit.label, grade: hit.grade, newHits: 0 };
			rule.newHits++;
			this.rules.set(hit.ruleId, rule);
			this.grades.set(hit.grade, (this.grades.get(hit.grade) ?? 0) + 1);
			this.institutions.set(hit.institution, (this.institutions.get(hit.institution) ?? 0) + 1);
		}
	}

	summary(evaluated: EvaluateSummary, freshness: { logGaps: LogGap[]; warning?: string; missedDates: string[] }): DailyRunSummary {
		return {
			businessDate: evaluated.windowEnd,
			leadsEvaluated: evaluated.leadsEvaluated,
			matches: evaluated.matches,
			newHits: evaluated.newHits,
			alreadyHit: evaluated.alreadyHit,
			controlGroup: this.controlGroup,
			hitIds: evaluated.newHits > 0 ? { first: this.first, last: this.last } : null,
			byRule: [...this.rules.values()].sort((a, b) => a.ruleId.localeCompare(b.ruleId)),
			byGrade: Object.fromEntries([...this.grades].sort(([a], [b]) => a.localeCompare(b))),
			byInstitution: [...this.institutions]
				.map(([institution, newHits]) => ({ institution, newHits }))
				.sort((a, b) => b.newHits - a.newHits || byInstitutionName(a.institution, b.institution)),
			ruleErrors: evaluated.ruleErrors,
			logGaps: freshness.logGaps,
			...(freshness.warning ? { warning: freshness.warning } : {}),
			missedDates: freshness.missedDates,
		};
	}
}

function byInstitutionName(a: string | null, b: string | null): number {
	if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
	return a.localeCompare(b);
}
