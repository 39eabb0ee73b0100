import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { CallLogPlan } from './callLogs';
import { basicAuth, expectOk } from './webhooks';

/**
 * Step 5: deliver yesterday's call-log file and trigger the daily run.
 *
 * workflows/daily-monitor.json cannot be triggered from a test yet (it starts from a Schedule
 * Trigger only), so the daily run is the test-only workflow test/e2e/workflows/e2e-daily-run.json:
 * Webhook → Call Log Ingest (the delivered file's path) → Lead Monitor evaluate with the preset
 * active-institutions → the same with key-behaviour (one node per preset: two presets in one
 * node make the rule-set id "a+b", which validation refuses).
 *
 * PLACEHOLDER while the installed package has no Call Log Ingest node ("seeded" mode): the
 * file's valid events are written into the embedded store by seedCallEvents.js before n8n
 * starts, and e2e-daily-run-seeded.json runs only the two Lead Monitor nodes.
 */
export type DailyRunMode = 'ingest' | 'seeded';

export function dailyRunMode(packageDir: string): DailyRunMode {
	const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } };
	return manifest.n8n.nodes.some((file) => /\/CallLogIngest\.node\.js$/.test(file)) ? 'ingest' : 'seeded';
}

/** The test workflows for this mode (the other daily-run variant is left out). */
export function testWorkflowFiles(dir: string, mode: DailyRunMode): string[] {
	const unused = mode === 'ingest' ? 'e2e-daily-run-seeded.json' : 'e2e-daily-run.json';
	return fs
		.readdirSync(dir)
		.filter((name) => name.endsWith('.json') && name !== unused)
		.map((name) => path.join(dir, name));
}

export interface DailyRunContext {
	baseUrl: string;
	board: { user: string; password: string };
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

/** PLACEHOLDER (see above): only while n8n is stopped, since PGlite allows one process per data folder. */
export async function loadCallLogWhileStopped(ctx: DailyRunContext): Promise<{ inserted: number; total: number }> {
	const input = path.join(ctx.callLogDir, 'seed-input.json');
	fs.writeFileSync(input, JSON.stringify({ packageDir: ctx.packageDir, credential: ctx.storeCredential, events: ctx.plan.events }));
	try {
		const output = await runNode([path.join(__dirname, 'seedCallEvents.js'), input], ctx.logFile);
		return JSON.parse(output.trim().split('\n').pop()!) as { inserted: number; total: number };
	} finally {
		fs.rmSync(input, { force: true }); // it holds the store keys and raw ID numbers
	}
}

/** Runs the daily run over HTTP: the ingest summaries and the new hits. */
export async function triggerDailyRun(ctx: DailyRunContext): Promise<DailyRunResult> {
	const result = await expectOk<{ ingest: IngestSummaryItem[]; hits: Array<Partial<NewHitItem>> }>(ctx.baseUrl, 'e2e-daily-run', {
		method: 'POST',
		headers: { ...basicAuth(ctx.board.user, ctx.board.password), 'content-type': 'application/json' },
		body: JSON.stringify({ filePath: callLogPath(ctx) }),
	});
	// alwaysOutputData: a node with no new hits passes one empty item on.
	return { ingest: result.ingest, hits: result.hits.filter((item): item is NewHitItem => typeof item.hitId === 'number') };
}

function runNode(args: string[], logFile: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.once('error', reject);
		child.once('exit', (code) => {
			fs.appendFileSync(logFile, `\n$ node ${args.map((a) => path.basename(a)).join(' ')}\n${stdout}${stderr}`);
			if (code === 0) resolve(stdout);
			else reject(new Error(`${path.basename(args[0])} failed (exit code ${code}):\n${stderr.slice(-2000)}`));
		});
	});
}
