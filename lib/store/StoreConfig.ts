import { isSafeIdentifier } from './identifiers';
import { DomainError } from '../errors';

export const DEFAULT_SCHEMA = 'lead_monitor';
/** Data directory value that keeps an embedded store in memory (tests, trials). */
export const IN_MEMORY = ':memory:';

export interface EmbeddedStoreConfig {
	mode: 'embedded';
	/** Folder for PGlite's files, or IN_MEMORY. */
	dataDir: string;
	schema: string;
}

export interface PostgresStoreConfig {
	mode: 'postgres';
	host: string;
	port: number;
	database: string;
	user: string;
	password?: string;
	ssl: boolean;
	/** Accept a server certificate that is not signed by a trusted CA (self-signed, in-house). */
	allowUnauthorizedCerts?: boolean;
	schema: string;
	/**
	 * A pool for requests a person waits for (the console): JIT off. PostgreSQL compiles the
	 * plan of a statement estimated above jit_above_cost; at 1 M leads / 200 k hits that cost the
	 * console's board reads a third of their time or more (p50, one user, two runs each: the board
	 * 162–167 → 94–107 ms, a deep page by grade 913–994 → 513–565 ms). The daily runs' long
	 * statements keep it.
	 */
	interactive?: boolean;
}

export type StoreConfig = EmbeddedStoreConfig | PostgresStoreConfig;

/** A problem with one field of the store settings; `field` is the credential field's name. */
export class StoreConfigError extends DomainError {
	declare readonly field: string;

	constructor(field: string, message: string) {
		super('invalidCredential', message, field);
	}
}

/** Checks the settings before anything connects, so a mistake names its field. */
export function validateStoreConfig(config: StoreConfig): StoreConfig {
	if (!isSafeIdentifier(config.schema)) {
		throw new StoreConfigError(
			'schema',
			`Schema "${config.schema}" is not valid: use lower-case letters, digits and underscores, starting with a letter`,
		);
	}
	if (config.mode === 'embedded') {
		if (!config.dataDir) throw new StoreConfigError('dataDir', 'The data folder of the embedded store is empty');
		return config;
	}
	if (config.mode !== 'postgres') {
		throw new StoreConfigError('mode', `Unknown store mode "${(config as { mode: string }).mode}"`);
	}
	if (!config.host) throw new StoreConfigError('host', 'The PostgreSQL host is empty');
	if (!Number.isInteger(config.port) || config.port < 1 || config.port > 65535) {
		throw new StoreConfigError('port', `The PostgreSQL port ${config.port} is not a port number (1–65535)`);
	}
	if (!config.database) throw new StoreConfigError('database', 'The PostgreSQL database name is empty');
	if (!config.user) throw new StoreConfigError('user', 'The PostgreSQL user is empty');
	return config;
}

/** Identifies the physical store a config points at, for sharing one pool or PGlite per process. */
export function storeKey(config: StoreConfig): string {
	return config.mode === 'embedded'
		? `embedded:${config.dataDir}:${config.schema}`
		: `postgres:${config.user}@${config.host}:${config.port}/${config.database}:${config.schema}:${config.ssl}${config.interactive ? ':interactive' : ''}`;
}
