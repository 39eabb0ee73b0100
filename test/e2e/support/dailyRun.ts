import * as fs from 'node:fs';
import * as path from 'node:path';

import type { CallLogPlan } from './callLogs';
import { expectOk } from './webhooks';

/**
 * Step 5: deliver yesterday's call-log file and trigger the daily run: the shipped
 * workflows/daily-monitor.json, through its second entry "Run Now" (POST
 * /webhook/daily-monitor-run with the API key and the delivered file's path): Call Log
 * Ingest → Lead Monitor on the saved rules (a fresh install: every preset) → the answer { ingest, hits }.
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

/** A new hit as Lead Monitor's evaluate outputs it. */
export interface NewHitItem {
	hitId: number;
	leadId: string;
	name: string | null;
	phone: string | null;
	ruleId: string;
	grade: string;
	label: string;
	reason: string;
	hitDate: string;
	source: string | null;
	status: string;
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
	hits: NewHitItem[];
}

export function callLogPath(ctx: DailyRunContext): string {
	return path.join(ctx.callLogDir, ctx.plan.fileName);
}

export function deliverCallLog(ctx: DailyRunContext): string {
	fs.writeFileSync(callLogPath(ctx), ctx.plan.csv);
	return callLogPath(ctx);
}

/** Runs the daily run over HTTP (on the plan's file, or another delivered one): the ingest summaries and the new hits. */
export async function triggerDailyRun(ctx: DailyRunContext, filePath = callLogPath(ctx)): Promise<DailyRunResult> {
	const result = await expectOk<{ ingest: IngestSummaryItem[]; hits: Array<Partial<NewHitItem>> }>(ctx.baseUrl, 'daily-monitor-run', {
		method: 'POST',
		headers: { ...ctx.apiKey, 'content-type': 'application/json' },
		body: JSON.stringify({ filePath }),
	});
	// alwaysOutputData: a node with no new hits passes one empty item on.
	return { ingest: result.ingest, hits: result.hits.filter((item): item is NewHitItem => typeof item.hitId === 'number') };
}
