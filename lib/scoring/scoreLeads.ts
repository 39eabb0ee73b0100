import { addDays, DEFAULT_TIME_ZONE, isIsoDate } from '../calendar';
import { setRunPushGrades } from '../hits';
import { withLocalSettings, type Queryable, type Store } from '../store';
import { decayHorizonDays, decayScale, epochExpired } from './decay';
import { writeBoardScores } from './boardScores';
import { addDynamicEntries } from './dynamicEntries';
import { eventEntryCount } from './eventEntries';
import { ledgerEntriesAdded, openLedgerChanges } from './ledgerChanges';
import { buildLedgerIndexes, emptyLedger } from './ledgerIndexes';
import { expireEntries } from './ledgerUpkeep';
import { writeLeadScores } from './leadScores';
import { latestScoreRun, recordScoreRun, recordScoreRunSummary } from './scoreRuns';
import type { ScoringModel } from './ScoringModel';
import { ScoringError } from './ScoringError';
import { profileEntryCount, rebuildStaticEntries } from './staticEntries';

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
	/** Whether the ledger was rebuilt (first run, a new model version, or a new decay epoch) rather than extended by the new days. */
	rebuilt: boolean;
	/** The behaviour days read: after `from`, up to `to`. */
	from: string;
	to: string;
	leads: number;
	mature: number;
	entries: number;
	byGrade: Record<string, number>;
	/** Milliseconds per step: profile, behaviour, then expire, grades (totals and grades; adding days) or grades, indexes (a rebuild); then board (boardScores) and hitGrades (the push grade on the hits: lib/hits' setRunPushGrades). */
	stepMs: Record<string, number>;
}

/**
 * The session settings of a run (its transaction only). work_mem: the behaviour aggregation's
 * sort and hash spill to disk at the default 4 MB (measured at 100 k leads / 1 M events: its
 * SELECT took 5.1 s there, 2.3 s at 64 MB). maintenance_work_mem: a rebuild's index builds.
 * jit: compiling the run's statements cost more than it saved (the grades of a rebuild at
 * 100 k leads: 1.85 s with, 1.32 s without). The bench measures its floors under the same settings.
 */
export const SCORING_SETTINGS: Readonly<Record<string, string>> = { work_mem: '64MB', maintenance_work_mem: '256MB', jit: 'off' };

/**
 * Scores every lead as of `scoredOn`, in SQL over the stored events, hits, push ledger and
 * contact preferences, in one transaction:
 * 1. the profile entries of the leads changed since the last run (all of them on a rebuild);
 * 2. the behaviour entries of the days since the last run (incremental per day), each written
 *    once with its forward points;
 * 3. the entries that leave the decay horizon dropped;
 * 4. the run's decay scale recorded (every score's decay, in one number: lead_scores), then in
 *    one statement the totals (the sums of its entries: moved by what 1–3 added and took) and
 *    grade of each lead that changed or whose decay may have crossed a band edge;
 * 5. the scores of the leads with a hit stored for the board (boardScores).
 * A rebuild (first run, a new model version, a new decay epoch) empties the ledger and drops
 * its indexes, writes every entry once (1–2, no conflict check, nothing recorded), then every
 * lead's totals and grade in one statement summed from the ledger, then builds the indexes.
 * No entry is rewritten as it ages, and a lead untouched by the day is not written.
 * Runs go forward a day at a time or more; re-running a day (or an earlier one) changes
 * nothing. Two runs at once serialise on a transaction lock.
 */
export async function scoreLeads(store: Store, model: ScoringModel, options: ScoreLeadsOptions): Promise<ScoreLeadsSummary> {
	const { scoredOn } = options;
	if (!isIsoDate(scoredOn)) throw new ScoringError('scoredOn', `评分日期 "${scoredOn}" 应为 YYYY-MM-DD (not a date)`);
	const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
	return store.transaction((tx) => withLocalSettings(tx, SCORING_SETTINGS, () => run(tx, model, options, timeZone)));
}

async function run(tx: Queryable, model: ScoringModel, options: ScoreLeadsOptions, timeZone: string): Promise<ScoreLeadsSummary> {
	const { scoredOn, modelVersion } = options;
	await tx.query(`SELECT pg_advisory_xact_lock(hashtext('lead_monitor.scoreLeads'))`);
	const last = await latestScoreRun(tx);
	if (last && last.scoredOn >= scoredOn) {
		return { ...(last.summary as unknown as ScoreLeadsSummary), scored: false };
	}
	const rebuilt = !last || last.modelVersion !== modelVersion || modelVersion === null || !last.epoch || epochExpired(model.decay, last.epoch, scoredOn);
	const epoch = rebuilt ? scoredOn : (last.epoch as string);
	const earliest = addDays(scoredOn, -decayHorizonDays(model.decay));
	const from = rebuilt || last.scoredOn < earliest ? earliest : last.scoredOn;
	const stepMs: Record<string, number> = {};
	const step = async (name: string, work: () => Promise<void>) => {
		const started = Date.now();
		await work();
		stepMs[name] = Date.now() - started;
	};
	const runRow = { scoredOn, from, modelVersion, epoch, decayScale: decayScale(model.decay, epoch, scoredOn), model };
	let entries: number;
	if (rebuilt) {
		await emptyLedger(tx);
		await step('profile', () => rebuildStaticEntries(tx, model, scoredOn, null));
		await step('behaviour', () => addDynamicEntries(tx, model, { from, to: scoredOn, timeZone, epoch, rebuilding: true }));
		await recordScoreRun(tx, runRow);
		await step('grades', () => writeLeadScores(tx, model, scoredOn, modelVersion, true));
		await step('indexes', () => buildLedgerIndexes(tx));
		entries = await ledgerSize(tx);
	} else {
		await openLedgerChanges(tx);
		await step('profile', () => rebuildStaticEntries(tx, model, scoredOn, last.startedAt));
		await step('behaviour', () => addDynamicEntries(tx, model, { from, to: scoredOn, timeZone, epoch, rebuilding: false }));
		await step('expire', () => expireEntries(tx, model, scoredOn));
		await recordScoreRun(tx, runRow);
		await step('grades', () => writeLeadScores(tx, model, scoredOn, modelVersion, false));
		entries = Number(last.summary.entries ?? 0) + (await ledgerEntriesAdded(tx));
	}
	await step('board', () => writeBoardScores(tx));
	await step('hitGrades', () => setRunPushGrades(tx, scoredOn));
	const summary: ScoreLeadsSummary = { scoredOn, modelVersion, scored: true, rebuilt, from, to: scoredOn, ...(await counts(tx)), entries, stepMs };
	await recordScoreRunSummary(tx, scoredOn, summary as unknown as Record<string, unknown>);
	return summary;
}

async function ledgerSize(tx: Queryable): Promise<number> {
	const result = await tx.query<{ n: string }>('SELECT count(*)::text AS n FROM lead_score_entries');
	return Number(result.rows[0].n) + (await eventEntryCount(tx)) + (await profileEntryCount(tx));
}

async function counts(tx: Queryable): Promise<Pick<ScoreLeadsSummary, 'leads' | 'mature' | 'byGrade'>> {
	const grades = await tx.query<{ grade: string; leads: number; mature: number }>(
		'SELECT grade, count(*)::int AS leads, count(*) FILTER (WHERE mature)::int AS mature FROM lead_score_totals GROUP BY grade ORDER BY grade',
	);
	return {
		leads: grades.rows.reduce((sum, row) => sum + row.leads, 0),
		mature: grades.rows.reduce((sum, row) => sum + row.mature, 0),
		byGrade: Object.fromEntries(grades.rows.map((row) => [row.grade, row.leads])),
	};
}
