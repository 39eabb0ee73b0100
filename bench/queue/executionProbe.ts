import * as fs from 'node:fs';
import * as path from 'node:path';

import { Client } from 'pg';

import type { N8nSetup } from './n8nSetup';

/**
 * Where a daily run's time goes inside n8n (LEAD_MONITOR_BENCH_PROBE=1): the staged
 * daily-monitor keeps its successful executions, and the bench reads n8n's own record of the
 * run afterwards — when the execution was created, started and stopped, each node's time, and
 * how large its saved data is (what a queue-mode worker writes to n8n's database and the main
 * reads back). A probe, not a product setting: the shipped workflow saves nothing.
 */
export interface ExecutionProbe {
	/** Created (the main took the request) → started (a worker, or the one process, began). */
	queuedSeconds: number;
	/** Started → stopped, as n8n recorded it. */
	runSeconds: number;
	/** Characters of the saved execution data (n8n's flattened JSON). */
	dataChars: number;
	nodes: Array<{ node: string; seconds: number; items: number; startedAt: number }>;
}

/** The staged daily-monitor.json made to keep its successful executions (and their data). */
export function keepDailyExecutions(workflowsDir: string): void {
	const file = path.join(workflowsDir, 'daily-monitor.json');
	const workflow = JSON.parse(fs.readFileSync(file, 'utf8')) as { settings?: Record<string, unknown> };
	workflow.settings = { ...workflow.settings, saveDataSuccessExecution: 'all' };
	fs.writeFileSync(file, JSON.stringify(workflow, null, '\t'));
}

interface ExecutionRow {
	createdAt: string | Date;
	startedAt: string | Date | null;
	stoppedAt: string | Date | null;
	data: string;
}

interface RunData {
	resultData?: { runData?: Record<string, Array<{ startTime?: number; executionTime?: number; data?: { main?: Array<unknown[] | null> } }>> };
}

const NEWEST = `SELECT e."createdAt", e."startedAt", e."stoppedAt", d.data
	FROM execution_entity e JOIN execution_data d ON d."executionId" = e.id
	WHERE e."workflowId" = 'leadDailyMonitor' ORDER BY e.id DESC LIMIT 1`;

async function newestExecution(setup: N8nSetup): Promise<ExecutionRow | undefined> {
	const queue = setup.config.queue;
	if (queue) {
		const client = new Client({ ...queue.postgres, database: queue.n8nDatabase });
		await client.connect();
		try {
			return (await client.query<ExecutionRow>(NEWEST)).rows[0];
		} finally {
			await client.end();
		}
	}
	// One process: n8n's SQLite file, through n8n's own sqlite3 module.
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- n8n's copy, found at run time
	const sqlite3 = require(path.join(setup.config.n8nDir, 'node_modules', 'sqlite3')) as {
		Database: new (file: string, mode: number, callback: (error: Error | null) => void) => {
			get(sql: string, callback: (error: Error | null, row: ExecutionRow | undefined) => void): void;
			close(): void;
		};
		OPEN_READONLY: number;
	};
	return new Promise((resolve, reject) => {
		const db = new sqlite3.Database(setup.config.databaseFile, sqlite3.OPEN_READONLY, (error) => {
			if (error) return reject(error);
			db.get(NEWEST, (queryError, row) => {
				db.close();
				if (queryError) reject(queryError);
				else resolve(row);
			});
		});
	});
}

export async function probeDailyExecution(setup: N8nSetup): Promise<ExecutionProbe | undefined> {
	// The webhook answers from the Respond node: n8n finishes (and saves) the execution after it.
	let row = await newestExecution(setup);
	for (const deadline = Date.now() + 60_000; (!row?.stoppedAt || !row.data) && Date.now() < deadline; row = await newestExecution(setup)) {
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	if (!row?.data) return undefined;
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- n8n's copy of flatted, found at run time
	const flatted = require(path.join(setup.config.n8nDir, 'node_modules', 'flatted')) as { parse(text: string): unknown };
	const data = flatted.parse(row.data) as RunData;
	const time = (value: string | Date | null) => (value ? new Date(value).getTime() : NaN);
	const created = time(row.createdAt);
	const started = time(row.startedAt);
	return {
		queuedSeconds: (started - created) / 1000,
		runSeconds: (time(row.stoppedAt) - started) / 1000,
		dataChars: row.data.length,
		nodes: Object.entries(data.resultData?.runData ?? {}).map(([node, runs]) => ({
			node,
			seconds: runs.reduce((sum, run) => sum + (run.executionTime ?? 0), 0) / 1000,
			items: runs.reduce((sum, run) => sum + (run.data?.main ?? []).reduce((count, output) => count + (output?.length ?? 0), 0), 0),
			startedAt: runs[0]?.startTime ?? NaN,
		})),
	};
}

export function describeProbe(probe: ExecutionProbe | undefined): string {
	if (!probe) return 'no execution saved';
	const nodes = probe.nodes.map((node) => `${node.node} ${node.seconds.toFixed(2)} s (${node.items} items)`).join(', ');
	return `queued ${probe.queuedSeconds.toFixed(2)} s, ran ${probe.runSeconds.toFixed(2)} s — ${nodes}; saved data ${(probe.dataChars / 1e6).toFixed(1)} MB`;
}

/** The node that was running at `at` (epoch ms), by the probe's start times and durations. */
export function nodeRunningAt(probe: ExecutionProbe | undefined, at: number): string {
	const node = probe?.nodes.find((each) => at >= each.startedAt && at <= each.startedAt + each.seconds * 1000 + 250);
	return node ? node.node : 'between nodes';
}
