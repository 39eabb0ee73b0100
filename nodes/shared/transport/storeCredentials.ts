import * as path from 'node:path';
import * as os from 'node:os';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { privacyKeys, type PrivacyKeys } from '../../../lib/privacy';
import { DEFAULT_SCHEMA, validateStoreConfig, type StoreConfig } from '../../../lib/store';

export const STORE_CREDENTIAL = 'leadMonitorStoreApi';

/** The n8n user folder, as n8n itself resolves it. */
function n8nUserFolder(): string {
	return process.env.N8N_USER_FOLDER ?? os.homedir();
}

export function defaultDataDir(): string {
	return path.join(n8nUserFolder(), '.n8n', 'lead-monitor', 'pglite');
}

/** Reads the store settings from the credential; a bad field throws a StoreConfigError naming it. */
export function storeConfigFromCredential(credential: ICredentialDataDecryptedObject): StoreConfig {
	const schema = String(credential.schema || DEFAULT_SCHEMA);
	if (credential.mode === 'postgres') {
		return validateStoreConfig({
			mode: 'postgres',
			host: String(credential.host ?? ''),
			port: Number(credential.port ?? 5432),
			database: String(credential.database ?? ''),
			user: String(credential.user ?? ''),
			password: credential.password ? String(credential.password) : undefined,
			ssl: credential.ssl === 'require' || credential.ssl === 'allowUnauthorized',
			allowUnauthorizedCerts: credential.ssl === 'allowUnauthorized',
			schema,
		});
	}
	return validateStoreConfig({
		mode: 'embedded',
		dataDir: String(credential.dataDir || defaultDataDir()),
		schema,
	});
}

/** The hashing and encryption keys from the credential; a missing one throws a PrivacyKeyError. */
export function privacyKeysFromCredential(credential: ICredentialDataDecryptedObject): PrivacyKeys {
	return privacyKeys(
		credential.hashingKey ? String(credential.hashingKey) : undefined,
		credential.encryptionKey ? String(credential.encryptionKey) : undefined,
	);
}
