import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';

import { Client } from 'pg';

import { idNumber } from '../../../lib/sample/people';
import { SeededRandom } from '../../../lib/sample/SeededRandom';
import type { SampleLead } from '../../../lib/sample/sampleRoster';
import type { QueueConfig } from '../../../scripts/lib/config';
import type { CallLogPlan } from './callLogs';

/**
 * The fault injections of the queue-mode test: a Redis of the test's own (restarted for real,
 * without touching the machine's shared one), the store's PostgreSQL connections cut, and a
 * call log large enough for a fault to land in the middle of its ingest.
 */

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as net.AddressInfo;
	await new Promise((resolve) => server.close(resolve));
	return port;
}

async function answersPing(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.setTimeout(1_000);
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.once('data', (data) => {
			socket.destroy();
			resolve(data.toString().startsWith('+PONG'));
		});
		socket.once('error', () => resolve(false));
		socket.once('timeout', () => {
			socket.destroy();
			resolve(false);
		});
	});
}

/**
 * redis-server as .ci/run starts it (127.0.0.1, no snapshot, no append-only file) on a port of
 * the test's own, in the foreground so that the test owns the process: the machine's Redis on
 * 6379 is shared with other work and is never restarted.
 */
export class TestRedis {
	private process?: ChildProcess;

	private constructor(
		readonly port: number,
		private readonly logFile: string,
	) {}

	static async start(logFile: string): Promise<TestRedis> {
		const redis = new TestRedis(await freePort(), logFile);
		await redis.launch();
		return redis;
	}

	private async launch(): Promise<void> {
		const log = fs.openSync(this.logFile, 'a');
		this.process = spawn('redis-server', ['--bind', '127.0.0.1', '--port', String(this.port), '--save', '', '--appendonly', 'no'], { stdio: ['ignore', log, log] });
		fs.closeSync(log);
		const deadline = Date.now() + 15_000;
		while (!(await answersPing(this.port))) {
			if (Date.now() > deadline) throw new Error(`redis-server on ${this.port} did not answer PING within 15 s (log: ${this.logFile})`);
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}

	/** `redis-cli shutdown nosave` (every queued job and connection gone), then the same command again: the milliseconds Redis was away. */
	async restart(): Promise<number> {
		const down = Date.now();
		const exited = new Promise((resolve) => this.process?.once('exit', resolve));
		await new Promise<void>((resolve, reject) => {
			const cli = spawn('redis-cli', ['-h', '127.0.0.1', '-p', String(this.port), 'shutdown', 'nosave'], { stdio: 'ignore' });
			cli.once('error', reject);
			cli.once('exit', () => resolve());
		});
		await exited;
		await this.launch();
		return Date.now() - down;
	}

	stop(): void {
		if (this.process && this.process.exitCode === null) this.process.kill('SIGKILL');
	}
}

/** A call log of `strangers` people not on the roster (one call each) plus active-institutions calls of `leads`: large, and a few new hits. */
export function largeCallLog(day: string, tag: string, strangers: number, leads: SampleLead[], seed: number): Pick<CallLogPlan, 'fileName' | 'csv'> & { rows: number } {
	const random = new SeededRandom(seed);
	const institutions = ['杭州分行', '华东中心机构', '上海研发分部', '宁波网点'];
	const compact = day.replace(/-/g, '');
	const lines = ['请求ID,身份证号,机构,事件类型,时间,结果码'];
	const time = (n: number) => `${String(8 + (n % 12)).padStart(2, '0')}:${String(Math.floor(n / 12) % 60).padStart(2, '0')}:${String(Math.floor(n / 720) % 60).padStart(2, '0')}`;
	for (let n = 0; n < strangers; n++) lines.push(`${tag}${compact}${String(n).padStart(8, '0')},${idNumber(random)},${random.pick(institutions)},${n % 2 ? 'ocr' : 'face'},${day} ${time(n)},0000`);
	leads.forEach((lead, index) => {
		for (let call = 0; call < 3; call++) lines.push(`${tag}L${compact}${index}${call},${lead.idNumber},${institutions[call % 2]},face,${day} ${time(index * 3 + call)},0000`);
	});
	return { fileName: `calls-${tag.toLowerCase()}-${day}.csv`, csv: lines.join('\r\n') + '\r\n', rows: lines.length - 1 };
}

/** The store's database, read and cut from outside n8n. */
export class StoreDatabase {
	constructor(
		private readonly settings: QueueConfig,
		private readonly schema: string,
	) {}

	private async withClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
		const client = new Client({ ...this.settings.postgres, database: this.settings.storeDatabase });
		await client.connect();
		try {
			return await work(client);
		} finally {
			await client.end();
		}
	}

	/** Connections n8n's processes hold to the store now, and how many of them are inside a COPY. */
	async connections(): Promise<{ total: number; copying: number }> {
		return this.withClient(async (client) => {
			const { rows } = await client.query<{ total: string; copying: string }>(
				`SELECT count(*) AS total, count(*) FILTER (WHERE state = 'active' AND query ~* '^\\s*copy .* from stdin') AS copying
				   FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
				[this.settings.storeDatabase],
			);
			return { total: Number(rows[0].total), copying: Number(rows[0].copying) };
		});
	}

	/** pg_terminate_backend of every other connection to the store database: the number cut. */
	async terminateConnections(): Promise<number> {
		return this.withClient(async (client) => {
			const { rows } = await client.query<{ terminated: boolean }>(
				'SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
				[this.settings.storeDatabase],
			);
			return rows.filter((row) => row.terminated).length;
		});
	}

	/** Every ingest batch of a file, with the events stored under it (a half-written batch would show as loading or with events ≠ accepted). */
	async batchesOf(fileName: string): Promise<Array<{ status: string; rowsRead: number; accepted: number; rejected: number; duplicates: number; events: number }>> {
		return this.withClient(async (client) => {
			const { rows } = await client.query<Record<string, string>>(
				`SELECT b.status, b.rows_read, b.accepted, b.rejected, b.duplicates,
				        (SELECT count(*) FROM ${this.schema}.call_events e WHERE e.batch_id = b.batch_id) AS events
				   FROM ${this.schema}.ingest_batches b WHERE b.source_name LIKE $1 ORDER BY b.started_at`,
				[`%${fileName}`],
			);
			return rows.map((row) => ({
				status: row.status,
				rowsRead: Number(row.rows_read),
				accepted: Number(row.accepted),
				rejected: Number(row.rejected),
				duplicates: Number(row.duplicates),
				events: Number(row.events),
			}));
		});
	}

	/** Events stored under no complete batch (what a half-written batch would leave). */
	async orphanEvents(): Promise<number> {
		return this.withClient(async (client) => {
			const { rows } = await client.query<{ count: string }>(
				`SELECT count(*) FROM ${this.schema}.call_events e
				  WHERE NOT EXISTS (SELECT 1 FROM ${this.schema}.ingest_batches b WHERE b.batch_id = e.batch_id AND b.status = 'complete')`,
			);
			return Number(rows[0].count);
		});
	}

	/** The push ledger's rows of these hits: state and attempts per hit. */
	async ledgerOf(hitIds: number[]): Promise<Array<{ hitId: number; channel: string; state: string; attempts: number }>> {
		return this.withClient(async (client) => {
			const { rows } = await client.query<{ hit_id: string; channel: string; state: string; attempts: number }>(
				`SELECT hit_id, channel, state, attempts FROM ${this.schema}.push_ledger WHERE hit_id = ANY($1::bigint[]) ORDER BY hit_id, push_id`,
				[hitIds],
			);
			return rows.map((row) => ({ hitId: Number(row.hit_id), channel: row.channel, state: row.state, attempts: Number(row.attempts) }));
		});
	}
}
