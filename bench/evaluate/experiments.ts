/**
 * Experiment (not part of the bench table): lib's evaluate() and its streaming form on a
 * kept bench database, alternated, each in a fresh process after emptying the hits table,
 * with the floor each round; every mode must store the same hits (digest of the hits table).
 *
 *   npx node .cache/bench/bench/evaluate/experiments.js --db=NAME [--repeat=2] [mode ...]
 *
 * mode: evaluate | evaluateHits.
 */
import { allPresetsRuleSet, buildAggregateQuery } from '../../lib/rules';
import { table } from '../lib/benchDatabase';
import { benchClient } from './benchConnection';
import { copyFloor } from './floor';
import { ensureRulesData } from './rulesData';
import { runOurs } from './runOurs';

const DEFAULT_MODES = ['evaluate', 'evaluateHits'];

interface Result {
	seconds: number[];
	cpu: string[];
	rss: number[];
	hits: number;
	digest: string;
}

async function main(): Promise<void> {
	ensureRulesData();
	const args = process.argv.slice(2);
	const database = args.find((a) => a.startsWith('--db='))?.slice(5);
	if (!database) throw new Error('Give --db=NAME (a database kept by run.js --keep)');
	const repeat = Number(args.find((a) => a.startsWith('--repeat='))?.slice(9) ?? 2);
	const modes = args.filter((a) => !a.startsWith('--'));
	const client = await benchClient(database);
	try {
		const shape = (await client.query<{ shape: { asOf: string } }>('SELECT shape FROM public.bench_meta')).rows[0].shape;
		const asOf = new Date(shape.asOf);
		const query = buildAggregateQuery(allPresetsRuleSet(), { asOf });
		const results = new Map<string, Result>();
		for (let round = 1; round <= repeat; round++) {
			const floor = await copyFloor(client, query);
			record(results, 'floor', floor.seconds, `PG ${floor.pgCpuSeconds.toFixed(1)} (leader)`, 0, floor.rows, '');
			console.log(`round ${round}: floor ${floor.seconds.toFixed(2)} s`);
			for (const mode of modes.length ? modes : DEFAULT_MODES) {
				await client.query('TRUNCATE hits CASCADE');
				const run = await runOurs(database, asOf, [], mode);
				const digest = await client.query<{ digest: string }>(
					`SELECT md5(string_agg(concat_ws('|', lead_id, rule_id, rule_version, window_key, hit_date, grade, label, reason, facts::text, source), ',' ORDER BY lead_id, rule_id)) AS digest FROM hits`,
				);
				const cpu = `node ${run.nodeCpuSeconds.toFixed(1)} + PG ${run.pgCpuSeconds.toFixed(1)}`;
				record(results, mode, run.seconds, cpu, run.peakRssMb, run.newHits, digest.rows[0].digest.slice(0, 8));
				console.log(`round ${round}: ${mode} ${run.seconds.toFixed(2)} s, CPU ${cpu} s, peak RSS ${run.peakRssMb} MB`);
			}
		}
		console.log(
			table(
				[...results].map(([mode, r]) => ({
					mode,
					'best s': Math.min(...r.seconds).toFixed(2),
					'all s': r.seconds.map((s) => s.toFixed(2)).join(' '),
					'CPU s, each run': r.cpu.join(' | '),
					'peak RSS MB': r.rss.length && r.rss[0] ? Math.max(...r.rss) : '',
					'hits/rows': r.hits,
					digest: r.digest,
				})),
			),
		);
	} finally {
		await client.end();
	}
}

function record(
	results: Map<string, Result>,
	name: string,
	seconds: number,
	cpu: string,
	rss: number,
	hits: number,
	digest: string,
): void {
	const known = results.get(name) ?? { seconds: [], cpu: [], rss: [], hits, digest };
	known.seconds.push(seconds);
	known.cpu.push(cpu);
	known.rss.push(rss);
	results.set(name, known);
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
