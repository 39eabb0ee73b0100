import type { Queryable } from '../store';

export interface ScoreRunRow {
	scoredOn: string;
	modelVersion: number | null;
	startedAt: Date;
	summary: Record<string, unknown>;
}

/** The latest run, if any (the one the next run continues from). */
export async function latestScoreRun(db: Queryable): Promise<ScoreRunRow | undefined> {
	const result = await db.query<{ scored_on: string; model_version: number | null; started_at: Date; summary: Record<string, unknown> }>(
		`SELECT to_char(scored_on, 'YYYY-MM-DD') AS scored_on, model_version, started_at, summary
		 FROM score_runs ORDER BY scored_on DESC LIMIT 1`,
	);
	const row = result.rows[0];
	return row && { scoredOn: row.scored_on, modelVersion: row.model_version, startedAt: new Date(row.started_at), summary: row.summary };
}

export async function recordScoreRun(tx: Queryable, scoredOn: string, modelVersion: number | null, summary: Record<string, unknown>): Promise<void> {
	await tx.query('INSERT INTO score_runs (scored_on, model_version, summary) VALUES ($1, $2, $3)', [scoredOn, modelVersion, JSON.stringify(summary)]);
}
