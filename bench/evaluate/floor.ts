import type { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import type { AggregateQuery } from '../../lib/rules/aggregateSql';
import type { Store } from '../../lib/store';
import { STREAM_APPLICATION } from './benchConnection';
import { backendCpu, cpuBetween, processCpuSeconds } from './cpuTime';

export interface FloorRun {
	seconds: number;
	/** CPU seconds of the backend (the leader only: parallel workers are not counted). */
	pgCpuSeconds: number;
	rows: number;
	bytes: number;
}

/**
 * The floor: the aggregate statement run by PostgreSQL with its rows sent to nowhere
 * (COPY TO STDOUT, drained and discarded). COPY takes no parameters, so the values are
 * inlined as typed literals; the planner sees the same values either way.
 */
export async function copyFloor(client: Client, query: Pick<AggregateQuery, 'sql' | 'params'>): Promise<FloorRun> {
	const sql = inlineParams(client, query.sql, query.params);
	let bytes = 0;
	let rows = 0;
	const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
	const cpu = processCpuSeconds(pid);
	const started = process.hrtime.bigint();
	await pipeline(
		client.query(copyTo(`COPY (${sql}) TO STDOUT`)),
		new Writable({
			write(chunk: Buffer, _encoding, done) {
				bytes += chunk.length;
				for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) rows++;
				done();
			},
		}),
	);
	const seconds = elapsed(started);
	return { seconds, pgCpuSeconds: processCpuSeconds(pid) - cpu, rows, bytes };
}

/**
 * The same statement through the store's stream (what evaluate reads), rows parsed by pg
 * and dropped. The store's connections must carry STREAM_APPLICATION (PGAPPNAME).
 */
export async function streamFloor(
	store: Store,
	query: Pick<AggregateQuery, 'sql' | 'params'>,
	client: Client,
	batchSize = 5000,
): Promise<FloorRun> {
	let rows = 0;
	const before = await backendCpu(client, STREAM_APPLICATION);
	const started = process.hrtime.bigint();
	for await (const batch of store.stream(query.sql, query.params, batchSize)) rows += batch.length;
	const seconds = elapsed(started);
	return { seconds, pgCpuSeconds: cpuBetween(before, await backendCpu(client, STREAM_APPLICATION)), rows, bytes: 0 };
}

export function inlineParams(client: Client, sql: string, params: readonly unknown[]): string {
	return sql.replace(/\$(\d+)::(date|integer|text\[\])/g, (_, n: string, type: string) => {
		const value = params[Number(n) - 1];
		if (type === 'integer') return `${Number(value)}::integer`;
		if (type === 'text[]') return `ARRAY[${(value as string[]).map((v) => client.escapeLiteral(v)).join(', ')}]::text[]`;
		return `${client.escapeLiteral(String(value))}::date`;
	});
}

export function elapsed(started: bigint): number {
	return Number(process.hrtime.bigint() - started) / 1e9;
}
