import { addDays } from '../calendar';
import type { Queryable } from '../store';

/** An institution whose call log for the day is missing or clearly short against its own recent days. */
export interface LogGap {
	institution: string;
	day: string;
	kind: 'missing' | 'short';
	/** Events ingested for the day. */
	events: number;
	/** The median of its recent days with events. */
	usual: number;
}

export interface FreshnessOptions {
	/** Days before `day` that say what is usual (default 7). */
	lookbackDays?: number;
	/** Recent days with events an institution needs before its absence counts (default 3). */
	minActiveDays?: number;
	/** A day below this share of the usual count is short (default 0.5). */
	shortShare?: number;
}

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * The institutions whose log for `day` (YYYY-MM-DD) is missing or short: a daily run that
 * counted them as "0 calls" would silently miss leads. Read from the ingest's day ×
 * institution slices (small), never from the events.
 */
export async function findLogGaps(db: Queryable, day: string, options: FreshnessOptions = {}): Promise<LogGap[]> {
	const lookbackDays = options.lookbackDays ?? 7;
	const minActiveDays = options.minActiveDays ?? 3;
	const shortShare = options.shortShare ?? 0.5;
	const result = await db.query<{ event_date: string; institution: string; events: string | number }>(
		`SELECT to_char(event_date, 'YYYY-MM-DD') AS event_date, institution, sum(events) AS events
		 FROM call_event_slices WHERE event_date BETWEEN $1::date AND $2::date GROUP BY 1, 2`,
		[addDays(day, -lookbackDays), day],
	);
	const byInstitution = new Map<string, { recent: number[]; today: number }>();
	for (const row of result.rows) {
		const entry = byInstitution.get(row.institution) ?? { recent: [], today: 0 };
		if (row.event_date === day) entry.today += Number(row.events);
		else entry.recent.push(Number(row.events));
		byInstitution.set(row.institution, entry);
	}
	const gaps: LogGap[] = [];
	for (const [institution, { recent, today }] of byInstitution) {
		if (recent.length < minActiveDays) continue;
		const usual = median(recent);
		if (today === 0) gaps.push({ institution, day, kind: 'missing', events: 0, usual });
		else if (today < usual * shortShare) gaps.push({ institution, day, kind: 'short', events: today, usual });
	}
	return gaps.sort((a, b) => a.institution.localeCompare(b.institution));
}

/** One line per gap, in Chinese first, for the alert and the hits' warning. */
export function describeLogGaps(gaps: readonly LogGap[]): string {
	return gaps
		.map((gap) =>
			gap.kind === 'missing'
				? `${gap.institution} ${gap.day} 的调用日志缺失（近日通常 ${gap.usual} 条） (call log missing; usually ${gap.usual})`
				: `${gap.institution} ${gap.day} 的调用日志偏少：${gap.events} 条，近日通常 ${gap.usual} 条 (call log short: ${gap.events}, usually ${gap.usual})`,
		)
		.join('；');
}
