import type { Queryable } from '../store';
import { forwardWeightsByDay } from './decay';
import type { ScoringModel } from './ScoringModel';

export interface ScoreRunRow {
	scoredOn: string;
	modelVersion: number | null;
	/** The decay epoch of the ledger this run left (see forwardWeight). */
	epoch: string | null;
	startedAt: Date;
	summary: Record<string, unknown>;
}

/**
 * SQL for a statement that scores leads as of the latest run: a `run` CTE with the run's decay
 * scale and caps, and a lead's static and dynamic score and dynamic reach from the group sums
 * of the row aliased `sums` — the same function lead_score_values computes with (migration
 * 026). Use as `WITH ${LATEST_RUN_CTE} … CROSS JOIN run CROSS JOIN LATERAL ${scoresAsOfLatestRun('x')} AS p`.
 */
export const LATEST_RUN_CTE = 'run AS (SELECT decay_scale, cap_profile, cap_events, cap_hits, cap_outcomes FROM score_runs ORDER BY scored_on DESC LIMIT 1)';

export function scoresAsOfLatestRun(sums: string): string {
	return `lead_score_group_values(${sums}.profile, ${sums}.events, ${sums}.hits, ${sums}.outcomes, ${sums}.negative,
		run.decay_scale, run.cap_profile, run.cap_events, run.cap_hits, run.cap_outcomes)`;
}

/** The latest run, if any (the one the next run continues from, and the day scores are shown as of). */
export async function latestScoreRun(db: Queryable): Promise<ScoreRunRow | undefined> {
	const result = await db.query<{ scored_on: string; model_version: number | null; epoch: string | null; started_at: Date; summary: Record<string, unknown> }>(
		`SELECT to_char(scored_on, 'YYYY-MM-DD') AS scored_on, model_version, to_char(epoch, 'YYYY-MM-DD') AS epoch, started_at, summary
		 FROM score_runs ORDER BY scored_on DESC LIMIT 1`,
	);
	const row = result.rows[0];
	return row && { scoredOn: row.scored_on, modelVersion: row.model_version, epoch: row.epoch, startedAt: new Date(row.started_at), summary: row.summary };
}

/**
 * Starts a run's row: the day, the ledger's decay epoch, the scale that brings its forward
 * points to their worth on that day, and the model's caps — what lead_scores computes with —
 * and what the run's event entries are worth (lead_score_ledger derives their points from
 * these): the model's event classes, by number, and the forward weight of each day it read
 * (after `from`, up to the day scored).
 */
export async function recordScoreRun(
	tx: Queryable,
	run: { scoredOn: string; from: string; modelVersion: number | null; epoch: string; decayScale: string; model: ScoringModel },
): Promise<void> {
	const caps = run.model.caps ?? {};
	const eventClasses = run.model.dynamic.eventClasses.map((c) => ({ class: c.class, points: c.points, maxPerDay: c.maxPerDay ?? null }));
	const { weights } = forwardWeightsByDay(run.model.decay, run.epoch, run.from, run.scoredOn);
	await tx.query(
		`INSERT INTO score_runs (scored_on, model_version, epoch, decay_scale, cap_profile, cap_events, cap_hits, cap_outcomes, event_classes, weights_from, day_weights)
		 VALUES ($1, $2, $3, $4::numeric, $5, $6, $7, $8, $9::jsonb, $10, $11::numeric[])`,
		[
			run.scoredOn,
			run.modelVersion,
			run.epoch,
			run.decayScale,
			caps.profile ?? null,
			caps.events ?? null,
			caps.hits ?? null,
			caps.outcomes ?? null,
			JSON.stringify(eventClasses),
			run.from,
			weights,
		],
	);
}

export async function recordScoreRunSummary(tx: Queryable, scoredOn: string, summary: Record<string, unknown>): Promise<void> {
	await tx.query('UPDATE score_runs SET summary = $2 WHERE scored_on = $1', [scoredOn, JSON.stringify(summary)]);
}
