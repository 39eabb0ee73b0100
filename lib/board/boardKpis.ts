import type { Queryable } from '../store';
import type { HitStatus } from '../hits';
import type { BoardClock } from './boardClock';

/**
 * The four KPI cards. A hit counts for a day by when it reached the board (`created_at`,
 * in the bank's time zone), so "new today" is what the staff have not seen yesterday:
 *
 * - total: every hit on the board; change: (total − total at the start of today) ÷ total
 *   at the start of today × 100 (null when there was nothing yesterday);
 * - newToday / newYesterday: hits that arrived during that local day;
 * - awaiting: hits still `pending`; awaitingShare: awaiting ÷ total × 100;
 * - conversionRate: of the hits that arrived this local month (up to now), the share whose
 *   status is `converted` × 100 (null when none arrived this month).
 *
 * Percentages are rounded to one decimal, as the page shows them.
 */
export interface BoardKpis {
	total: number;
	totalAtStartOfToday: number;
	changeFromYesterdayPct: number | null;
	newToday: number;
	newYesterday: number;
	awaiting: number;
	awaitingSharePct: number | null;
	monthHits: number;
	monthConverted: number;
	conversionRatePct: number | null;
	byStatus: Record<HitStatus, number>;
}

interface KpiRow {
	total: string;
	before_today: string;
	new_today: string;
	new_yesterday: string;
	pending: string;
	in_progress: string;
	converted: string;
	contact_failed: string;
	month_hits: string;
	month_converted: string;
}

/** One pass over the hits. */
export async function loadKpis(db: Queryable, clock: BoardClock): Promise<BoardKpis> {
	const result = await db.query<KpiRow>(
		`SELECT count(*) AS total,
		        count(*) FILTER (WHERE created_at < $2) AS before_today,
		        count(*) FILTER (WHERE created_at >= $2 AND created_at < $3) AS new_today,
		        count(*) FILTER (WHERE created_at >= $1 AND created_at < $2) AS new_yesterday,
		        count(*) FILTER (WHERE status = 'pending') AS pending,
		        count(*) FILTER (WHERE status = 'in_progress') AS in_progress,
		        count(*) FILTER (WHERE status = 'converted') AS converted,
		        count(*) FILTER (WHERE status = 'contact_failed') AS contact_failed,
		        count(*) FILTER (WHERE created_at >= $4 AND created_at < $3) AS month_hits,
		        count(*) FILTER (WHERE created_at >= $4 AND created_at < $3 AND status = 'converted') AS month_converted
		 FROM hits`,
		[clock.startOfYesterday, clock.startOfToday, clock.startOfTomorrow, clock.startOfMonth],
	);
	const row = result.rows[0];
	const n = (key: keyof KpiRow) => Number(row?.[key] ?? 0);
	const total = n('total');
	const before = n('before_today');
	const monthHits = n('month_hits');
	const monthConverted = n('month_converted');
	return {
		total,
		totalAtStartOfToday: before,
		changeFromYesterdayPct: before > 0 ? percent(total - before, before) : null,
		newToday: n('new_today'),
		newYesterday: n('new_yesterday'),
		awaiting: n('pending'),
		awaitingSharePct: total > 0 ? percent(n('pending'), total) : null,
		monthHits,
		monthConverted,
		conversionRatePct: monthHits > 0 ? percent(monthConverted, monthHits) : null,
		byStatus: {
			pending: n('pending'),
			in_progress: n('in_progress'),
			converted: n('converted'),
			contact_failed: n('contact_failed'),
		},
	};
}

function percent(part: number, whole: number): number {
	return Math.round((part / whole) * 1000) / 10;
}
