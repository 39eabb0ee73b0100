import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { Client } from 'pg';

import type { QueueConfig } from '../../../scripts/lib/config';
import type { InstanceConfig } from '../../../scripts/lib/n8nInstance';
import { filesUnder, query } from './executionRecords';

/** One execution as n8n's database holds it (execution_entity joined with execution_data, soft-deleted rows too). */
export interface StoredExecution {
	id: string;
	workflowId: string;
	deletedAt: unknown;
	/** execution_data.data and .workflowData, as text (empty when the row has none). */
	data: string;
}

/** A file in n8n's binary_data table (database mode: n8n's default in queue mode). */
export interface StoredBinaryData {
	fileId: string;
	sourceId: string;
	data: Buffer;
}

/** Where to look: n8n's executions, its binary data (table and folders), its logs, and the temp folder n8n's uploads pass through. */
export interface N8nRecordPlaces {
	executions: StoredExecution[];
	binaryDataRows: StoredBinaryData[];
	binaryDataDirs: string[];
	logFiles: string[];
	/** Files directly in the system temp folder changed since then (multipart uploads are parsed there). */
	tempFilesSince: number;
}

export interface PersonalDataScan {
	/** How many distinct values were looked for, and in how many places of each kind. */
	looked: { values: number; executions: number; softDeleted: number; binaryDataRows: number; binaryFiles: number; logFiles: number; logBytes: number; tempFiles: number };
	/** "<place>: <masked value>" for each value found. */
	found: string[];
}

/** The first three characters only: the report must not print what it looks for. */
const masked = (value: string) => `${value.slice(0, 3)}${'*'.repeat(value.length - 3)}`;

function tempFilesChangedSince(since: number): string[] {
	return fs
		.readdirSync(os.tmpdir(), { withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => path.join(os.tmpdir(), entry.name))
		.filter((file) => {
			try {
				return fs.statSync(file).mtimeMs >= since;
			} catch {
				return false; // gone meanwhile
			}
		});
}

function readOrEmpty(file: string): Buffer {
	try {
		return fs.readFileSync(file);
	} catch {
		return Buffer.alloc(0); // unreadable (another user's) or gone meanwhile
	}
}

/** Looks for every clear value (ID numbers, phone numbers) in every place n8n keeps things. */
export function scanForPersonalData(places: N8nRecordPlaces, clearValues: string[]): PersonalDataScan {
	const values = [...new Set(clearValues.filter((value) => value.length >= 7))];
	const found: string[] = [];
	const search = (place: string, content: string | Buffer) => {
		for (const value of values) if (content.includes(value)) found.push(`${place}: ${masked(value)}`);
	};
	for (const execution of places.executions) {
		search(`execution ${execution.id} of ${execution.workflowId}${execution.deletedAt ? ' (soft-deleted)' : ''}`, execution.data);
	}
	for (const row of places.binaryDataRows) search(`binary_data ${row.fileId} of execution ${row.sourceId}`, row.data);
	const binaryFiles = places.binaryDataDirs.flatMap(filesUnder);
	for (const file of binaryFiles) search(file, readOrEmpty(file));
	let logBytes = 0;
	for (const file of places.logFiles) {
		const content = readOrEmpty(file);
		logBytes += content.length;
		search(file, content);
	}
	const tempFiles = tempFilesChangedSince(places.tempFilesSince);
	for (const file of tempFiles) search(file, readOrEmpty(file));
	return {
		looked: {
			values: values.length,
			executions: places.executions.length,
			softDeleted: places.executions.filter((execution) => execution.deletedAt).length,
			binaryDataRows: places.binaryDataRows.length,
			binaryFiles: binaryFiles.length,
			logFiles: places.logFiles.length,
			logBytes,
			tempFiles: tempFiles.length,
		},
		found,
	};
}

/** One line for the test's output: what was looked through and what was found (masked). */
export function describeScan({ looked, found }: PersonalDataScan): string {
	return (
		`${looked.values} ID and phone numbers looked for in ${looked.executions} executions (${looked.softDeleted} soft-deleted), ` +
		`${looked.binaryDataRows} binary_data rows, ${looked.binaryFiles} binary-data files, ${looked.logFiles} log files (${(looked.logBytes / 1024).toFixed(0)} kB), ${looked.tempFiles} new temp files: ` +
		`${found.length} found${found.length ? ` (${found.slice(0, 5).join('; ')}${found.length > 5 ? '; …' : ''})` : ''}`
	);
}

/** n8n's log files under its user folder: the captured stdout/stderr (n8n.log) and any in .n8n/logs. */
export function n8nLogFiles(userFolder: string): string[] {
	const logs = fs.existsSync(userFolder) ? fs.readdirSync(userFolder).filter((name) => name.endsWith('.log')).map((name) => path.join(userFolder, name)) : [];
	return [...logs, ...filesUnder(path.join(userFolder, '.n8n', 'logs'))];
}

/** Every execution in n8n's SQLite database (soft-deleted ones too), with its stored data. */
export async function sqliteExecutions(config: InstanceConfig): Promise<StoredExecution[]> {
	const rows = await query<StoredExecution>(
		config,
		`SELECT CAST(e.id AS TEXT) AS id, e.workflowId AS workflowId, e.deletedAt AS deletedAt,
			coalesce(d.data, '') || char(10) || coalesce(d.workflowData, '') AS data
		FROM execution_entity e LEFT JOIN execution_data d ON d.executionId = e.id ORDER BY e.id`,
		[],
	);
	const orphans = await query<StoredExecution>(
		config,
		`SELECT CAST(executionId AS TEXT) AS id, '(none)' AS workflowId, NULL AS deletedAt, coalesce(data, '') AS data
		FROM execution_data WHERE executionId NOT IN (SELECT id FROM execution_entity)`,
		[],
	);
	return [...rows, ...orphans];
}

/** n8n's binary_data table in SQLite (empty unless N8N_DEFAULT_BINARY_DATA_MODE=database). */
export async function sqliteBinaryData(config: InstanceConfig): Promise<StoredBinaryData[]> {
	return query<StoredBinaryData>(config, 'SELECT fileId, sourceId, data FROM binary_data', []);
}

/** Queue mode: every execution and binary-data row in n8n's PostgreSQL database. */
export async function postgresRecords(queue: QueueConfig): Promise<Pick<N8nRecordPlaces, 'executions' | 'binaryDataRows'>> {
	const client = new Client({ ...queue.postgres, database: queue.n8nDatabase });
	await client.connect();
	try {
		const executions = await client.query<StoredExecution>(
			`SELECT e.id::text AS id, e."workflowId" AS "workflowId", e."deletedAt" AS "deletedAt",
				coalesce(d.data, '') || chr(10) || coalesce(d."workflowData"::text, '') AS data
			FROM execution_entity e LEFT JOIN execution_data d ON d."executionId" = e.id ORDER BY e.id`,
		);
		const orphans = await client.query<StoredExecution>(
			`SELECT "executionId"::text AS id, '(none)' AS "workflowId", NULL AS "deletedAt", coalesce(data, '') AS data
			FROM execution_data WHERE "executionId" NOT IN (SELECT id FROM execution_entity)`,
		);
		const binary = await client.query<StoredBinaryData>(`SELECT "fileId"::text AS "fileId", "sourceId" AS "sourceId", data FROM binary_data`);
		return { executions: [...executions.rows, ...orphans.rows], binaryDataRows: binary.rows };
	} finally {
		await client.end();
	}
}
