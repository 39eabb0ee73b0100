/**
 * Conversation quality end to end against its floor, side by side: a raw COPY of the same
 * messages file into a bare scratch table, then our ingest of it (decode, validate, hash,
 * dedupe, sessions) and the ratings, and the scoring of every session (metrics, repeated
 * scripts, curves). Each phase runs in a child process of its own, so each peak RSS is its own.
 *
 *   npm run bench:quality [-- sessions=100000 perSession=10 seed=7]
 */
import { fork } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

import { fileSource } from '../../lib/ingest';
import { privacyKeys } from '../../lib/privacy';
import { ingestQualityFile, scoreSessions } from '../../lib/quality';
import { connectStore, migrate, type PostgresStoreConfig } from '../../lib/store';
import { pgSettings } from '../../test/setup/testDatabase';
import { createBenchDatabase, peakRssMb, table } from '../lib/benchDatabase';
import { writeConversations } from './generateConversations';

const FLOOR_MESSAGES_PER_SECOND = 50_000;
const RSS_CEILING_MB = 500;

interface PhaseResult {
	ms: Record<string, number>;
	/** CPU time of this process per phase (process.cpuUsage), and of the database's backends for the bench database when the server is local. */
	nodeCpuMs: Record<string, number>;
	dbCpuMs: Record<string, number | undefined>;
	peakRssMb: number;
	detail?: Record<string, unknown>;
}

async function main(): Promise<void> {
	const phase = process.argv[2];
	if (phase === '--raw' || phase === '--ours') return runPhase(phase, process.argv[3], process.argv[4], process.argv[5]);

	const args = Object.fromEntries(process.argv.slice(2).map((a) => a.split('=')));
	const sessions = Number(args.sessions ?? 100_000);
	const perSession = Number(args.perSession ?? 10);
	const seed = Number(args.seed ?? 7);
	const folder = join(tmpdir(), 'lead-monitor-bench');
	mkdirSync(folder, { recursive: true });
	const day = new Date().toISOString().slice(0, 10);
	const messagesFile = join(folder, `conversations-${sessions}x${perSession}-${seed}-${day}.csv`);
	const ratingsFile = join(folder, `ratings-${sessions}x${perSession}-${seed}-${day}.csv`);
	if (!existsSync(messagesFile) || !existsSync(ratingsFile)) {
		const started = Date.now();
		await writeConversations(messagesFile, ratingsFile, { sessions, perSession, seed, now: Date.now() - 60_000 });
		console.log(`generated ${messagesFile} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	}
	const messages = sessions * perSession;
	console.log(`messages: ${messages.toLocaleString()} in ${sessions.toLocaleString()} sessions, ${(statSync(messagesFile).size / 1e6).toFixed(0)} MB CSV (UTF-8, Chinese headers); ratings for every other session; PostgreSQL 15, 2 cores shared`);

	const database = await createBenchDatabase();
	try {
		const raw = await child('--raw', database.name, messagesFile, ratingsFile);
		const ours = await child('--ours', database.name, messagesFile, ratingsFile);
		const rate = (ms: number) => Math.round(messages / (ms / 1000));
		const oursTotal = ours.ms.ingestMessages + ours.ms.ingestRatings + ours.ms.score;
		const perMessage = (value: number | undefined) => (value === undefined ? '' : (value * 1000 / messages).toFixed(1));
		const sum = (values: Record<string, number | undefined>, names: string[]) => (names.some((n) => values[n] === undefined) ? undefined : names.reduce((a, n) => a + values[n]!, 0));
		const phases = ['ingestMessages', 'ingestRatings', 'score'];
		const row = (what: string, seconds: number, rateShown: string, rss: number | string, nodeCpu: number | undefined, dbCpu: number | undefined) => ({
			what,
			seconds: (seconds / 1000).toFixed(1),
			'messages/s': rateShown,
			'node CPU µs/msg': perMessage(nodeCpu),
			'db CPU µs/msg': perMessage(dbCpu),
			'peak RSS MB': rss,
		});
		console.log(`\n${table([
			row('raw COPY of the file into a scratch table (floor)', raw.ms.copy, rate(raw.ms.copy).toLocaleString(), raw.peakRssMb, raw.nodeCpuMs.copy, raw.dbCpuMs.copy),
			row('ours: ingest messages', ours.ms.ingestMessages, rate(ours.ms.ingestMessages).toLocaleString(), '', ours.nodeCpuMs.ingestMessages, ours.dbCpuMs.ingestMessages),
			row('ours: ingest ratings', ours.ms.ingestRatings, '', '', ours.nodeCpuMs.ingestRatings, ours.dbCpuMs.ingestRatings),
			row('ours: score every session', ours.ms.score, rate(ours.ms.score).toLocaleString(), '', ours.nodeCpuMs.score, ours.dbCpuMs.score),
			row('ours: end to end (ingest + score)', oursTotal, rate(oursTotal).toLocaleString(), ours.peakRssMb, sum(ours.nodeCpuMs, phases), sum(ours.dbCpuMs, phases)),
		])}`);
		console.log(`\nend to end ${rate(oursTotal).toLocaleString()} messages/s beside the floor of ${FLOOR_MESSAGES_PER_SECOND.toLocaleString()}/s (${(rate(oursTotal) / FLOOR_MESSAGES_PER_SECOND).toFixed(2)}×) and the raw COPY's ${rate(raw.ms.copy).toLocaleString()}/s (${(oursTotal / raw.ms.copy).toFixed(1)}× its time)`);
		console.log(`peak RSS ${ours.peakRssMb} MB beside the ceiling of ${RSS_CEILING_MB} MB`);
		const cpuTotal = sum(ours.nodeCpuMs, phases)! + (sum(ours.dbCpuMs, phases) ?? 0);
		console.log(`CPU (node + database) ${(cpuTotal / 1000).toFixed(1)} s for ${messages.toLocaleString()} messages: on 2 idle cores no run can take less than ${(cpuTotal / 2000).toFixed(1)} s (${rate(cpuTotal / 2).toLocaleString()} messages/s); load average now ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
		console.log(`detail: ${JSON.stringify(ours.detail)}`);
	} finally {
		await database.drop();
	}
}

function child(phase: string, database: string, messagesFile: string, ratingsFile: string): Promise<PhaseResult> {
	return new Promise((resolve, reject) => {
		const process_ = fork(__filename, [phase, database, messagesFile, ratingsFile], { stdio: ['inherit', 'inherit', 'inherit', 'ipc'] });
		process_.once('message', (result) => resolve(result as PhaseResult));
		process_.once('exit', (code) => (code ? reject(new Error(`${phase} exited with ${code}`)) : undefined));
	});
}

/** CPU milliseconds used so far by the server processes serving `database` (Linux /proc, a local server); undefined when not readable. */
function databaseCpuMs(database: string): number | undefined {
	try {
		const tick = 10;
		let total = 0;
		for (const pid of readdirSync('/proc')) {
			if (!/^\d+$/.test(pid)) continue;
			try {
				if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith(`postgres: `) || !readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(` ${database} `)) continue;
				const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
				total += (Number(fields[11]) + Number(fields[12])) * tick;
			} catch {
				// the process ended meanwhile
			}
		}
		return total;
	} catch {
		return undefined;
	}
}

async function runPhase(phase: string, database: string, messagesFile: string, ratingsFile: string): Promise<void> {
	const config: PostgresStoreConfig = { mode: 'postgres', host: pgSettings.host, port: pgSettings.port, user: pgSettings.user, password: pgSettings.password, database, ssl: false, schema: 'lead_monitor' };
	const ms: Record<string, number> = {};
	const nodeCpuMs: Record<string, number> = {};
	const dbCpuMs: Record<string, number | undefined> = {};
	/** Times a phase: wall, this process's CPU, and the database's (its backends stay open across the phase: the pool keeps them). */
	const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
		const cpu = process.cpuUsage();
		const db = databaseCpuMs(database);
		const started = performance.now();
		const result = await work();
		ms[name] = performance.now() - started;
		const used = process.cpuUsage(cpu);
		nodeCpuMs[name] = (used.user + used.system) / 1000;
		const dbAfter = databaseCpuMs(database);
		dbCpuMs[name] = db === undefined || dbAfter === undefined ? undefined : dbAfter - db;
		return result;
	};
	let detail: Record<string, unknown> | undefined;
	if (phase === '--raw') {
		const client = new Client({ host: config.host, port: config.port, user: config.user, password: config.password, database });
		await client.connect();
		await client.query('CREATE UNLOGGED TABLE IF NOT EXISTS scratch_messages (session_id text, agent_id text, role text, sent_at text, body text, team text, phone text)');
		await timed('copy', () => pipeline(createReadStream(messagesFile), client.query(copyFrom('COPY scratch_messages FROM STDIN WITH (FORMAT csv, HEADER true)'))));
		await client.query('DROP TABLE scratch_messages');
		await client.end();
	} else {
		const store = await connectStore(config);
		await migrate(store);
		const keys = privacyKeys('bench-hashing-key-0123456789', 'bench-encryption-key-0123456789');
		const messages = await timed('ingestMessages', () => ingestQualityFile(store, keys, fileSource(messagesFile), { kind: 'messages' }));
		const ratings = await timed('ingestRatings', () => ingestQualityFile(store, keys, fileSource(ratingsFile), { kind: 'ratings' }));
		const scored = await timed('score', () => scoreSessions(store));
		detail = {
			messages: { rowsRead: messages.rowsRead, accepted: messages.accepted, rejected: messages.rejected, duplicates: messages.duplicates },
			ratings: { rowsRead: ratings.rowsRead, accepted: ratings.accepted, rejected: ratings.rejected },
			scored: scored.sessionsScored,
			problems: scored.problems,
		};
		await store.close();
	}
	process.send!({ ms, nodeCpuMs, dbCpuMs, peakRssMb: peakRssMb(), detail } satisfies PhaseResult);
	process.disconnect();
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
