import { quoteIdentifier } from './identifiers';
import { migrations as allMigrations } from './migrations';
import type { Migration } from './migrations/Migration';
import type { Queryable, Store } from './Store';

export interface MigrationState {
	schema: string;
	applied: number[];
	pending: number[];
	latest: number;
}

/**
 * Brings the schema up to date. Everything happens in one transaction under a
 * transaction-scoped advisory lock, so two processes starting at once apply each
 * migration exactly once, and a migration that fails leaves the schema as it was.
 */
export async function migrate(store: Store, migrations: Migration[] = allMigrations): Promise<MigrationState> {
	const schema = quoteIdentifier(store.schema);
	await store.transaction(async (tx) => {
		await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`lead_monitor:migrate:${store.schema}`]);
		await tx.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
		await tx.query(`SET LOCAL search_path TO ${schema}, public`);
		await tx.query(
			`CREATE TABLE IF NOT EXISTS schema_migrations (
				version integer PRIMARY KEY,
				name text NOT NULL,
				applied_at timestamptz NOT NULL DEFAULT now()
			)`,
		);
		const applied = await appliedVersions(tx);
		for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
			if (applied.has(migration.version)) continue;
			try {
				await tx.exec(migration.sql);
			} catch (error) {
				throw new Error(`Migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`);
			}
			await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
				migration.version,
				migration.name,
			]);
		}
	});
	return migrationState(store, migrations);
}

/** What is applied and what is pending, without changing anything. */
export async function migrationState(store: Store, migrations: Migration[] = allMigrations): Promise<MigrationState> {
	const exists = await store.query<{ present: boolean }>(
		`SELECT to_regclass($1) IS NOT NULL AS present`,
		[`${quoteIdentifier(store.schema)}.schema_migrations`],
	);
	const applied = exists.rows[0]?.present ? await appliedVersions(store) : new Set<number>();
	const versions = migrations.map((m) => m.version).sort((a, b) => a - b);
	return {
		schema: store.schema,
		applied: [...applied].sort((a, b) => a - b),
		pending: versions.filter((v) => !applied.has(v)),
		latest: versions[versions.length - 1] ?? 0,
	};
}

async function appliedVersions(q: Queryable): Promise<Set<number>> {
	const result = await q.query<{ version: number }>('SELECT version FROM schema_migrations');
	return new Set(result.rows.map((row) => Number(row.version)));
}
