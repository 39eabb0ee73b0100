/**
 * Queue mode against one process (issue 17's figures), on real n8n 2.40.7 with the packed
 * package installed as a user would: first n8n in queue mode (a main process, two `n8n worker`
 * processes, n8n's data in PostgreSQL, Bull on Redis), then one regular n8n process (n8n's data
 * in SQLite), both on the same PostgreSQL store — the bench's database, loaded once with
 * bench/evaluate's call events. For each, in turn:
 *
 * - push: HITS pending grade-B hits of its own, push-by-frequency's Run Now (on a worker in
 *   queue mode), timed from the request to the reference gateway (a process of its own) holding
 *   every message; duplicates counted there. Target ≤ 10 s, 0 duplicates.
 * - the daily run: daily-monitor's Run Now for the data's business date (ingest of a small
 *   file, Lead Monitor on the saved rules, Lead Score), after emptying what a run writes and
 *   scoring the day before (untimed), as on any day after the first; DAILY=first times the
 *   first run instead, whose Lead Score builds the whole ledger. Target: queue mode within
 *   ±10 % of one process.
 * - peak RSS (VmHWM) of every n8n process and its task runner. Target: 500 MB per worker; and
 *   each worker's memory by V8 heap space at its largest RSS (heapSampler.ts, preloaded into the
 *   workers beside their Node options: start:queue's, or LEAD_MONITOR_WORKER_NODE_OPTIONS).
 *
 *   npm run bench:queue                       # 10 000 hits, 10 M events (~3 GB of disk)
 *   EVENTS=1000000 HITS=10000 npm run bench:queue
 *   EVENTS=1000000 HITS=0 npm run bench:queue  # the daily run alone (no push)
 *   ORDER=one-first …                          # the one process first (the second may find the store warmer)
 *   DAILY=first …                              # time the first daily run (Lead Score builds the ledger)
 *   LEAD_MONITOR_BENCH_PROBE=1 …               # and n8n's record of it: per-node times, saved data
 *
 * Needs PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379; installs n8n on first use.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { instanceConfig } from '../../scripts/lib/n8nInstance';
import { buildAndPack } from '../../scripts/lib/packageTarball';
import { benchClient, benchStore } from '../evaluate/benchConnection';
import { benchShape } from '../evaluate/benchShape';
import { loadBenchData } from '../evaluate/loadBenchData';
import { ensureRulesData } from '../evaluate/rulesData';
import { createBenchDatabase, table } from '../lib/benchDatabase';
import { dailyRunKind, dailyRunThroughN8n, type DailyRunFigures } from './dailyRunPhase';
import { describeProbe, nodeRunningAt, probeDailyExecution, type ExecutionProbe } from './executionProbe';
import type { HeapSample } from './heapSampler';
import { describeHeapSample, sampleWorkerHeaps, takeHeapSamples } from './heapSamples';
import { traceRss } from './processMemory';
import { resetSetupPeaks, setupPeaks, startSetup, stopSetup, type N8nSetup, type SetupKind } from './n8nSetup';
import { pushThroughN8n, type PushFigures } from './pushPhase';

const PUSH_TARGET_SECONDS = 10;
const RATIO_BAND = 0.1;
const WORKER_RSS_FLOOR_MB = 500;
const FIRST_PORT = Number(process.env.LEAD_MONITOR_BENCH_PORT ?? 5850);

interface SetupFigures {
	kind: SetupKind;
	startSeconds: number;
	/** Not measured with HITS=0. */
	push?: PushFigures;
	daily: DailyRunFigures;
	/** Each process's peak over the setup's start and the push. */
	pushPeaks: ReturnType<typeof setupPeaks>;
	/** Each process's peak during the daily run alone (the peaks reset before it), else over everything. */
	dailyPeaks: ReturnType<typeof setupPeaks>;
	peaksReset: boolean;
	/** Each worker's memory by V8 heap space at its largest RSS, over the start and the push, then the daily run. */
	pushHeaps: Map<number, HeapSample>;
	dailyHeaps: Map<number, HeapSample>;
	probe?: ExecutionProbe;
	load: number;
}

const log = (line: string) => console.log(`[bench:queue] ${line}`);
const load1 = () => Number(os.loadavg()[0].toFixed(1));

function positiveInteger(name: string, fallback: number, least = 1): number {
	const value = Number(process.env[name] ?? fallback);
	if (!Number.isInteger(value) || value < least) throw new Error(`${name}="${process.env[name]}" is not an integer ≥ ${least}`);
	return value;
}

/** Queue mode first, unless ORDER=one-first: the setup that runs second may find the store warmer. */
function runOrder(): SetupKind[] {
	const order = process.env.ORDER ?? 'queue-first';
	if (order !== 'queue-first' && order !== 'one-first') throw new Error(`ORDER="${order}": queue-first or one-first`);
	return order === 'queue-first' ? ['queue', 'one process'] : ['one process', 'queue'];
}

async function main(): Promise<void> {
	const hits = positiveInteger('HITS', 10_000, 0);
	const probe = process.env.LEAD_MONITOR_BENCH_PROBE === '1';
	const shape = benchShape(positiveInteger('EVENTS', 10_000_000));
	ensureRulesData();
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lead-monitor-bench-queue-'));
	const database = await createBenchDatabase('lead_monitor_qbench');
	const tag = `qbench_${process.pid}`;
	const loadsAtStart = os.loadavg();
	const heapSamples = path.join(root, 'heap-samples');
	const workerOptions = sampleWorkerHeaps(heapSamples);
	try {
		log(`${shape.events} call events, ${shape.ids} ID hashes, ${shape.roster} roster leads into ${database.name} (COPY) …`);
		const loaded = await loadBenchData(database.name, shape, (line) => log(line.trim()));
		log(`loaded; database ${loaded.databaseMb} MB`);
		log('building and packing the package …');
		const tarball = await buildAndPack(instanceConfig({ userFolder: path.join(root, 'pack-user'), port: FIRST_PORT }), path.join(root, 'pack'), path.join(root, 'pack.log'));

		const results: SetupFigures[] = [];
		const store = benchStore(database.name);
		const client = await benchClient(database.name);
		try {
			for (const [index, kind] of runOrder().entries()) {
				const setup = await startSetup({ kind, root, tarball, storeDatabase: database.name, firstPort: FIRST_PORT + 40 * index, tag, probe }, log);
				try {
					results.push(await measure(setup, index));
				} finally {
					await stopSetup(setup);
				}
			}
		} finally {
			await client.end();
			await store.close();
		}
		printReport(results, hits, shape.events, loadsAtStart, workerOptions);

		async function measure(setup: N8nSetup, index: number): Promise<SetupFigures> {
			const push = hits > 0 ? await pushThroughN8n(setup, store, hits, index) : undefined;
			if (push) log(`${setup.kind}: ${push.messages} of ${hits} hits at the gateway in ${push.seconds.toFixed(2)} s, ${push.duplicates} duplicates; Run Now answered ${push.answerStatus} after ${push.answerSeconds.toFixed(2)} s (load ${load1()})`);
			const pushPeaks = setupPeaks(setup);
			const workerPids = setup.workers.flatMap((worker) => (worker.server.child.pid ? [worker.server.child.pid] : []));
			const pushHeaps = takeHeapSamples(heapSamples, workerPids);
			const peaksReset = resetSetupPeaks(setup);
			const processes = setupPeaks(setup).flatMap((entry) => entry.peaks.slice(0, 1).map((peak) => ({ name: entry.name, pid: peak.pid })));
			const stopTrace = traceRss(processes.map((each) => each.pid));
			const daily = await dailyRunThroughN8n(setup, shape, store, client, index, dailyRunKind());
			const traces = stopTrace();
			log(`${setup.kind}: daily run ${daily.seconds.toFixed(2)} s, ${daily.newHits} hits (the answer's run summary: ${daily.summaryNewHits}), ${daily.accepted} events of the file accepted, answer ${(daily.answerChars / 1e3).toFixed(1)} kB (load ${load1()})`);
			if (daily.dayBeforeSeconds !== undefined) log(`${setup.kind}: the day before scored first (untimed) in ${daily.dayBeforeSeconds.toFixed(1)} s`);
			log(`${setup.kind}: Lead Score ${daily.scoreRebuilt ? 'rebuilt the whole ledger' : 'added the day to the ledger'}; its steps ${Object.entries(daily.scoreStepMs).map(([step, ms]) => `${step} ${(ms / 1000).toFixed(2)} s`).join(', ')}`);
			const dailyPeaks = setupPeaks(setup);
			const dailyHeaps = takeHeapSamples(heapSamples, workerPids);
			const execution = probe ? await probeDailyExecution(setup) : undefined;
			if (probe) log(`${setup.kind}: n8n's record of the daily run: ${describeProbe(execution)}`);
			for (const [at, trace] of traces.entries()) {
				const when = probe ? `, during ${nodeRunningAt(execution, trace.maxAt)}` : '';
				log(`${setup.kind}: ${processes[at].name} RSS ${trace.startMb} MB at the start of the daily run, at most ${trace.maxMb} MB (sampled every 200 ms${when})`);
			}
			return { kind: setup.kind, startSeconds: setup.startSeconds, push, daily, pushPeaks, dailyPeaks, peaksReset, pushHeaps, dailyHeaps, probe: execution, load: load1() };
		}
	} finally {
		if (process.env.LEAD_MONITOR_BENCH_KEEP === '1') log(`kept ${database.name} and ${root}`);
		else {
			await database.drop();
			fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 });
		}
	}
}

function describePeaks(peaks: SetupFigures['dailyPeaks'][number]['peaks']): string {
	const [own, ...children] = peaks;
	if (!own) return 'gone';
	return `${own.peakMb} MB${children.length ? ` (+ runner ${children.map((child) => child.peakMb).join(' + ')} MB)` : ''}`;
}

function printReport(results: SetupFigures[], hits: number, events: number, loadsAtStart: number[], workerOptions: string): void {
	const queue = results.find((result) => result.kind === 'queue');
	const one = results.find((result) => result.kind === 'one process');
	if (!queue || !one) throw new Error('A setup did not finish');
	const ratio = queue.daily.seconds / one.daily.seconds;
	const workersOf = (peaks: SetupFigures['dailyPeaks']) => peaks.filter((entry) => entry.name.startsWith('worker'));
	const during = queue.peaksReset ? 'during the daily run' : 'start to end (peaks not reset)';
	const pushRows =
		queue.push && one.push
			? [
					{ figure: `push ${hits} hits, Run Now → all at the gateway`, queue: `${queue.push.seconds.toFixed(2)} s`, one: `${one.push.seconds.toFixed(2)} s`, target: `≤ ${PUSH_TARGET_SECONDS} s` },
					{ figure: 'messages at the gateway / duplicates', queue: `${queue.push.messages} / ${queue.push.duplicates}`, one: `${one.push.messages} / ${one.push.duplicates}`, target: `${hits} / 0` },
					...workersOf(queue.pushPeaks).map((worker) => ({ figure: `peak RSS ${worker.name}, start and push`, queue: describePeaks(worker.peaks), one: '', target: `≤ ${WORKER_RSS_FLOOR_MB} MB` })),
					...workersOf(queue.pushPeaks).map((worker) => ({ figure: `… ${worker.name} at its largest sample`, queue: describeHeapSample(queue.pushHeaps.get(worker.peaks[0]?.pid ?? 0)), one: '', target: '' })),
				]
			: [];
	const rows = [
		...pushRows,
		{ figure: `daily run at ${events} events (wall; ${dailyRunKind() === 'steady' ? 'a steady day: the day before scored' : 'the first run: Lead Score builds the ledger'})`, queue: `${queue.daily.seconds.toFixed(2)} s`, one: `${one.daily.seconds.toFixed(2)} s`, target: `ratio ${ratio.toFixed(2)} (band ${1 - RATIO_BAND}–${1 + RATIO_BAND})` },
		{ figure: 'daily run: hits stored / answer size', queue: `${queue.daily.newHits} / ${(queue.daily.answerChars / 1e3).toFixed(1)} kB`, one: `${one.daily.newHits} / ${(one.daily.answerChars / 1e3).toFixed(1)} kB`, target: 'equal' },
		...(queue.probe && one.probe
			? [{ figure: "n8n's record: ran / saved data", queue: `${queue.probe.runSeconds.toFixed(2)} s / ${(queue.probe.dataChars / 1e6).toFixed(2)} MB`, one: `${one.probe.runSeconds.toFixed(2)} s / ${(one.probe.dataChars / 1e6).toFixed(2)} MB`, target: '(probe)' }]
			: []),
		...workersOf(queue.dailyPeaks).map((worker) => ({ figure: `peak RSS ${worker.name}, ${during}`, queue: describePeaks(worker.peaks), one: '', target: `≤ ${WORKER_RSS_FLOOR_MB} MB` })),
		...workersOf(queue.dailyPeaks).map((worker) => ({ figure: `… ${worker.name} at its largest sample`, queue: describeHeapSample(queue.dailyHeaps.get(worker.peaks[0]?.pid ?? 0)), one: '', target: '' })),
		{ figure: `peak RSS main / the one n8n, ${during}`, queue: describePeaks(queue.dailyPeaks[0].peaks), one: describePeaks(one.dailyPeaks[0].peaks), target: '(beside)' },
		{ figure: 'installs + start until ready', queue: `${queue.startSeconds.toFixed(0)} s`, one: `${one.startSeconds.toFixed(0)} s`, target: '' },
		{ figure: 'load average (1 min) after', queue: String(queue.load), one: String(one.load), target: `at start ${loadsAtStart.map((value) => value.toFixed(1)).join(' ')}` },
	];
	console.log(`\n${table(rows.map((row) => ({ figure: row.figure, 'queue mode (main + 2 workers)': row.queue, 'one process': row.one, 'floor / target': row.target })))}`);
	console.log(`n8n's expression engine: ${process.env.N8N_EXPRESSION_ENGINE ?? "vm (n8n 2.40.7's default)"}; the workers' Node options: ${workerOptions}`);
	console.log(`uptime: ${os.loadavg().map((value) => value.toFixed(2)).join(', ')} on ${os.cpus().length} cores; run order: ${runOrder().join(', then ')}`);
	const pushOk = !queue.push || (queue.push.seconds <= PUSH_TARGET_SECONDS && queue.push.duplicates === 0 && queue.push.messages === hits);
	const ratioOk = Math.abs(ratio - 1) <= RATIO_BAND;
	const workerPeaks = [...workersOf(queue.pushPeaks), ...workersOf(queue.dailyPeaks)];
	const rssOk = workerPeaks.every((worker) => (worker.peaks[0]?.peakMb ?? Infinity) <= WORKER_RSS_FLOOR_MB);
	console.log(`push ${queue.push ? (pushOk ? 'meets' : 'misses') + ' its target' : 'not measured (HITS=0)'}; the daily run ${ratioOk ? 'is within' : 'is outside'} ±${RATIO_BAND * 100} %; worker RSS ${rssOk ? 'within' : 'over'} ${WORKER_RSS_FLOOR_MB} MB`);
	if ((queue.push?.duplicates ?? 0) > 0 || (one.push?.duplicates ?? 0) > 0) process.exitCode = 1;
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
