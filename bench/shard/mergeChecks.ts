import { boardClock, loadKpis, type BoardKpis } from '../../lib/board';
import { computeCoverage } from '../../lib/monitor';
import type { RuleSet } from '../../lib/rules';
import { benchClient, benchStore } from '../evaluate/benchConnection';
import { shardOfText } from './splitShards';

export interface HitsCheck {
	whole: number;
	perShard: number[];
	union: number;
	/** Whole's hits no shard has, and shard hits the whole lacks (lead, rule, window). */
	missing: number;
	extra: number;
	/** Hits found on two shards, and hits on a shard their ID hash does not map to. */
	onTwoShards: number;
	misplaced: number;
}

/** The union of the shards' hits against the whole's, by (lead, rule, window). */
export async function compareHits(whole: string, shards: string[]): Promise<HitsCheck> {
	const wholeKeys = new Set((await hitRows(whole)).map((r) => r.key));
	const union = new Set<string>();
	const perShard: number[] = [];
	let onTwoShards = 0;
	let misplaced = 0;
	for (const [k, database] of shards.entries()) {
		const rows = await hitRows(database);
		perShard.push(rows.length);
		for (const row of rows) {
			if (union.has(row.key)) onTwoShards++;
			union.add(row.key);
			if (shardOfText(row.idHash, shards.length) !== k) misplaced++;
		}
	}
	let missing = 0;
	for (const key of wholeKeys) if (!union.has(key)) missing++;
	let extra = 0;
	for (const key of union) if (!wholeKeys.has(key)) extra++;
	return { whole: wholeKeys.size, perShard, union: union.size, missing, extra, onTwoShards, misplaced };
}

async function hitRows(database: string): Promise<Array<{ key: string; idHash: string }>> {
	const client = await benchClient(database);
	try {
		const result = await client.query<{ lead_id: string; rule_id: string; window_key: string; id_hash: string }>(
			'SELECT lead_id, rule_id, window_key, id_hash FROM hits',
		);
		return result.rows.map((r) => ({ key: `${r.lead_id}\t${r.rule_id}\t${r.window_key}`, idHash: r.id_hash }));
	} finally {
		await client.end();
	}
}

export interface MergeRun<T> {
	whole: T;
	wholeSeconds: number;
	shards: T[];
	shardSeconds: number[];
	merged: T;
	mergeSeconds: number;
	equal: boolean;
}

/** The board's KPI cards, per shard, merged by summing the counts (the percentages are recomputed from the sums). */
export async function mergeKpis(whole: string, shards: string[], now: Date): Promise<MergeRun<BoardKpis>> {
	const clock = boardClock(now);
	return mergeRun(whole, shards, (store) => loadKpis(store, clock), sumKpis);
}

/** The coverage preview (leads matched per day and rule, over `days` days), per shard, merged by summing. */
export async function mergeCoverage(whole: string, shards: string[], ruleSet: RuleSet, lastDay: string, days: number) {
	return mergeRun(
		whole,
		shards,
		async (store) => {
			const coverage = await computeCoverage(store, ruleSet, { lastDay, days });
			return { leadsRead: coverage.leadsRead, days: coverage.days };
		},
		(parts) => ({
			leadsRead: sum(parts.map((p) => p.leadsRead)),
			days: parts[0].days.map((day, i) => ({
				date: day.date,
				leads: sum(parts.map((p) => p.days[i].leads)),
				byRule: Object.fromEntries(Object.keys(day.byRule).map((rule) => [rule, sum(parts.map((p) => p.days[i].byRule[rule]))])),
				errors: sum(parts.map((p) => p.days[i].errors)),
				added: sum(parts.map((p) => p.days[i].added)),
				removed: sum(parts.map((p) => p.days[i].removed)),
			})),
		}),
	);
}

async function mergeRun<T>(
	whole: string,
	shards: string[],
	read: (store: ReturnType<typeof benchStore>) => Promise<T>,
	merge: (parts: T[]) => T,
): Promise<MergeRun<T>> {
	const timed = async (database: string): Promise<[T, number]> => {
		const store = benchStore(database);
		try {
			const started = process.hrtime.bigint();
			const value = await read(store);
			return [value, Number(process.hrtime.bigint() - started) / 1e9];
		} finally {
			await store.close();
		}
	};
	const [wholeValue, wholeSeconds] = await timed(whole);
	const parts: T[] = [];
	const shardSeconds: number[] = [];
	for (const database of shards) {
		const [value, seconds] = await timed(database);
		parts.push(value);
		shardSeconds.push(seconds);
	}
	const started = process.hrtime.bigint();
	const merged = merge(parts);
	const mergeSeconds = Number(process.hrtime.bigint() - started) / 1e9;
	return { whole: wholeValue, wholeSeconds, shards: parts, shardSeconds, merged, mergeSeconds, equal: JSON.stringify(merged) === JSON.stringify(wholeValue) };
}

function sumKpis(parts: BoardKpis[]): BoardKpis {
	const total = sum(parts.map((p) => p.total));
	const before = sum(parts.map((p) => p.totalAtStartOfToday));
	const awaiting = sum(parts.map((p) => p.awaiting));
	const monthHits = sum(parts.map((p) => p.monthHits));
	const monthConverted = sum(parts.map((p) => p.monthConverted));
	const percent = (part: number, of: number) => Math.round((part / of) * 1000) / 10;
	return {
		total,
		totalAtStartOfToday: before,
		changeFromYesterdayPct: before > 0 ? percent(total - before, before) : null,
		newToday: sum(parts.map((p) => p.newToday)),
		newYesterday: sum(parts.map((p) => p.newYesterday)),
		awaiting,
		awaitingSharePct: total > 0 ? percent(awaiting, total) : null,
		monthHits,
		monthConverted,
		monthConvertedImported: sum(parts.map((p) => p.monthConvertedImported)),
		monthConvertedStaff: sum(parts.map((p) => p.monthConvertedStaff)),
		conversionRatePct: monthHits > 0 ? percent(monthConverted, monthHits) : null,
		byStatus: {
			pending: sum(parts.map((p) => p.byStatus.pending)),
			in_progress: sum(parts.map((p) => p.byStatus.in_progress)),
			converted: sum(parts.map((p) => p.byStatus.converted)),
			contact_failed: sum(parts.map((p) => p.byStatus.contact_failed)),
		},
	};
}

function sum(values: number[]): number {
	return values.reduce((a, b) => a + b, 0);
}
