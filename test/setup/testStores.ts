import { randomBytes } from 'node:crypto';

import { connectStore, migrate, type Store, type StoreConfig } from '../../lib/store';
import { keyedHash, privacyKeys } from '../../lib/privacy';
import { currentTestDatabase, pgSettings } from './testDatabase';

export type TestStoreKind = 'postgres' | 'pglite';
export const STORE_KINDS: TestStoreKind[] = ['postgres', 'pglite'];

/** A schema name no other test uses. */
export function uniqueSchema(prefix = 't'): string {
	return `${prefix}_${randomBytes(5).toString('hex')}`;
}

/** Store settings for one kind: this run's PostgreSQL database, or an in-memory PGlite. */
export function testStoreConfig(kind: TestStoreKind, schema = uniqueSchema()): StoreConfig {
	if (kind === 'pglite') return { mode: 'embedded', dataDir: ':memory:', schema };
	return {
		mode: 'postgres',
		host: pgSettings.host,
		port: pgSettings.port,
		user: pgSettings.user,
		password: pgSettings.password,
		database: currentTestDatabase(),
		ssl: false,
		schema,
	};
}

/** A migrated store with its own schema; close it in afterAll. */
export async function openTestStore(kind: TestStoreKind, schema?: string): Promise<Store> {
	const store = await connectStore(testStoreConfig(kind, schema));
	await migrate(store);
	return store;
}

export const testKeys = privacyKeys('test-hashing-key-0123456789', 'test-encryption-key-0123456789');

/**
 * A value's keyed hash under testKeys, as the ingest and the roster store it (`v1:` + 64
 * hex): an ID number, or a label ('a', 'g0') where a test only needs distinct real hashes.
 */
export function testIdHash(value: string): string {
	return keyedHash(testKeys.hashKey, value);
}
