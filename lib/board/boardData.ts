import type { Queryable } from '../store';
import { DEFAULT_TIME_ZONE } from '../calendar';
import { boardClock } from './boardClock';
import { loadRuleOptions, loadSourceMix, type RuleOption, type SourceShare } from './boardBreakdowns';
import { foldBoardHitCounts } from './boardHitCounts';
import { loadHitPage, type BoardHitPage } from './boardHitPage';
import { loadKpis, type BoardKpis } from './boardKpis';
import type { BoardQuery } from './boardQuery';
import { loadTrend, type TrendPoint } from './boardTrend';
import { sharedRead } from './sharedRead';

/** Everything the board shows; also its JSON variant. Personal data appears masked only. */
export interface BoardData {
	generatedAt: string;
	timeZone: string;
	/** The bank's local date, YYYY-MM-DD. */
	today: string;
	query: BoardQuery;
	kpis: BoardKpis;
	trend: TrendPoint[];
	sources: SourceShare[];
	rules: RuleOption[];
	hits: BoardHitPage;
}

export interface LoadBoardOptions {
	timeZone?: string;
	/** The moment "today" is taken from (tests give one). */
	now?: Date;
}

export async function loadBoard(db: Queryable, query: BoardQuery, options: LoadBoardOptions = {}): Promise<BoardData> {
	const clock = boardClock(options.now ?? new Date(), options.timeZone || DEFAULT_TIME_ZONE);
	// The same for everyone who looks at the board today: concurrent views share one query.
	const day = `${clock.timeZone}:${clock.startOfToday.toISOString()}`;
	await sharedRead(db, 'fold', () => foldBoardHitCounts(db));
	const [kpis, trend, sources, rules, hits] = await Promise.all([
		sharedRead(db, `kpis:${day}`, () => loadKpis(db, clock)),
		sharedRead(db, `trend:${day}`, () => loadTrend(db, clock)),
		sharedRead(db, 'sources', () => loadSourceMix(db)),
		sharedRead(db, 'rules', () => loadRuleOptions(db)),
		loadHitPage(db, query),
	]);
	return {
		generatedAt: clock.now.toISOString(),
		timeZone: clock.timeZone,
		today: clock.today,
		query: { ...query, page: hits.page },
		kpis,
		trend,
		sources,
		rules,
		hits,
	};
}
