/**
 * Shard simulation (issue 17, "the next step past one PostgreSQL"): the evaluate bench's
 * seeded month of call logs and roster in one store (the whole), then split by the keyed
 * ID hash into N shard databases, each migrated by lib/store's migrate (the nodes of a
 * distributed PostgreSQL such as Citus), every lead on the shard of its events, the
 * reference tables (rules, configuration, staff) on every shard. The real daily evaluation
 * (lib/monitor's evaluate, the five presets) runs on the whole and on each shard, each
 * beside its floor (the aggregate SQL, rows sent to nowhere); then the union of the
 * shards' hits must equal the whole's, and the board KPIs and the coverage preview are
 * merged from per-shard counts and compared with the whole's.
 *
 *   npm run bench:shard -- [events=1000000] [--shards=4] [--repeat=3] [--keep]
 *
 * The shards share this machine and run one after the other: the slowest shard's time
 * stands for the elapsed time of a cluster whose nodes run theirs at once.
 */
import * as os from 'node:os';

import { registerRules } from '../../lib/monitor/ruleRegistry';
import { allPresetsRuleSet, buildAggregateQuery } from '../../lib/rules';
import { createBenchDatabase, median, table } from '../lib/benchDatabase';
import { benchClient, benchStore } from '../evaluate/benchConnection';
import { benchShape } from '../evaluate/benchShape';
import type { OursRun } from '../evaluate/evaluateChild';
import { copyFloor, type FloorRun } from '../evaluate/floor';
import { loadBenchData } from '../evaluate/loadBenchData';
import { ensureRulesData } from '../evaluate/rulesData';
import { runOurs } from '../evaluate/runOurs';
import { compareHits, mergeCoverage, mergeKpis } from './mergeChecks';
import { createMigratedDatabase, dropShards, emptyDatabase, splitShards } from './splitShards';
import { tableSizes, type TableSize } from './tableSizes';

interface Args {
	events: number;
	shards: number;
	repeat: number;
	keep: boolean;
}

const COVERAGE_DAYS = 7;

async function main(): Promise<void> {
	const args = parseArgs(process.argv.slice(2));
	ensureRulesData();
	const loadStart = os.loadavg()[0];
	const created = await createBenchDatabase('lead_monitor_shard_sim');
	const whole = created.name;
	try {
		const shape = benchShape(args.events);
		console.log(
			`whole store ${whole}: ${shape.events} call events over ${shape.days} days, ${shape.ids} distinct ID hashes, ` +
				`${shape.roster} roster leads; ${args.shards} shards by the ID hash's last byte mod ${args.shards}`,
		);
		console.log('loading the whole store (the evaluate bench loader, COPY):');
		const load = await loadBenchData(whole, shape, (line) => console.log(line));
		console.log(`  VACUUM (ANALYZE) ${load.analyzeSeconds.toFixed(1)} s; database ${load.databaseMb} MB`);

		const ruleSet = allPresetsRuleSet();
		const store = benchStore(whole);
		try {
			await registerRules(store, ruleSet.rules);
		} finally {
			await store.close();
		}
		console.log(`splitting into ${args.shards} shard databases (migrate, day partitions, COPY of each shard's rows, VACUUM (ANALYZE)):`);
		const loads = await splitShards(whole, shape, args.shards, (line) => console.log(line));
		const databases = [whole, ...loads.map((l) => l.database)];
		const names = ['whole', ...loads.map((_, k) => `shard ${k}`)];
		await createMigratedDatabase(emptyDatabase(whole));
		const empty: OursRun[] = [];

		const query = buildAggregateQuery(ruleSet, { asOf: shape.asOf });
		const floors: FloorRun[][] = databases.map(() => []);
		const ours: OursRun[][] = databases.map(() => []);
		for (let round = 1; round <= args.repeat; round++) {
			for (const [i, database] of databases.entries()) {
				const client = await benchClient(database);
				try {
					if (round === 1) await copyFloor(client, query); // warm-up, not counted
					floors[i].push(await copyFloor(client, query));
					await client.query('TRUNCATE hits CASCADE');
				} finally {
					await client.end();
				}
				ours[i].push(await runOurs(database, shape.asOf));
			}
			empty.push(await runOurs(emptyDatabase(whole), shape.asOf));
			console.log(
				`round ${round}/${args.repeat}: ` +
					names.map((name, i) => `${name} ${ours[i].at(-1)!.seconds.toFixed(2)} s`).join(', ') +
					`, empty store ${empty.at(-1)!.seconds.toFixed(2)} s (load average ${os.loadavg()[0].toFixed(1)})`,
			);
		}

		const counts = [
			{ events: shape.events, leads: shape.roster },
			...loads.map((l) => ({ events: l.rows.call_events, leads: l.rows.leads })),
		];
		const evaluateMedian = ours.map((runs) => median(runs.map((r) => r.seconds)));
		const floorMedian = floors.map((runs) => median(runs.map((r) => r.seconds)));
		console.log('\nthe daily evaluation, whole and per shard (median of the rounds):');
		console.log(
			table(
				names.map((name, i) => ({
					store: name,
					events: counts[i].events,
					leads: counts[i].leads,
					'floor s': floorMedian[i].toFixed(2),
					'evaluate s': evaluateMedian[i].toFixed(2),
					'min–max': `${min(ours[i]).toFixed(2)}–${max(ours[i]).toFixed(2)}`,
					'leads evaluated': ours[i][0].leadsEvaluated,
					'new hits': ours[i].at(-1)!.newHits,
					'peak RSS MB': ours[i].at(-1)!.peakRssMb,
				})),
			),
		);
		const fixed = median(empty.map((r) => r.seconds));
		console.log(`fixed cost of one evaluation (the same evaluate() on a migrated store with no rows): ${fixed.toFixed(2)} s (min–max ${min(empty).toFixed(2)}–${max(empty).toFixed(2)})`);
		const shardEvents = counts.slice(1).map((c) => c.events);
		const idealEvents = shape.events / args.shards;
		console.log(
			`balance: largest shard ${Math.max(...shardEvents)} events, smallest ${Math.min(...shardEvents)} ` +
				`(${((Math.max(...shardEvents) / idealEvents - 1) * 100).toFixed(1)} % over the ideal ${Math.round(idealEvents)})`,
		);
		const slowest = Math.max(...evaluateMedian.slice(1));
		const slowestFloor = Math.max(...floorMedian.slice(1));
		const sumShards = evaluateMedian.slice(1).reduce((a, b) => a + b, 0);
		console.log(
			`evaluate: whole ${evaluateMedian[0].toFixed(2)} s; slowest shard ${slowest.toFixed(2)} s = ` +
				`${((slowest / evaluateMedian[0]) * 100).toFixed(0)} % of the whole, ${(evaluateMedian[0] / slowest).toFixed(2)}× faster ` +
				`(ideal whole ÷ ${args.shards} = ${(evaluateMedian[0] / args.shards).toFixed(2)} s; slowest ÷ ideal ${((slowest * args.shards) / evaluateMedian[0]).toFixed(2)}); ` +
				`sum of the shards ${sumShards.toFixed(2)} s (the total work, ${((sumShards / evaluateMedian[0]) * 100).toFixed(0)} % of the whole); ` +
				`less the fixed cost: slowest ${(slowest - fixed).toFixed(2)} s against ideal ${((evaluateMedian[0] - fixed) / args.shards).toFixed(2)} s`,
		);
		console.log(
			`floor:    whole ${floorMedian[0].toFixed(2)} s; slowest shard ${slowestFloor.toFixed(2)} s ` +
				`(ideal ${(floorMedian[0] / args.shards).toFixed(2)} s; slowest ÷ ideal ${((slowestFloor * args.shards) / floorMedian[0]).toFixed(2)})`,
		);

		const hits = await compareHits(whole, databases.slice(1));
		console.log(
			`\nhits (lead, rule, window): whole ${hits.whole}; shards ${hits.perShard.join(' + ')} = ${hits.perShard.reduce((a, b) => a + b, 0)}, ` +
				`union ${hits.union}; missing from the shards ${hits.missing}, only on a shard ${hits.extra}, ` +
				`on two shards ${hits.onTwoShards}, on the wrong shard for their ID hash ${hits.misplaced}`,
		);
		const hitsEqual = hits.missing === 0 && hits.extra === 0 && hits.onTwoShards === 0 && hits.misplaced === 0 && hits.union === hits.whole;
		console.log(hitsEqual ? 'OK: the union of the shards\' hits is exactly the whole\'s' : 'FAILED: the shards\' hits differ from the whole\'s');

		const kpis = await mergeKpis(whole, databases.slice(1), new Date());
		console.log(
			`\nboard KPIs (one pass over hits, 10 counts): whole ${ms(kpis.wholeSeconds)}; per shard ${kpis.shardSeconds.map(ms).join(', ')}; ` +
				`merge = sum of ${args.shards} rows of 10 counts in ${ms(kpis.mergeSeconds)}; ` +
				`total ${kpis.merged.total} (whole ${kpis.whole.total}), awaiting ${kpis.merged.awaiting} (whole ${kpis.whole.awaiting}): ` +
				(kpis.equal ? 'equal' : 'DIFFERENT'),
		);
		const coverage = await mergeCoverage(whole, databases.slice(1), ruleSet, shape.lastDay, COVERAGE_DAYS);
		const lastDay = (c: typeof coverage.whole) => c.days.at(-1)!;
		console.log(
			`coverage preview (${COVERAGE_DAYS} days × ${ruleSet.rules.length} rules): whole ${coverage.wholeSeconds.toFixed(2)} s; ` +
				`per shard ${coverage.shardSeconds.map((s) => s.toFixed(2)).join(', ')} s; merge = sum of ${args.shards} × ${COVERAGE_DAYS} day rows in ${ms(coverage.mergeSeconds)}; ` +
				`leads on ${lastDay(coverage.merged).date}: ${coverage.shards.map((c) => lastDay(c).leads).join(' + ')} = ${lastDay(coverage.merged).leads} ` +
				`(whole ${lastDay(coverage.whole).leads}): ${coverage.equal ? 'equal' : 'DIFFERENT'}`,
		);

		console.log('\ntable sizes, whole store and shard 0:');
		const wholeSizes = await tableSizes(whole);
		const shardSizes = await tableSizes(databases[1]);
		console.log(table(wholeSizes.map((w, i) => sizeRow(w, shardSizes[i]))));
		console.log(`\nload average ${loadStart.toFixed(1)} at the start, ${os.loadavg()[0].toFixed(1)} at the end (${os.cpus().length} cores)`);

		if (!hitsEqual) throw new Error('The union of the shards\' hits is not the whole\'s (see above)');
		if (!kpis.equal) throw new Error(`The merged board KPIs differ from the whole's: ${JSON.stringify(kpis.merged)} vs ${JSON.stringify(kpis.whole)}`);
		if (!coverage.equal) throw new Error('The merged coverage counts differ from the whole\'s');
		if (args.keep) console.log(`kept: ${databases.join(', ')}`);
	} finally {
		if (!args.keep) {
			await dropShards(whole, args.shards);
			await created.drop();
			console.log(`dropped ${whole} and its ${args.shards} shards`);
		}
	}
}

function sizeRow(whole: TableSize, shard: TableSize): Record<string, string | number> {
	return {
		table: whole.table,
		'whole rows': whole.rows,
		'whole MB': (whole.bytes / 1048576).toFixed(1),
		'bytes/row': whole.rows ? Math.round(whole.bytes / whole.rows) : '–',
		'shard 0 rows': shard.rows,
		'shard 0 MB': (shard.bytes / 1048576).toFixed(1),
	};
}

function ms(seconds: number): string {
	return `${(seconds * 1000).toFixed(1)} ms`;
}

function min(runs: OursRun[]): number {
	return Math.min(...runs.map((r) => r.seconds));
}

function max(runs: OursRun[]): number {
	return Math.max(...runs.map((r) => r.seconds));
}

function parseArgs(argv: string[]): Args {
	const args: Args = { events: 1_000_000, shards: 4, repeat: 3, keep: false };
	for (const arg of argv) {
		const [flag, value] = arg.split('=', 2);
		if (flag === '--shards') args.shards = Number(value);
		else if (flag === '--repeat') args.repeat = Math.max(1, Number(value));
		else if (flag === '--keep') args.keep = true;
		else if (/^\d+$/.test(arg)) args.events = Number(arg);
		else throw new Error(`Unknown argument "${arg}" (see the top of bench/shard/run.ts)`);
	}
	if (!Number.isInteger(args.shards) || args.shards < 2 || args.shards > 256) throw new Error(`--shards must be a whole number from 2 to 256 (got ${args.shards})`);
	return args;
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
