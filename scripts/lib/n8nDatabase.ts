// Read-only look-ups in n8n's database (SQLite; PostgreSQL in queue mode), made while n8n is
// stopped, to decide whether an import is needed at all (each n8n CLI command costs seconds to boot).
import * as fs from 'node:fs';
import * as path from 'node:path';

import { Client } from 'pg';

import type { QueueConfig, StartConfig } from './config';

/** The part of n8n's own sqlite3 module used here (it is not a dependency of this package). */
interface Sqlite3 {
	OPEN_READWRITE: number;
	Database: new (file: string, mode: number, callback: (error: Error | null) => void) => SqliteDatabase;
}

interface SqliteDatabase {
	all(sql: string, params: unknown[], callback: (error: Error | null, rows: unknown[]) => void): void;
	close(callback: () => void): void;
}

/** A credential row as n8n stores it; `data` is encrypted. */
export interface StoredCredential {
	id: string;
	name: string;
	type: string;
	data: unknown;
}

function loadSqlite(config: StartConfig): Sqlite3 {
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- n8n's copy, found at run time
	return require(path.join(config.n8nDir, 'node_modules', 'sqlite3')) as Sqlite3;
}

function openDatabase(config: StartConfig): Promise<SqliteDatabase> {
	const sqlite3 = loadSqlite(config);
	return new Promise((resolve, reject) => {
		const db = new sqlite3.Database(config.databaseFile, sqlite3.OPEN_READWRITE, (error) =>
			error ? reject(error) : resolve(db),
		);
	});
}

function all<Row>(db: SqliteDatabase, sql: string, params: unknown[]): Promise<Row[]> {
	return new Promise((resolve, reject) => {
		db.all(sql, params, (error, rows) => (error ? reject(error) : resolve(rows as Row[])));
	});
}

function close(db: SqliteDatabase): Promise<void> {
	return new Promise((resolve) => db.close(() => resolve()));
}

/** Queue mode: n8n's PostgreSQL database (`?` placeholders become $1, $2, …). */
async function queryPostgres<Row>(queue: QueueConfig, sql: string, params: unknown[]): Promise<Row[]> {
	let index = 0;
	const client = new Client({ ...queue.postgres, database: queue.n8nDatabase });
	await client.connect();
	try {
		return (await client.query(sql.replace(/\?/g, () => `$${++index}`), params)).rows as Row[];
	} catch (error) {
		if (/relation .* does not exist/.test(error.message)) return []; // not migrated yet
		throw error;
	} finally {
		await client.end();
	}
}

/** Creates the PostgreSQL databases queue mode uses (n8n's own and the store's) if they are missing. */
export async function ensureQueueDatabases(queue: QueueConfig): Promise<string[]> {
	const client = new Client({ ...queue.postgres, database: 'postgres' });
	await client.connect();
	const created: string[] = [];
	try {
		for (const name of [queue.n8nDatabase, queue.storeDatabase]) {
			if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`"${name}" is not a database name this script creates (a-z, 0-9, _)`);
			const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
			if (exists.rowCount) continue;
			await client.query(`CREATE DATABASE ${name}`);
			created.push(name);
		}
	} finally {
		await client.end();
	}
	return created;
}

/** Runs one query; an absent database (n8n never ran) reads as no rows. */
async function queryN8nDatabase<Row>(config: StartConfig, sql: string, params: unknown[] = []): Promise<Row[]> {
	if (config.queue) return queryPostgres<Row>(config.queue, sql, params);
	if (!fs.existsSync(config.databaseFile)) return [];
	const db = await openDatabase(config);
	try {
		return await all<Row>(db, sql, params);
	} catch (error) {
		// A database n8n created but has not migrated yet has no tables.
		if (/no such table/.test(error.message)) return [];
		throw error;
	} finally {
		await close(db);
	}
}

export async function findCredential(config: StartConfig, id: string): Promise<StoredCredential | undefined> {
	const rows = await queryN8nDatabase<StoredCredential>(config, 'SELECT id, name, type, data FROM credentials_entity WHERE id = ?', [id]);
	return rows[0];
}

export async function existingWorkflowIds(config: StartConfig, ids: string[]): Promise<Set<string>> {
	if (ids.length === 0) return new Set();
	const placeholders = ids.map(() => '?').join(', ');
	const rows = await queryN8nDatabase<{ id: string }>(config, `SELECT id FROM workflow_entity WHERE id IN (${placeholders})`, ids);
	return new Set(rows.map((row) => row.id));
}
