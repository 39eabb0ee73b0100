import type { RuleSet } from '../rules';
import type { Store } from '../store';
import { computeCoverage } from './coverage';
import { SAMPLE_SHARE, margin95, scaleUp } from './coverageSample';

/**
 * The console's coverage preview (监控指标管理): the edited rule set against the active one
 * (coverage.ts), first as an estimate on the fixed sample of ID hashes (scaled up by the
 * share, with its ± margin at 95 %: the largest of the days', in leads), then exact.
 */
export interface CoveragePreviewOptions {
	mode: 'estimate' | 'exact';
	/** The last day previewed, YYYY-MM-DD. */
	lastDay: string;
	days: number;
	/** The active rule set, to show what the edit adds and removes. */
	base: RuleSet;
}

export interface CoveragePreview {
	mode: 'estimate' | 'exact';
	sampleShare?: number;
	margin?: number;
	days: Array<{ date: string; leads: number; byRule: Record<string, number>; added: number; removed: number }>;
	diffByInstitution: Array<{ institution: string; added: number; removed: number }>;
	diffByGrade: Array<{ grade: string; added: number; removed: number }>;
	elapsedMs: number;
}

export async function coveragePreview(store: Store, ruleSet: RuleSet, options: CoveragePreviewOptions): Promise<CoveragePreview> {
	const started = performance.now();
	const estimate = options.mode === 'estimate';
	const coverage = await computeCoverage(store, ruleSet, { lastDay: options.lastDay, days: options.days, base: options.base, sample: estimate });
	const scale = estimate ? scaleUp : (n: number) => n;
	const answer: CoveragePreview = {
		mode: options.mode,
		days: coverage.days.map((day) => ({
			date: day.date,
			leads: scale(day.leads),
			byRule: Object.fromEntries(Object.entries(day.byRule).map(([rule, n]) => [rule, scale(n)])),
			added: scale(day.added),
			removed: scale(day.removed),
		})),
		diffByInstitution: scaledDiff(coverage.diffByInstitution, scale),
		diffByGrade: scaledDiff(coverage.diffByGrade, scale),
		elapsedMs: 0,
	};
	if (estimate) {
		answer.sampleShare = SAMPLE_SHARE;
		answer.margin = Math.max(...coverage.days.map((day) => margin95(day.leads)));
	}
	answer.elapsedMs = Math.round(performance.now() - started);
	return answer;
}

function scaledDiff<T extends { added: number; removed: number }>(rows: T[], scale: (n: number) => number): T[] {
	return rows.map((row) => ({ ...row, added: scale(row.added), removed: scale(row.removed) }));
}
