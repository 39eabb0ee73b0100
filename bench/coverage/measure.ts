import type { Client } from 'pg';

import { computeCoverage, coveragePreview, type CoveragePreview } from '../../lib/monitor';
import { buildCoverageQuery } from '../../lib/monitor/coverageQuery';
import type { RuleSet } from '../../lib/rules';
import type { Store } from '../../lib/store';
import type { BenchShape } from '../evaluate/benchShape';
import { copyFloor, elapsed } from '../evaluate/floor';
import { perDayCoverage } from './perDayCoverage';

export interface CoverageMeasurements {
	shape: BenchShape;
	days: number;
	/** The evaluate floor: one day's aggregate SQL (the presets), COPY TO STDOUT, discarded. */
	floors: number[];
	/** The coverage scan's own SQL (edited and active rule sets), COPY TO STDOUT, discarded. */
	scanFloors: number[];
	estimates: Array<{ seconds: number; answer: CoveragePreview }>;
	exacts: Array<{ seconds: number; answer: CoveragePreview }>;
	/** The same days, one rule set, no comparison (what the Lead Monitor node's preview runs). */
	exactAlone: number[];
	/** The old preview: one aggregate per day; null when skipped. */
	baseline: { seconds: number; leads: number[] } | null;
	leadsRead: number;
	load: [number, number];
}

/**
 * The console's two answers for an edit of the presets (one threshold raised) against the
 * presets as the active version, alternated with the floors, `repeat` times; the old
 * per-day preview once.
 */
export async function measureCoverage(
	store: Store,
	client: Client,
	options: { edited: RuleSet; active: RuleSet; floorSql: { sql: string; params: unknown[] }; lastDay: string; days: number; repeat: number; baseline: boolean; log: (line: string) => void },
): Promise<Omit<CoverageMeasurements, 'shape' | 'load'>> {
	const { edited, active, lastDay, days, log } = options;
	const scan = buildCoverageQuery([edited, active], { lastDay, days, sample: false });
	const m: Omit<CoverageMeasurements, 'shape' | 'load'> = { days, floors: [], scanFloors: [], estimates: [], exacts: [], exactAlone: [], baseline: null, leadsRead: 0 };
	for (let round = 1; round <= options.repeat; round++) {
		m.floors.push((await copyFloor(client, options.floorSql)).seconds);
		m.scanFloors.push((await copyFloor(client, scan)).seconds);
		m.estimates.push(await timed(() => coveragePreview(store, edited, { mode: 'estimate', lastDay, days, base: active })));
		m.exacts.push(await timed(() => coveragePreview(store, edited, { mode: 'exact', lastDay, days, base: active })));
		const alone = await timed(() => computeCoverage(store, edited, { lastDay, days }));
		m.exactAlone.push(alone.seconds);
		m.leadsRead = alone.answer.leadsRead;
		log(
			`round ${round}/${options.repeat}: evaluate floor ${m.floors.at(-1)!.toFixed(2)} s, scan SQL ${m.scanFloors.at(-1)!.toFixed(2)} s, ` +
				`estimate ${m.estimates.at(-1)!.seconds.toFixed(2)} s, exact ${m.exacts.at(-1)!.seconds.toFixed(2)} s (one rule set ${alone.seconds.toFixed(2)} s)`,
		);
	}
	if (options.baseline) {
		log(`baseline: the old preview, one aggregate per day (${days} scans) …`);
		const started = process.hrtime.bigint();
		const perDay = await perDayCoverage(store, edited, { lastDay, days });
		m.baseline = { seconds: elapsed(started), leads: perDay.map((d) => d.leads) };
	}
	return m;
}

async function timed<T>(run: () => Promise<T>): Promise<{ seconds: number; answer: T }> {
	const started = process.hrtime.bigint();
	const answer = await run();
	return { seconds: elapsed(started), answer };
}
