import type { IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import { isDomainError } from '../../../lib/errors';
import type { PrivacyKeys } from '../../../lib/privacy';
import { openStore, type Store, type StoreConfig } from '../../../lib/store';
import { nodeError, type ErrorWording } from '../errors';
import { privacyKeysFromCredential, STORE_CREDENTIAL, storeConfigFromCredential } from './storeCredentials';

export interface StoreConnection {
	store: Store;
	keys: PrivacyKeys;
	/** The settings the store was opened with (the ingest opens a connection of its own with them). */
	config: StoreConfig;
}

/**
 * The store and privacy keys for this node's credential. The store is shared by every
 * execution in the process and migrated on first use. Credential problems become a
 * NodeOperationError that names the credential field. `interactive`: requests a person waits
 * for (the console) use a PostgreSQL pool of their own, without JIT (PostgresStoreConfig).
 */
export async function connectToStore(this: IExecuteFunctions | ILoadOptionsFunctions, { interactive = false } = {}): Promise<StoreConnection> {
	const credential = await this.getCredentials(STORE_CREDENTIAL);
	try {
		const keys = privacyKeysFromCredential(credential);
		const stored = storeConfigFromCredential(credential);
		const config: StoreConfig = interactive && stored.mode === 'postgres' ? { ...stored, interactive: true } : stored;
		return { store: await openStore(config), keys, config };
	} catch (error) {
		throw nodeError(this, error, undefined, credentialWording);
	}
}

/** A bad credential field is named as such; anything else is the store not opening. */
const credentialWording: ErrorWording = {
	field: (field) => `Lead Monitor Store credential, field "${field}": `,
	unexpected: 'Cannot open the Lead Monitor store: ',
	describe: (error) => (isDomainError(error) ? undefined : 'Check the Lead Monitor Store credential: host, port, database, user and password.'),
};
