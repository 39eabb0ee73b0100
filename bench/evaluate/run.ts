/**
 * Evaluate bench (issue 4): the five presets over a seeded month of call logs, side by side
 * with the floor (the same aggregate SQL, rows sent to nowhere) and the baseline
 * (json-rules-engine run() per lead on the same aggregate rows, measured on 100 k leads and
 * scaled), with the targets beside the figures (printed, never gated).
 *
 *   npm run bench:evaluate -- [events=10000000] [--repeat=3] [--keep] [--db=NAME] [--profile=DIR]
 *
 * events: call events to generate; IDs are events ÷ 5, roster leads events ÷ 10 (the
 *   issue's 10 M / 2 M / 1 M at the default; `1000000` for a quick 1 M / 200 k / 100 k run).
 * --repeat: floor and ours runs, alternated (median, min–max shown).
 * --keep: keep the bench database (its name is printed); --db=NAME: reuse one so kept.
 * --profile=DIR: run ours with --cpu-prof into DIR.
 *
 * The data goes straight into a fresh database with COPY (not through the ingest node);
 * ours runs in a child process so its peak RSS is its own. Needs PostgreSQL at
 * 127.0.0.1:5432 (LEAD_MONITOR_TEST_PG_* to change) and ~3 GB of disk at full size.
 *
 * Experiments on a kept database: sqlVariants.js (rewrites of the aggregate,
 * sqlRewrites.ts) and experiments.js (evaluate and its streaming form, alternated).
 */
import * as os from 'node:os';

import { allPresetsRuleSet, buildAggregateQuery, type AggregateQuery } from '../../lib/rules';
import { createBenchDatabase } from '../lib/benchDatabase';
import { STREAM_APPLICATION, benchClient, benchStore } from './benchConnection';
import { benchShape, type BenchShape } from './benchShape';
import { compiledPredicates, oneEngineSequential, referencePerLead, type MatchSet, type PhaseRun } from './engineBaseline';
import type { OursRun } from './evaluateChild';
import { copyFloor, streamFloor, type FloorRun } from './floor';
import { loadBenchData } from './loadBenchData';
import { printReport } from './report';
import { ensureRulesData } from './rulesData';
import { runOurs } from './runOurs';
import { sampleRows } from './sampleRows';

interface Args {
	events?: number;
	repeat: number;
	keep: boolean;
	database?: string;
	profileDir?: string;
}

export interface Measurements {
	shape: BenchShape;
	query: AggregateQuery;
	ruleNames: string[];
	copyFloors: FloorRun[];
	streamFloors: FloorRun[];
	ours: OursRun[];
	sampleSize: number;
	compiled: PhaseRun;
	reference: PhaseRun;
	oneEngine: PhaseRun;
	oursOnSample: MatchSet;
	load: [number, number];
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
				`${shape.ids} distinct ID hashes, ${shape.roster} roster leads; evaluated at 02:00 Asia/Shanghai the day after (asOf ${shape.asOf.toISOString()})`,
		);
		if (!args.database) {
			console.log('loading straight into PostgreSQL with COPY (bypassing the Call Log Ingest node):');
			const load = await loadBenchData(database, shape, (line) => console.log(line));
			console.log(`  VACUUM (ANALYZE) ${load.analyzeSeconds.toFixed(1)} s; database ${load.databaseMb} MB`);
		}
		const measurements = await measure(database, shape, args);
		printReport(measurements);
		if (args.keep && !args.database) console.log(`kept: reuse with --db=${database}`);
	} finally {
		if (created && !args.keep) {
			await created.drop();
			console.log(`dropped ${database}`);
		}
	}
}

async function measure(database: string, shape: BenchShape, args: Args): Promise<Measurements> {
	const ruleSet = allPresetsRuleSet();
	const query = buildAggregateQuery(ruleSet, { asOf: shape.asOf });
	// The store's pool names its connections after PGAPPNAME: streamFloor finds its backend by it.
	process.env.PGAPPNAME = STREAM_APPLICATION;
	const store = benchStore(database);
	const client = await benchClient(database);
	try {
		const load: [number, number] = [os.loadavg()[0], 0];
		console.log(`warm-up (the floor once, not counted) …`);
		await copyFloor(client, query);
		const copyFloors: FloorRun[] = [];
		const streamFloors: FloorRun[] = [];
		const ours: OursRun[] = [];
		const profile = args.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${args.profileDir}`] : [];
		for (let round = 1; round <= args.repeat; round++) {
			copyFloors.push(await copyFloor(client, query));
			streamFloors.push(await streamFloor(store, query, client));
			await client.query('TRUNCATE hits CASCADE');
			ours.push(await runOurs(database, shape.asOf, profile));
			console.log(
				`round ${round}/${args.repeat}: floor ${copyFloors.at(-1)!.seconds.toFixed(2)} s, stream ${streamFloors.at(-1)!.seconds.toFixed(2)} s, ` +
					`ours ${ours.at(-1)!.seconds.toFixed(2)} s (load average ${os.loadavg()[0].toFixed(1)})`,
			);
		}
		const leads = ours[0].leadsEvaluated;
		console.log(`sampling ${Math.min(shape.sample, leads)} of ${leads} aggregate rows for the baseline …`);
		const rows = await sampleRows(store, query, leads, shape.sample);
		const compiled = compiledPredicates(ruleSet, rows, query.factKey);
		console.log(`json-rules-engine on ${rows.length} leads (new Engine per run) …`);
		const reference = await referencePerLead(ruleSet, rows, query.factKey);
		console.log(`json-rules-engine on ${rows.length} leads (one Engine, sequential) …`);
		const oneEngine = await oneEngineSequential(ruleSet, rows, query.factKey);
		const stored = await client.query<{ lead_id: string; rule_id: string }>(
			'SELECT lead_id, rule_id FROM hits WHERE lead_id = ANY($1::text[])',
			[rows.map((r) => r.lead_id)],
		);
		const oursOnSample = new Set(stored.rows.map((r) => `${r.lead_id}\t${r.rule_id}`));
		load[1] = os.loadavg()[0];
		return { shape, query, ruleNames: ruleSet.rules.map((r) => r.name), copyFloors, streamFloors, ours, sampleSize: rows.length, compiled, reference, oneEngine, oursOnSample, load };
	} finally {
		await client.end();
		await store.close();
	}
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
	const args: Args = { repeat: 3, keep: false };
	for (const arg of argv) {
		const [flag, value] = arg.split('=', 2);
		if (flag === '--repeat') args.repeat = Math.max(1, Number(value));
		else if (flag === '--keep') args.keep = true;
		else if (flag === '--db') args.database = value;
		else if (flag === '--profile') args.profileDir = value;
		else if (/^\d+$/.test(arg)) args.events = Number(arg);
		else throw new Error(`Unknown argument "${arg}" (see the top of bench/evaluate/run.ts)`);
	}
	return args;
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
