/**
 * Call-log ingest against its floor, side by side in one run: a raw COPY of the same file
 * into a bare table, then our ingest of it (validation, HMAC, dedup, partitions, one
 * transaction). Each runs in a child process of its own, so each peak RSS is its own.
 *
 *   npm run bench:build && node .cache/bench/bench/ingest/run.js [rows=1000000] [seed=7] [repeat=1]
 *
 * The generated file is kept in $TMPDIR/lead-monitor-bench (same rows and seed → same bytes).
 */
import { fork } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

import { fileSource, ingestCallLog, type IngestSummary } from '../../lib/ingest';
import { INGEST_APPLICATION_NAME } from '../../lib/ingest/load/postgresIngestConnection';
import { privacyKeys } from '../../lib/privacy';
import { connectStore, migrate, type PostgresStoreConfig } from '../../lib/store';
import { pgSettings } from '../../test/setup/testDatabase';
import { createBenchDatabase, median, peakRssMb, table } from '../lib/benchDatabase';
import { writeCallLog } from './generateCallLog';

const SCHEMA = 'lead_monitor';

interface PhaseResult {
	ms: number;
	peakRssMb: number;
	nodeCpuMs: number;
	/** CPU time of the main thread alone (the rest is the ingest's worker thread). */
	mainThreadCpuMs: number;
	summary?: IngestSummary;
}

const RAW_COPY_APPLICATION_NAME = 'lead-monitor bench raw copy';

async function main(): Promise<void> {
	const phase = process.argv[2];
	if (phase === '--raw' || phase === '--ingest') return runPhase(phase, process.argv[3], process.argv[4]);

	const rows = Number(process.argv[2] ?? 1_000_000);
	const seed = Number(process.argv[3] ?? 7);
	const repeat = Number(process.argv[4] ?? 1);
	const day = yesterdayInShanghai();
	const folder = join(tmpdir(), 'lead-monitor-bench');
	mkdirSync(folder, { recursive: true });
	const file = join(folder, `calls-${rows}-${seed}-${day}.csv`);
	if (!existsSync(file)) {
		const started = Date.now();
		await writeCallLog(file, { rows, seed, day, badShare: 0.02 });
		console.log(`generated ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	}
	const bytes = statSync(file).size;
	console.log(`call log: ${rows.toLocaleString()} rows, ${(bytes / 1e6).toFixed(0)} MB, day ${day}, ~2 % bad rows; PostgreSQL, 2 cores`);

	const database = await createBenchDatabase();
	try {
		const results: Array<Record<string, string | number>> = [];
		const ratios: number[] = [];
		for (let round = 1; round <= repeat; round++) {
			await resetSchema(database.name);
			await checkpoint(database.name);
			const raw = await measured(database.name, RAW_COPY_APPLICATION_NAME, () => child('--raw', database.name, file));
			await checkpoint(database.name);
			const ours = await measured(database.name, INGEST_APPLICATION_NAME, () => child('--ingest', database.name, file));
			ratios.push(ours.ms / raw.ms);
			const summary = ours.summary!;
			const label = repeat > 1 ? ` #${round}` : '';
			results.push(
				row(`raw COPY into a bare table (floor)${label}`, raw, rows, raw.ms),
				row(`Call Log Ingest${label}`, ours, rows, raw.ms),
			);
			console.log(
				`ingest summary: read ${summary.rowsRead}, accepted ${summary.accepted}, rejected ${summary.rejected}, duplicates ${summary.duplicates} ` +
					`(in file ${summary.duplicatesInFile}, stored ${summary.duplicatesAlreadyStored}); balanced: ${summary.rowsRead === summary.accepted + summary.rejected + summary.duplicates}`,
			);
			console.log(`rejected by reason: ${JSON.stringify(summary.rejectedByReason)}`);
			console.log(`ingest phases (ms): ${JSON.stringify(summary.phasesMs)}`);
		}
		console.log(table(results));
		if (repeat > 1) {
			console.log(
				`ratio to the floor over ${repeat} rounds: median ${median(ratios).toFixed(2)}, ` +
					`range ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)} (each round: floor, then ours, back to back)`,
			);
		}
	} finally {
		await database.drop();
	}
}

function row(what: string, result: PhaseResult & { serverCpuMs: number }, rows: number, floorMs: number): Record<string, string | number> {
	return {
		what,
		seconds: (result.ms / 1000).toFixed(1),
		'rows/s': Math.round(rows / (result.ms / 1000)),
		ratio: (result.ms / floorMs).toFixed(2),
		'peak RSS MB': result.peakRssMb,
		'node CPU s (main+worker)': `${(result.nodeCpuMs / 1000).toFixed(1)} (${(result.mainThreadCpuMs / 1000).toFixed(1)}+${((result.nodeCpuMs - result.mainThreadCpuMs) / 1000).toFixed(1)})`,
		'postgres CPU s': (result.serverCpuMs / 1000).toFixed(1),
	};
}

/**
 * Runs a phase while sampling the CPU time of its PostgreSQL backend (found by application
 * name; /proc, so only on the database's own machine): on a shared machine wall time
 * varies with the neighbours, CPU time much less.
 */
async function measured(database: string, applicationName: string, phase: () => Promise<PhaseResult>): Promise<PhaseResult & { serverCpuMs: number }> {
	const client = await connect(database);
	const ticks = new Map<number, number>();
	let running = true;
	const sampler = (async () => {
		while (running) {
			const backends = await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
			for (const { pid } of backends.rows) {
				const used = cpuTicks(pid);
				if (used !== undefined) ticks.set(pid, used);
			}
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	})();
	try {
		const result = await phase();
		return { ...result, serverCpuMs: [...ticks.values()].reduce((sum, t) => sum + t, 0) * 10 };
	} finally {
		running = false;
		await sampler;
		await client.end();
	}
}

/** utime + stime of a process, in clock ticks (1/100 s), or undefined when it is gone. */
function cpuTicks(pid: number): number | undefined {
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		return Number(fields[11]) + Number(fields[12]);
	} catch {
		return undefined;
	}
}

function child(phase: string, database: string, file: string): Promise<PhaseResult> {
	return new Promise((resolve, reject) => {
		const worker = fork(__filename, [phase, database, file], { stdio: 'inherit' });
		let result: PhaseResult | undefined;
		worker.on('message', (message) => (result = message as PhaseResult));
		worker.on('error', reject);
		worker.on('exit', (code) => (code === 0 && result ? resolve(result) : reject(new Error(`${phase} exited with ${code}`))));
	});
}

async function runPhase(phase: string, database: string, file: string): Promise<void> {
	const started = Date.now();
	const cpuBefore = process.cpuUsage();
	const threadBefore = process.threadCpuUsage();
	let summary: IngestSummary | undefined;
	if (phase === '--raw') {
		const client = await connect(database, RAW_COPY_APPLICATION_NAME);
		try {
			// One text column per line: the cheapest way to get the file's bytes into PostgreSQL.
			await client.query(`CREATE TABLE ${SCHEMA}.raw_call_log (line text)`);
			const copy = client.query(copyFrom(`COPY ${SCHEMA}.raw_call_log FROM STDIN (FORMAT csv, HEADER true, DELIMITER E'\\x01', QUOTE E'\\x02')`));
			await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), copy);
		} finally {
			await client.end();
		}
	} else {
		const config = benchConfig(database);
		const store = await connectStore(config);
		try {
			summary = await ingestCallLog(
				{ store, keys: privacyKeys('bench-hashing-key-0123456789', 'bench-encryption-key-0123456789'), postgres: config },
				fileSource(file),
			);
		} finally {
			await store.close();
		}
	}
	const cpu = process.cpuUsage(cpuBefore);
	const thread = process.threadCpuUsage(threadBefore);
	process.send!({
		ms: Date.now() - started,
		peakRssMb: peakRssMb(),
		nodeCpuMs: (cpu.user + cpu.system) / 1000,
		mainThreadCpuMs: (thread.user + thread.system) / 1000,
		summary,
	} satisfies PhaseResult);
}

function benchConfig(database: string): PostgresStoreConfig {
	return { mode: 'postgres', host: pgSettings.host, port: pgSettings.port, user: pgSettings.user, password: pgSettings.password, database, ssl: false, schema: SCHEMA };
}

async function connect(database: string, applicationName = 'lead-monitor bench'): Promise<Client> {
	const client = new Client({
		host: pgSettings.host,
		port: pgSettings.port,
		user: pgSettings.user,
		password: pgSettings.password,
		database,
		application_name: applicationName,
	});
	await client.connect();
	return client;
}

async function resetSchema(database: string): Promise<void> {
	const client = await connect(database);
	await client.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
	await client.end();
	const store = await connectStore(benchConfig(database));
	await migrate(store);
	await store.close();
}

async function checkpoint(database: string): Promise<void> {
	const client = await connect(database);
	await client.query('CHECKPOINT');
	await client.end();
}

function yesterdayInShanghai(): string {
	return new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
