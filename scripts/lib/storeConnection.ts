// Where the Lead Monitor store lives: the embedded PGlite in the user folder (one n8n process),
// or in queue mode a PostgreSQL database every process shares (PGlite is one process's).
import type { StoreConfig } from '../../lib/store';
import type { StartConfig } from './config';

const SCHEMA = 'lead_monitor';

/** The store credential's connection fields (the credential's own field names). */
export function storeCredentialConnection(config: StartConfig): Record<string, unknown> {
	const queue = config.queue;
	if (!queue) return { mode: 'embedded', dataDir: config.storeDataDir, schema: SCHEMA };
	const { host, port, user, password } = queue.postgres;
	return { mode: 'postgres', host, port, database: queue.storeDatabase, user, password, ssl: 'disable', schema: SCHEMA };
}

/** The same store, as lib/store's openStore takes it (for the scripts' own writes, n8n stopped). */
export function storeOpenConfig(config: StartConfig): StoreConfig {
	const queue = config.queue;
	if (!queue) return { mode: 'embedded', dataDir: config.storeDataDir, schema: SCHEMA };
	const { host, port, user, password } = queue.postgres;
	return { mode: 'postgres', host, port, database: queue.storeDatabase, user, password, ssl: false, schema: SCHEMA };
}
