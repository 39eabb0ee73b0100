import type { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { addDays } from '../../lib/calendar';
import { migrate } from '../../lib/store';
import { benchClient, benchStore } from './benchConnection';
import type { BenchShape } from './benchShape';
import { CALL_COLUMNS, callLines, eventIdFields } from './callLines';
import { generateCalls } from './callPopulation';
import { idHashes } from './idHashes';
import { ROSTER_COLUMNS, rosterIds, rosterLines } from './roster';

/** Parallel COPY streams for the day partitions (the roster has one more). */
const STREAMS = 3;

export interface LoadReport {
	hashSeconds: number;
	generateSeconds: number;
	copySeconds: number;
	analyzeSeconds: number;
	databaseMb: number;
}

/**
 * Fills a fresh bench database straight with COPY, bypassing the ingest node: migrate,
 * then each day partition is created, COPY FREEZE-loaded and given call_events' indexes as
 * a table of its own on one of STREAMS connections, and attached to call_events at the
 * end; the roster loads alongside. VACUUM (ANALYZE) after.
 */
export async function loadBenchData(database: string, shape: BenchShape, log: (line: string) => void): Promise<LoadReport> {
	const store = benchStore(database);
	try {
		await migrate(store);
	} finally {
		await store.close();
	}
	let started = Date.now();
	const roster = rosterIds(shape);
	const hashes = idHashes(shape.ids + roster.extraIds);
	// call_events keeps them as bytea (migration 5), the roster as text: each ID's COPY field once.
	const idFields = eventIdFields(shape, hashes);
	const hashSeconds = seconds(started);
	log(`  ${hashes.length} keyed ID hashes (and ${idFields.length} as bytea COPY fields) in ${hashSeconds.toFixed(1)} s`);

	started = Date.now();
	const calls = generateCalls(shape);
	const generateSeconds = seconds(started);
	log(`  ${calls.count} call events generated in ${generateSeconds.toFixed(1)} s`);

	started = Date.now();
	const days = Array.from({ length: shape.days }, (_, d) => d);
	const indexes = await partitionIndexes(database);
	const loadDays = async () => {
		const client = await benchClient(database);
		try {
			for (let day = days.shift(); day !== undefined; day = days.shift()) {
				await loadDay(client, shape, day, callLines(shape, calls, idFields, day), indexes);
			}
		} finally {
			await client.end();
		}
	};
	const loadRoster = async () => {
		const client = await benchClient(database);
		try {
			await copy(client, `COPY leads (${ROSTER_COLUMNS.join(', ')}) FROM STDIN`, rosterLines(shape, roster.ids, hashes));
			await client.query('VACUUM (ANALYZE) leads');
		} finally {
			await client.end();
		}
	};
	await Promise.all([loadRoster(), ...Array.from({ length: STREAMS }, loadDays)]);
	const client = await benchClient(database);
	try {
		for (let day = 0; day < shape.days; day++) {
			const date = addDays(shape.firstDay, day);
			await client.query(
				`ALTER TABLE call_events ATTACH PARTITION ${partition(date)} FOR VALUES FROM ('${date}') TO ('${addDays(date, 1)}')`,
			);
			await client.query(`ALTER TABLE ${partition(date)} DROP CONSTRAINT ${partition(date)}_day`);
		}
		const copySeconds = seconds(started);
		log(`  COPY (${STREAMS} + 1 streams), indexes and attach in ${copySeconds.toFixed(1)} s`);

		started = Date.now();
		// As autovacuum leaves a loaded partition: visibility map set, statistics taken.
		await client.query('VACUUM (ANALYZE) call_events');
		const analyzeSeconds = seconds(started);
		await client.query('CREATE TABLE public.bench_meta (shape jsonb NOT NULL)');
		await client.query('INSERT INTO public.bench_meta VALUES ($1)', [JSON.stringify(shape)]);
		const size = await client.query<{ mb: string }>('SELECT pg_database_size(current_database()) / 1048576 AS mb');
		return { hashSeconds, generateSeconds, copySeconds, analyzeSeconds, databaseMb: Number(size.rows[0].mb) };
	} finally {
		await client.end();
	}
}

/**
 * Created and COPY FREEZE-loaded in one transaction, so the rows need no hint-bit writes
 * or vacuum later; given call_events' indexes before attaching, so the attach only adopts
 * them. The CHECK spares the attach its validating scan.
 */
async function loadDay(client: Client, shape: BenchShape, day: number, lines: Iterable<string>, indexes: PartitionIndex[]): Promise<void> {
	const date = addDays(shape.firstDay, day);
	const table = partition(date);
	await client.query('BEGIN');
	await client.query(`CREATE TABLE ${table} (LIKE call_events INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
	await copy(client, `COPY ${table} (${CALL_COLUMNS.join(', ')}) FROM STDIN WITH (FREEZE)`, lines);
	await client.query('COMMIT');
	await client.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_day CHECK (event_date >= '${date}' AND event_date < '${addDays(date, 1)}')`);
	for (const [k, index] of indexes.entries()) {
		await client.query(
			index.constraint
				? `ALTER TABLE ${table} ADD CONSTRAINT ${table}_c${k} ${index.constraint}`
				: index.definition.replace(/^CREATE (UNIQUE )?INDEX \S+ ON ONLY \S+ USING/, `CREATE $1INDEX ${table}_i${k} ON ${table} USING`),
		);
	}
}

interface PartitionIndex {
	/** CREATE INDEX … ON ONLY call_events …, for a plain index. */
	definition: string;
	/** UNIQUE (…) or PRIMARY KEY (…), for an index behind a constraint (attach adopts only a constraint's index for one). */
	constraint?: string;
}

/** call_events' partitioned indexes, whichever the migrations left (they change as the ingest evolves). */
async function partitionIndexes(database: string): Promise<PartitionIndex[]> {
	const client = await benchClient(database);
	try {
		const result = await client.query<{ definition: string; constraint: string | null }>(
			`SELECT pg_get_indexdef(i.indexrelid) AS definition, pg_get_constraintdef(c.oid) AS constraint
			 FROM pg_index i LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.conrelid = i.indrelid
			 WHERE i.indrelid = 'call_events'::regclass ORDER BY i.indexrelid`,
		);
		return result.rows.map((r) => ({ definition: r.definition, constraint: r.constraint ?? undefined }));
	} finally {
		await client.end();
	}
}

async function copy(client: Client, statement: string, lines: Iterable<string>): Promise<void> {
	await pipeline(Readable.from(lines), client.query(copyFrom(statement)));
}

function partition(date: string): string {
	return `call_events_${date.replace(/-/g, '')}`;
}

function seconds(since: number): number {
	return (Date.now() - since) / 1000;
}
