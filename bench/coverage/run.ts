/**
 * Coverage bench (issue 14, "Speed"): the console's coverage preview of the five presets for
 * the last 7 days, over the evaluate bench's seeded month of call logs (same generator and
 * loader), side by side with
 *
 * - the estimate's target, 1 s (the sample of 1/64 of the ID hashes, read through the
 *   migration 11 partial indexes);
 * - the evaluate floor (one day's aggregate SQL sent to nowhere, COPY TO STDOUT), against
 *   which the exact 7 days (one scan) are held to 1.5×;
 * - the baseline: the old preview, one full aggregate per day (7 scans), run here from
 *   bench/coverage/perDayCoverage.ts.
 *
 *   npm run bench:coverage -- [events=10000000] [--repeat=3] [--keep] [--db=NAME] [--no-baseline]
 *
 * events: call events to generate; IDs are events ÷ 5, roster leads events ÷ 10.
 * --db=NAME reuses a database kept by this bench or by bench:evaluate after migration 11
 * (the migration is applied if missing; its indexes are then built on the loaded rows).
 */
import * as os from 'node:os';

import { allPresetsRuleSet, buildAggregateQuery, type RuleSet } from '../../lib/rules';
import { migrate } from '../../lib/store';
import { createBenchDatabase } from '../lib/benchDatabase';
import { benchClient, benchStore } from '../evaluate/benchConnection';
import { benchShape, type BenchShape } from '../evaluate/benchShape';
import { copyFloor } from '../evaluate/floor';
import { loadBenchData } from '../evaluate/loadBenchData';
import { ensureRulesData } from '../evaluate/rulesData';
import { measureCoverage, type CoverageMeasurements } from './measure';
import { printCoverageReport } from './report';

const PREVIEW_DAYS = 7;

interface Args {
	events?: number;
	repeat: number;
	keep: boolean;
	database?: string;
	baseline: boolean;
}

async function main(): Promise<void> {
	const args = parseArgs(process.argv.slice(2));
	ensureRulesData();
	const created = args.database ? undefined : await createBenchDatabase();
	const database = args.database ?? created!.name;
	try {
		const shape = args.database ? await storedShape(database) : benchShape(args.events);
		console.log(
			`bench database ${database}: ${shape.events} call events over ${shape.days} days (${shape.firstDay} … ${shape.lastDay}), ` +
				`${shape.ids} distinct ID hashes, ${shape.roster} roster leads; previewing the ${PREVIEW_DAYS} days up to ${shape.lastDay}`,
		);
		if (!args.database) {
			console.log('loading straight into PostgreSQL with COPY (bypassing the Call Log Ingest node):');
			const load = await loadBenchData(database, shape, (line) => console.log(line));
			console.log(`  VACUUM (ANALYZE) ${load.analyzeSeconds.toFixed(1)} s; database ${load.databaseMb} MB`);
		} else {
			const store = benchStore(database);
			try {
				await migrate(store);
			} finally {
				await store.close();
			}
		}
		const measurements = await measure(database, shape, args);
		printCoverageReport(measurements);
		if (args.keep && !args.database) console.log(`kept: reuse with --db=${database}`);
	} finally {
		if (created && !args.keep) {
			await created.drop();
			console.log(`dropped ${database}`);
		}
	}
}

async function measure(database: string, shape: BenchShape, args: Args): Promise<CoverageMeasurements> {
	const active = allPresetsRuleSet();
	const edited = raisedThreshold(active);
	const floorQuery = buildAggregateQuery(active, { windowEnd: shape.lastDay });
	const store = benchStore(database);
	const client = await benchClient(database);
	try {
		// As autovacuum leaves the roster: its pages all-visible (the loader's VACUUM ran while the
		// events' COPY transactions were open, so it could mark none), for the sample's index-only scan.
		await client.query('VACUUM (ANALYZE) leads');
		const loadBefore = os.loadavg()[0];
		console.log('warm-up (the floor once, not counted) …');
		await copyFloor(client, floorQuery);
		const m = await measureCoverage(store, client, {
			edited,
			active,
			floorSql: floorQuery,
			lastDay: shape.lastDay,
			days: PREVIEW_DAYS,
			repeat: args.repeat,
			baseline: args.baseline,
			log: (line) => console.log(line),
		});
		return { ...m, shape, load: [loadBefore, os.loadavg()[0]] };
	} finally {
		await client.end();
		await store.close();
	}
}

/** The edit a person makes in 监控指标管理: the first rule's first threshold one higher. */
function raisedThreshold(ruleSet: RuleSet): RuleSet {
	const edited = JSON.parse(JSON.stringify(ruleSet)) as RuleSet;
	const first = (edited.rules[0].conditions as { all: Array<{ value: number }> }).all[0];
	first.value += 1;
	return edited;
}

async function storedShape(database: string): Promise<BenchShape> {
	const client = await benchClient(database);
	try {
		const result = await client.query<{ shape: BenchShape & { asOf: string } }>('SELECT shape FROM public.bench_meta');
		const shape = result.rows[0].shape;
		return { ...shape, asOf: new Date(shape.asOf) };
	} finally {
		await client.end();
	}
}

function parseArgs(argv: string[]): Args {
	const args: Args = { repeat: 3, keep: false, baseline: true };
	for (const arg of argv) {
		const [flag, value] = arg.split('=', 2);
		if (flag === '--repeat') args.repeat = Math.max(1, Number(value));
		else if (flag === '--keep') args.keep = true;
		else if (flag === '--db') args.database = value;
		else if (flag === '--no-baseline') args.baseline = false;
		else if (/^\d+$/.test(arg)) args.events = Number(arg);
		else throw new Error(`Unknown argument "${arg}" (see the top of bench/coverage/run.ts)`);
	}
	return args;
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
