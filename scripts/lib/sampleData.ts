// The demo's data, loaded once on the first start: a seeded roster of ~5 000 leads posted
// through the import webhook, 30 days of call logs across 8 institutions written as daily
// files, and a first daily run (the daily-monitor workflow's "Run Now" webhook) over them,
// so the board has hits to show. Everything goes through the shipped workflows over HTTP,
// as a bank's systems would use them.
import * as fs from 'node:fs';
import * as path from 'node:path';

import { requireBuilt } from './builtPackage';
import type { StartConfig } from './config';
import { say } from './say';
import type { Secrets } from './secrets';
import type { StartContext } from './startHooks';
import { readStartState, updateStartState } from './userFolder';

const ROSTER_SIZE = 5000;
const SEED = 20261122;

/** Yesterday in Shanghai, YYYY-MM-DD: the logs arrive T+1. */
function yesterdayInShanghai(): string {
	return new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
}

async function post<T>(url: string, headers: Record<string, string>, body: RequestInit['body']): Promise<T> {
	const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(600_000) });
	const text = await response.text();
	if (!response.ok) throw new Error(`POST ${url} answered ${response.status}: ${text.slice(0, 300)}`);
	return JSON.parse(text) as T;
}

/** The fields of the import webhook's report printed here (lib/roster's ImportReport). */
interface ImportReport {
	rowsRead: number;
	created: number;
	rejectedCount: number;
	duplicateCount: number;
}

/** The fields of the daily-monitor-run webhook's answer printed here. */
interface DailyRunResult {
	ingest: Array<{ accepted?: number }>;
	/** Lead Monitor's summary of the run (its Output "Summary"). */
	run: { newHits: number };
}

async function importRoster(config: StartConfig, secrets: Secrets): Promise<string[]> {
	const { sampleRoster, sampleRosterCsv } = requireBuilt(config, 'lib/sample');
	const options = { count: ROSTER_SIZE, seed: SEED, badShare: 0.02, duplicateShare: 0.01 };
	const form = new FormData();
	form.append('data', new Blob([[...sampleRosterCsv(options)].join('')], { type: 'text/csv' }), '线索名单.csv');
	const report = await post<ImportReport>(`${config.baseUrl}/webhook/lead-import`, { [config.importApiKeyHeader]: secrets.importApiKey }, form);
	say.detail(`roster: ${report.rowsRead} rows, ${report.created} created, ${report.rejectedCount} rejected, ${report.duplicateCount} duplicates`);
	return [...sampleRoster(options)].map((lead) => lead.idNumber);
}

function writeCallLogs(config: StartConfig, rosterIds: string[]): string {
	const { sampleCallLogs } = requireBuilt(config, 'lib/sample');
	const dir = path.join(config.userFolder, 'lead-monitor', 'call-logs');
	const days = sampleCallLogs(rosterIds, yesterdayInShanghai(), 30, SEED);
	for (const { day, csv } of days) {
		const folder = path.join(dir, day.replace(/-/g, ''));
		fs.mkdirSync(folder, { recursive: true });
		fs.writeFileSync(path.join(folder, 'calls.csv'), csv);
	}
	say.detail(`call logs: ${days.length} days in ${dir}`);
	return path.join(dir, '*', 'calls.csv');
}

async function runDailyMonitor(config: StartConfig, secrets: Secrets, filePath: string): Promise<void> {
	const result = await post<DailyRunResult>(
		`${config.baseUrl}/webhook/daily-monitor-run`,
		{ [config.importApiKeyHeader]: secrets.importApiKey, 'content-type': 'application/json' },
		JSON.stringify({ filePath }),
	);
	const accepted = result.ingest.reduce((sum, batch) => sum + (batch.accepted ?? 0), 0);
	say.detail(`first daily run: ${accepted} call events ingested, ${result.run.newHits} hits`);
}

/** Loads the sample data unless an earlier start did. */
export async function loadSampleDataOnce({ config, secrets }: StartContext): Promise<void> {
	if (readStartState(config).sampleDataLoadedAt) return;
	say.step('Loading sample data (first start only): roster, 30 days of call logs, first daily run…');
	const rosterIds = await importRoster(config, secrets);
	const filePath = writeCallLogs(config, rosterIds);
	await runDailyMonitor(config, secrets, filePath);
	updateStartState(config, { sampleDataLoadedAt: new Date().toISOString() });
}
