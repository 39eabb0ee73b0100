import * as fs from 'node:fs';
import * as path from 'node:path';

import type { Client } from 'pg';

import { addDays } from '../../lib/calendar';
import { activeConfig } from '../../lib/config';
import { idNumber } from '../../lib/sample/people';
import { scoreLeads, scoringConfig } from '../../lib/scoring';
import type { Store } from '../../lib/store';
import { SeededRandom } from '../../lib/sample/SeededRandom';
import type { BenchShape } from '../evaluate/benchShape';
import { INSTITUTIONS } from '../evaluate/benchShape';
import type { N8nSetup } from './n8nSetup';
import { postWebhook } from './postWebhook';

export interface DailyRunFigures {
	seconds: number;
	status: number;
	newHits: number;
	accepted: number;
	/** Characters of the webhook's answer (Lead Monitor's run summary, no hit list). */
	answerChars: number;
	/** The run's summary says as many new hits as the store holds. */
	summaryNewHits: number;
	/** Lead Score's steps, ms (its summary's scoring.stepMs). */
	scoreStepMs: Record<string, number>;
	/** Whether Lead Score rebuilt the whole ledger (a first run) rather than adding the day to it. */
	scoreRebuilt: boolean;
	/** Seconds the bench spent scoring the day before (untimed; a steady day only). */
	dayBeforeSeconds?: number;
}

/**
 * Which daily run is timed: `steady` (the default), a day like every day after the first —
 * the day before was scored, so Lead Score adds one day to the ledger — or `first`, the first
 * run ever, whose Lead Score builds the whole ledger (as after a new scoring model version).
 */
export type DailyRunKind = 'steady' | 'first';

export function dailyRunKind(): DailyRunKind {
	const kind = process.env.DAILY ?? 'steady';
	if (kind !== 'steady' && kind !== 'first') throw new Error(`DAILY=${kind}: expected steady or first`);
	return kind;
}

/**
 * What a daily run writes, emptied before each setup's run so that both start from the loaded
 * data alone (a second run of the same business date would find its hits and scores made).
 */
const RUN_OUTPUT = ['hits', 'daily_runs', 'score_runs', 'lead_score_entries', 'lead_score_event_entries', 'lead_score_profile_entries', 'lead_score_profile_slots', 'lead_score_totals', 'lead_alerts', 'lead_owners', 'lead_owner_changes'];

export async function resetRunOutput(client: Client): Promise<void> {
	const present = await client.query<{ name: string }>(
		"SELECT tablename AS name FROM pg_tables WHERE schemaname = 'lead_monitor' AND tablename = ANY($1::text[])",
		[RUN_OUTPUT],
	);
	await client.query(`TRUNCATE ${present.rows.map((row) => row.name).join(', ')} CASCADE`);
	await client.query('VACUUM (ANALYZE) leads');
}

/** A small call-log file of the business date (its own IDs and request ids per setup, so each is a new file). */
function writeCallLog(dir: string, shape: BenchShape, index: number): string {
	const random = new SeededRandom(7700 + index);
	const day = shape.lastDay;
	const rows = Array.from({ length: 20 }, (_, n) =>
		[`QB${index}${day.replace(/-/g, '')}${String(n).padStart(5, '0')}`, idNumber(random), random.pick(INSTITUTIONS).name, n % 3 ? 'face' : 'ocr', `${day} 10:${String(n).padStart(2, '0')}:00`, '0000'].join(','),
	);
	const file = path.join(dir, `bench-calls-${index}-${day}.csv`);
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(file, ['请求ID,身份证号,机构,事件类型,时间,结果码', ...rows].join('\r\n') + '\r\n');
	return file;
}

/**
 * The shipped daily-monitor workflow's Run Now (Call Log Ingest → Lead Monitor on the saved
 * rules → Lead Score → the answer), for the bench data's business date, on the loaded store.
 */
export async function dailyRunThroughN8n(setup: N8nSetup, shape: BenchShape, store: Store, client: Client, index: number, kind: DailyRunKind): Promise<DailyRunFigures> {
	await resetRunOutput(client);
	const dayBeforeSeconds = kind === 'steady' ? await scoreDayBefore(store, shape.lastDay) : undefined;
	const filePath = writeCallLog(path.join(setup.config.userFolder, '..', 'call-logs'), shape, index);
	const started = Date.now();
	const body = JSON.stringify({ filePath, businessDate: shape.lastDay });
	const { status, text } = await postWebhook(setup.config.baseUrl, 'daily-monitor-run', { ...setup.apiKey, 'content-type': 'application/json' }, body, 3_600_000);
	const seconds = (Date.now() - started) / 1000;
	if (status !== 200) throw new Error(`${setup.kind}: the daily run answered ${status}: ${text.slice(0, 500)}`);
	const answer = JSON.parse(text) as {
		ingest: Array<{ accepted?: number }>;
		run?: { newHits?: number };
		scores?: { scoring?: { stepMs?: Record<string, number>; rebuilt?: boolean } };
	};
	const stored = await client.query<{ count: string }>('SELECT count(*) FROM hits');
	return {
		seconds,
		status,
		newHits: Number(stored.rows[0].count),
		accepted: answer.ingest.reduce((sum, item) => sum + (item.accepted ?? 0), 0),
		answerChars: text.length,
		summaryNewHits: answer.run?.newHits ?? NaN,
		scoreStepMs: answer.scores?.scoring?.stepMs ?? {},
		scoreRebuilt: answer.scores?.scoring?.rebuilt ?? false,
		dayBeforeSeconds,
	};
}

/** Scores the day before the business date with the saved model, as that day's run did. */
async function scoreDayBefore(store: Store, businessDate: string): Promise<number> {
	const started = Date.now();
	const { body, version } = await activeConfig(store, scoringConfig);
	await scoreLeads(store, body, { scoredOn: addDays(businessDate, -1), modelVersion: version });
	return (Date.now() - started) / 1000;
}
