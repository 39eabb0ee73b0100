/**
 * Experiment (not part of the bench table): variants of the presets' aggregate statement,
 * each run to nowhere (COPY TO STDOUT) on a kept bench database, alternated, with an
 * order-independent digest of the rows to show they return the same result.
 *
 *   node .cache/bench/bench/evaluate/sqlVariants.js --db=NAME [--repeat=3] [--set=jit=off] [variant ...]
 *
 * --set: a setting for every variant's session (repeatable).
 */
import type { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32 } from 'node:zlib';

import { allPresetsRuleSet, buildAggregateQuery, type AggregateQuery } from '../../lib/rules';
import { table } from '../lib/benchDatabase';
import { benchClient } from './benchConnection';
import { elapsed, inlineParams } from './floor';
import { ensureRulesData } from './rulesData';
import { splitRange, twoLevel, withoutDistinct } from './sqlRewrites';

interface Variant {
	name: string;
	/** The statement to start from; the as-built one by default. */
	source?: (query: AggregateQuery) => string;
	/** Session settings before the statement. */
	settings?: string[];
	/** One statement, or several run at once, one connection each. */
	statements: (sql: string) => string[];
}

/** The middle of the v1 hashes (text form; splitRange bounds call_events' bytes with \x0180). */
const HALF = 'v1:8';

const VARIANTS: Variant[] = [
	{ name: 'as-built', statements: (sql) => [sql] },
	{ name: 'seqscan+sort', settings: ['SET enable_indexscan = off', 'SET enable_bitmapscan = off'], statements: (sql) => [sql] },
	{ name: 'work_mem=256MB', settings: ['SET work_mem = \'256MB\''], statements: (sql) => [sql] },
	{ name: 'jit-off', settings: ['SET jit = off'], statements: (sql) => [sql] },
	{ name: 'no-parallel', settings: ['SET max_parallel_workers_per_gather = 0'], statements: (sql) => [sql] },
	{ name: 'two-ranges', statements: (sql) => [splitRange(sql, 'lt', HALF), splitRange(sql, 'ge', HALF)] },
	{ name: 'no-distinct', source: withoutDistinct, statements: (sql) => [sql] },
	{ name: 'two-level', source: twoLevel, statements: (sql) => [sql] },
	{ name: 'two-level+hashagg', source: twoLevel, settings: ['SET enable_sort = off', 'SET work_mem = \'64MB\''], statements: (sql) => [sql] },
	{ name: 'two-level+two-ranges', source: twoLevel, statements: (sql) => [splitRange(sql, 'lt', HALF), splitRange(sql, 'ge', HALF)] },
	{ name: 'no-distinct+two-ranges', source: withoutDistinct, statements: (sql) => [splitRange(sql, 'lt', HALF), splitRange(sql, 'ge', HALF)] },
];

async function main(): Promise<void> {
	ensureRulesData();
	const args = process.argv.slice(2);
	const database = args.find((a) => a.startsWith('--db='))?.slice(5);
	if (!database) throw new Error('Give --db=NAME (a database kept by run.js --keep)');
	const repeat = Number(args.find((a) => a.startsWith('--repeat='))?.slice(9) ?? 3);
	const names = args.filter((a) => !a.startsWith('--'));
	const common = args.filter((a) => a.startsWith('--set=')).map((a) => `SET ${a.slice(6).replace('=', ' = ')}`);
	const variants = names.length ? VARIANTS.filter((v) => names.includes(v.name)) : VARIANTS;

	const meta = await benchClient(database);
	const shape = (await meta.query<{ shape: { asOf: string } }>('SELECT shape FROM public.bench_meta')).rows[0].shape;
	const query = buildAggregateQuery(allPresetsRuleSet(), { asOf: new Date(shape.asOf) });
	const clients = [meta, await benchClient(database)];
	try {
		const results = new Map<string, { seconds: number[]; rows: number; digest: string }>();
		for (let round = 1; round <= repeat; round++) {
			for (const variant of variants) {
				const run = await runVariant(clients, { ...variant, settings: [...common, ...(variant.settings ?? [])] }, query);
				const known = results.get(variant.name) ?? { seconds: [], rows: run.rows, digest: run.digest };
				known.seconds.push(run.seconds);
				results.set(variant.name, known);
				console.log(`round ${round}: ${variant.name} ${run.seconds.toFixed(2)} s`);
			}
		}
		const base = Math.min(...results.get(variants[0].name)!.seconds);
		console.log(
			table(
				[...results].map(([name, r]) => ({
					variant: name,
					'best s': Math.min(...r.seconds).toFixed(2),
					'all s': r.seconds.map((s) => s.toFixed(2)).join(' '),
					[`÷ ${variants[0].name}`]: (Math.min(...r.seconds) / base).toFixed(2),
					rows: r.rows,
					digest: r.digest,
				})),
			),
		);
	} finally {
		await Promise.all(clients.map((c) => c.end()));
	}
}

async function runVariant(clients: Client[], variant: Variant, query: AggregateQuery) {
	const base = inlineParams(clients[0], (variant.source ?? ((q) => q.sql))(query), query.params);
	const statements = variant.statements(base);
	for (const client of clients) {
		await client.query('RESET ALL');
		await client.query(`SET search_path TO lead_monitor, public`);
		for (const setting of variant.settings ?? []) await client.query(setting);
	}
	const digests = statements.map(() => new RowDigest());
	const started = process.hrtime.bigint();
	await Promise.all(statements.map((sql, i) => pipeline(clients[i].query(copyTo(`COPY (${sql}) TO STDOUT`)), digests[i])));
	const rows = digests.reduce((sum, d) => sum + d.rows, 0);
	const digest = digests.reduce((sum, d) => (sum + d.sum) >>> 0, 0);
	return { seconds: elapsed(started), rows, digest: digest.toString(16) };
}

/** Counts the rows and sums their CRC-32s: equal for the same rows in any order. */
class RowDigest extends Writable {
	rows = 0;
	sum = 0;
	private rest: Buffer = Buffer.alloc(0);

	override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
		let data = this.rest.length ? Buffer.concat([this.rest, chunk]) : chunk;
		for (let end = data.indexOf(10); end !== -1; end = data.indexOf(10)) {
			this.rows++;
			this.sum = (this.sum + crc32(data.subarray(0, end))) >>> 0;
			data = data.subarray(end + 1);
		}
		this.rest = Buffer.from(data);
		done();
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
