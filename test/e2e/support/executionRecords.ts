import * as fs from 'node:fs';
import * as path from 'node:path';

import type { InstanceConfig } from '../../../scripts/lib/n8nInstance';

interface Sqlite3 {
	OPEN_READONLY: number;
	Database: new (file: string, mode: number, callback: (error: Error | null) => void) => {
		all(sql: string, params: unknown[], callback: (error: Error | null, rows: unknown[]) => void): void;
		close(callback: () => void): void;
	};
}

/** What n8n keeps of one workflow's executions: every row, soft-deleted ones too, and which hold any of the texts. */
export interface ExecutionRecords {
	executions: Array<{ id: number; status: string; deletedAt: string | null }>;
	/** Execution ids whose stored data (execution_data) contains one of the texts looked for. */
	holding: number[];
	/** Files under n8n's binary-data folders (uploads, downloads) that contain one of the texts. */
	files: string[];
}

/** Reads n8n's SQLite database (read-only, while n8n runs) with n8n's own sqlite3 module. */
export async function query<Row>(config: InstanceConfig, sql: string, params: unknown[]): Promise<Row[]> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- n8n's copy, found at run time
	const sqlite3 = require(path.join(config.n8nDir, 'node_modules', 'sqlite3')) as Sqlite3;
	const db = await new Promise<InstanceType<Sqlite3['Database']>>((resolve, reject) => {
		const opened = new sqlite3.Database(config.databaseFile, sqlite3.OPEN_READONLY, (error) => (error ? reject(error) : resolve(opened)));
	});
	try {
		return await new Promise<Row[]>((resolve, reject) => db.all(sql, params, (error, rows) => (error ? reject(error) : resolve(rows as Row[]))));
	} finally {
		await new Promise<void>((resolve) => db.close(() => resolve()));
	}
}

export function filesUnder(dir: string): string[] {
	if (!fs.existsSync(dir)) return [];
	return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

/** The workflow's executions in n8n's database and binary-data storage, and those that hold any of `texts`. */
export async function executionRecords(config: InstanceConfig, workflowId: string, texts: string[]): Promise<ExecutionRecords> {
	const executions = await query<{ id: number; status: string; deletedAt: string | null }>(
		config,
		'SELECT id, status, deletedAt FROM execution_entity WHERE workflowId = ? ORDER BY id',
		[workflowId],
	);
	const holding = new Set<number>();
	for (const text of texts) {
		const rows = await query<{ executionId: number }>(
			config,
			'SELECT d.executionId FROM execution_data d JOIN execution_entity e ON e.id = d.executionId WHERE e.workflowId = ? AND instr(d.data, ?) > 0',
			[workflowId, text],
		);
		for (const row of rows) holding.add(row.executionId);
	}
	const storage = [path.join(config.n8nDataDir, 'storage'), path.join(config.n8nDataDir, 'binaryData')].flatMap(filesUnder);
	const files = storage.filter((file) => {
		const content = fs.readFileSync(file);
		return texts.some((text) => content.includes(text));
	});
	return { executions, holding: [...holding], files };
}
