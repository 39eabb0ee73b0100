import { NodeOperationError, type IExecuteFunctions, type ILoadOptionsFunctions } from 'n8n-workflow';

import { PrivacyKeyError, type PrivacyKeys } from '../../../lib/privacy';
import { openStore, StoreConfigError, type Store, type StoreConfig } from '../../../lib/store';
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
 * NodeOperationError that names the credential field.
 */
export async function connectToStore(this: IExecuteFunctions | ILoadOptionsFunctions): Promise<StoreConnection> {
	const credential = await this.getCredentials(STORE_CREDENTIAL);
	try {
		const keys = privacyKeysFromCredential(credential);
		const config = storeConfigFromCredential(credential);
		return { store: await openStore(config), keys, config };
	} catch (error) {
		if (error instanceof StoreConfigError || error instanceof PrivacyKeyError) {
			throw new NodeOperationError(this.getNode(), `Lead Monitor Store credential, field "${error.field}": ${error.message}`);
		}
		throw new NodeOperationError(this.getNode(), `Cannot open the Lead Monitor store: ${(error as Error).message}`, {
			description: 'Check the Lead Monitor Store credential: host, port, database, user and password.',
		});
	}
}
