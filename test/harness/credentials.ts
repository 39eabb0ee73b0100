import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { currentTestDatabase, pgSettings } from '../setup/testDatabase';
import { uniqueSchema } from '../setup/testStores';
import type { TestCredential } from './TestCredentialsHelper';

export const STORE_CREDENTIAL_TYPE = 'leadMonitorStoreApi';
export type StoreKind = 'postgres' | 'pglite';

const TEST_KEYS = {
	hashingKey: 'workflow-test-hashing-key-0123456789',
	encryptionKey: 'workflow-test-encryption-key-0123456789',
};

/** Lead Monitor Store credential data on this run's PostgreSQL database, in a schema of its own. */
export function postgresStoreCredentialData(schema = uniqueSchema('wf')): ICredentialDataDecryptedObject {
	return {
		mode: 'postgres',
		host: pgSettings.host,
		port: pgSettings.port,
		database: currentTestDatabase(),
		user: pgSettings.user,
		password: pgSettings.password,
		ssl: 'disable',
		schema,
		...TEST_KEYS,
	};
}

/** Lead Monitor Store credential data on an embedded PGlite: in memory unless a data folder is given. */
export function pgliteStoreCredentialData(
	schema = uniqueSchema('wf'),
	dataDir = ':memory:',
): ICredentialDataDecryptedObject {
	assertVmModules();
	return { mode: 'embedded', dataDir, schema, ...TEST_KEYS };
}

/** A store credential for the run (served to every node asking for the type, or only to the slot with `id`). */
export function storeCredential(kind: StoreKind, options: { schema?: string; id?: string } = {}): TestCredential {
	const data = kind === 'postgres' ? postgresStoreCredentialData(options.schema) : pgliteStoreCredentialData(options.schema);
	return { type: STORE_CREDENTIAL_TYPE, id: options.id, data };
}

/**
 * PGlite's CommonJS build calls import('fs') and friends; inside jest's vm that needs the flag,
 * and without it the process dies of an uncaught error instead of failing the test.
 */
function assertVmModules(): void {
	const flag = '--experimental-vm-modules';
	if (!process.execArgv.includes(flag) && !(process.env.NODE_OPTIONS ?? '').includes(flag)) {
		throw new Error(`PGlite under jest needs NODE_OPTIONS=${flag}: run "npm test", or set it for npx jest`);
	}
}
