// Read-only look-ups in n8n's SQLite database, made while n8n is stopped, to decide whether an
// import is needed at all (each n8n CLI command costs seconds to boot).
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { StartConfig } from './config';

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

/** Runs one query; an absent database (n8n never ran) reads as no rows. */
async function queryN8nDatabase<Row>(config: StartConfig, sql: string, params: unknown[] = []): Promise<Row[]> {
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
