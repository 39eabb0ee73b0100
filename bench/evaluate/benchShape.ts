import { addDays } from '../../lib/calendar';

/** The size of one bench run: the 10 M events / 2 M IDs / 1 M roster, or a fraction of it. */
export interface BenchShape {
	events: number;
	/** Distinct ID hashes among the events. */
	ids: number;
	roster: number;
	/** Leads the json-rules-engine baseline is measured on. */
	sample: number;
	days: number;
	firstDay: string;
	lastDay: string;
	/** The evaluation time: the 02:00 run the day after the last day. */
	asOf: Date;
	seed: number;
}

export const FULL_EVENTS = 10_000_000;
const DAYS = 30;
const LAST_DAY = '2026-10-31';

export function benchShape(events = FULL_EVENTS, seed = 20261101): BenchShape {
	if (!Number.isInteger(events) || events < 1000) throw new Error(`events must be an integer ≥ 1000 (got ${events})`);
	const roster = Math.round(events / 10);
	return {
		events,
		ids: Math.round(events / 5),
		roster,
		sample: Math.min(100_000, roster),
		days: DAYS,
		firstDay: addDays(LAST_DAY, -(DAYS - 1)),
		lastDay: LAST_DAY,
		asOf: new Date(`${addDays(LAST_DAY, 1)}T02:00:00+08:00`),
		seed,
	};
}

/** The institutions of the call logs (a bank's branches and partners), with their share of the calls. */
export const INSTITUTIONS: ReadonlyArray<{ name: string; weight: number }> = [
	{ name: '华东中心机构', weight: 24 },
	{ name: '上海研发分部', weight: 16 },
	{ name: '杭州分行', weight: 15 },
	{ name: '宁波分行', weight: 10 },
	{ name: '南京分行', weight: 10 },
	{ name: '苏州消费金融', weight: 9 },
	{ name: '深圳前海合作方', weight: 9 },
	{ name: '北京数据服务中心', weight: 7 },
];

export const EVENT_TYPE_WEIGHTS: ReadonlyArray<{ name: string; weight: number }> = [
	{ name: 'face', weight: 60 },
	{ name: 'ocr', weight: 30 },
	{ name: 'data_api', weight: 10 },
];

/** Calls by local hour: office hours, a lunch dip, a thin night. */
export const HOUR_WEIGHTS: readonly number[] = [
	1, 0.6, 0.4, 0.3, 0.3, 0.5, 1.2, 3, 6, 10, 11, 10, 6, 7, 10, 10, 9, 7, 5, 4, 3.5, 3, 2, 1.4,
];
