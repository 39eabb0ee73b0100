import { addDays, DEFAULT_TIME_ZONE, isIsoDate } from '../calendar';
import type { Store } from '../store';
import { decayHorizonDays } from './decay';
import { addDynamicEntries } from './dynamicEntries';
import { decayAndCap } from './ledgerUpkeep';
import { writeLeadScores } from './leadScores';
import { latestScoreRun, recordScoreRun } from './scoreRuns';
import type { ScoringModel } from './ScoringModel';
import { ScoringError } from './ScoringError';
import { rebuildStaticEntries } from './staticEntries';

export interface ScoreLeadsOptions {
	/** The business day scored (YYYY-MM-DD): behaviour up to and including it counts. */
	scoredOn: string;
	/** The saved model's version (null: a model given inline); a new version rebuilds the ledger. */
	modelVersion: number | null;
	timeZone?: string;
}

export interface ScoreLeadsSummary {
	scoredOn: string;
	modelVersion: number | null;
	/** False: this day was scored already (or a later one was): nothing changed. */
	scored: boolean;
	/** Whether the ledger was rebuilt (first run, or a new model version) rather than extended by the new days. */
	rebuilt: boolean;
	/** The behaviour days read: after `from`, up to `to`. */
	from: string;
	to: string;
	leads: number;
	mature: number;
	entries: number;
	byGrade: Record<string, number>;
	/** Milliseconds per step: profile, behaviour, decayAndCaps, scores. */
	stepMs: Record<string, number>;
}

/**
 * Scores every lead as of `scoredOn`, in SQL over the stored events, hits, push ledger and
 * contact preferences, in one transaction:
 * 1. the profile entries of the leads changed since the last run (all of them on a rebuild);
 * 2. the behaviour entries of the days since the last run (incremental per day);
 * 3. decay and caps as of `scoredOn`;
 * 4. each lead's score and grade, the sum of its entries.
 * Runs go forward a day at a time or more; re-running a day (or an earlier one) changes
 * nothing. Two runs at once serialise on a transaction lock.
 */
export async function scoreLeads(store: Store, model: ScoringModel, options: ScoreLeadsOptions): Promise<ScoreLeadsSummary> {
	const { scoredOn, modelVersion } = options;
	if (!isIsoDate(scoredOn)) throw new ScoringError('scoredOn', `评分日期 "${scoredOn}" 应为 YYYY-MM-DD (not a date)`);
	const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
	return store.transaction(async (tx) => {
		await tx.query(`SELECT pg_advisory_xact_lock(hashtext('lead_monitor.scoreLeads'))`);
		const last = await latestScoreRun(tx);
		if (last && last.scoredOn >= scoredOn) {
			return { ...(last.summary as unknown as ScoreLeadsSummary), scored: false };
		}
		const rebuilt = !last || last.modelVersion !== modelVersion || modelVersion === null;
		const earliest = addDays(scoredOn, -decayHorizonDays(model.decay));
		const from = rebuilt || last.scoredOn < earliest ? earliest : last.scoredOn;
		if (rebuilt) await tx.query('DELETE FROM lead_score_entries');

		const stepMs: Record<string, number> = {};
		const step = async (name: string, work: () => Promise<void>) => {
			const started = Date.now();
			await work();
			stepMs[name] = Date.now() - started;
		};
		await step('profile', () => rebuildStaticEntries(tx, model, scoredOn, rebuilt ? null : last.startedAt));
		await step('behaviour', () => addDynamicEntries(tx, model, { from, to: scoredOn, timeZone }));
		await step('decayAndCaps', () => decayAndCap(tx, model, scoredOn));
		await step('scores', () => writeLeadScores(tx, model, scoredOn, modelVersion));

		const summary: ScoreLeadsSummary = { scoredOn, modelVersion, scored: true, rebuilt, from, to: scoredOn, ...(await counts(tx)), stepMs };
		await recordScoreRun(tx, scoredOn, modelVersion, summary as unknown as Record<string, unknown>);
		return summary;
	});
}

async function counts(tx: Parameters<Parameters<Store['transaction']>[0]>[0]): Promise<Pick<ScoreLeadsSummary, 'leads' | 'mature' | 'entries' | 'byGrade'>> {
	const grades = await tx.query<{ grade: string; leads: number; mature: number }>(
		'SELECT grade, count(*)::int AS leads, count(*) FILTER (WHERE mature)::int AS mature FROM lead_scores GROUP BY grade ORDER BY grade',
	);
	const entries = await tx.query<{ entries: number }>('SELECT count(*)::int AS entries FROM lead_score_entries');
	return {
		leads: grades.rows.reduce((sum, row) => sum + row.leads, 0),
		mature: grades.rows.reduce((sum, row) => sum + row.mature, 0),
		entries: entries.rows[0].entries,
		byGrade: Object.fromEntries(grades.rows.map((row) => [row.grade, row.leads])),
	};
}
