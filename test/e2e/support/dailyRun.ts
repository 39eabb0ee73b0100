import * as fs from 'node:fs';
import * as path from 'node:path';

import type { DailyRunSummary } from '../../../lib/monitor';
import type { CallLogPlan } from './callLogs';
import { expectOk } from './webhooks';

/**
 * Step 5: deliver yesterday's call-log file and trigger the daily run: the shipped
 * workflows/daily-monitor.json, through its second entry "Run Now" (POST
 * /webhook/daily-monitor-run with the API key and the delivered file's path): Call Log
 * Ingest → Lead Monitor on the saved rules (a fresh install: every preset; Output "Summary") →
 * Lead Score → the answer { ingest, run, alerts, scores }: the hits themselves are read from the store.
 */
export interface DailyRunContext {
	baseUrl: string;
	/** The X-API-Key header scripts call the webhooks with. */
	apiKey: Record<string, string>;
	callLogDir: string;
	/** The package as installed in the user folder. */
	packageDir: string;
	/** The store credential's data (embedded PGlite folder and keys). */
	storeCredential: Record<string, unknown>;
	plan: CallLogPlan;
	logFile: string;
}

/** Call Log Ingest's summary item (the fields the test reads). */
export interface IngestSummaryItem {
	file: string;
	alreadyIngested: boolean;
	rowsRead: number;
	accepted: number;
	rejected: number;
	duplicates: number;
	days: string[];
	institutions: string[];
}

export interface DailyRunResult {
	ingest: IngestSummaryItem[];
	/** Lead Monitor's summary of the run. */
	run: DailyRunSummary;
	alerts: Array<Record<string, unknown>>;
}

export function callLogPath(ctx: DailyRunContext): string {
	return path.join(ctx.callLogDir, ctx.plan.fileName);
}

export function deliverCallLog(ctx: DailyRunContext): string {
	fs.writeFileSync(callLogPath(ctx), ctx.plan.csv);
	return callLogPath(ctx);
}

/** Runs the daily run over HTTP (on the plan's file, or another delivered one): the ingest summaries and the run's summary. */
export async function triggerDailyRun(ctx: DailyRunContext, filePath = callLogPath(ctx)): Promise<DailyRunResult> {
	return expectOk<DailyRunResult>(ctx.baseUrl, 'daily-monitor-run', {
		method: 'POST',
		headers: { ...ctx.apiKey, 'content-type': 'application/json' },
		body: JSON.stringify({ filePath }),
	});
}

/**
 * The run's new hits among the store's: those with an id in the run's range, which must be as many
 * as the run counted (so no other run's hit lies among them).
 */
export function hitsOfRun<H extends { hitId: number }>(run: DailyRunSummary, storeHits: readonly H[]): H[] {
	const range = run.hitIds;
	const hits = range ? storeHits.filter((hit) => hit.hitId >= range.first && hit.hitId <= range.last) : [];
	if (hits.length !== run.newHits) throw new Error(`The run counted ${run.newHits} new hits; the store has ${hits.length} in its id range ${JSON.stringify(range)}`);
	return hits;
}
