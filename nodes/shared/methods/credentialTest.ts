import type { ICredentialTestFunctions, ICredentialsDecrypted, INodeCredentialTestResult } from 'n8n-workflow';

import { PrivacyKeyError } from '../../../lib/privacy';
import { connectStore, migrationState, openStore, StoreConfigError } from '../../../lib/store';
import { privacyKeysFromCredential, storeConfigFromCredential } from '../transport/storeCredentials';

/** Connects with the credential, changes nothing, and reports the schema's migration state. */
export async function leadMonitorStoreConnectionTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	try {
		privacyKeysFromCredential(data);
		const config = storeConfigFromCredential(data);
		if (config.mode === 'embedded') {
			// One PGlite per data folder per process: use (and migrate) the shared one, never a second.
			const state = await migrationState(await openStore(config));
			return { status: 'OK', message: `Embedded store at ${config.dataDir} ready (schema version ${state.latest})` };
		}
		const store = await connectStore(config);
		try {
			const state = await migrationState(store);
			const message =
				state.pending.length === 0
					? `Connected; schema "${state.schema}" is up to date (version ${state.latest})`
					: `Connected; schema "${state.schema}" will be migrated on first use (pending: ${state.pending.join(', ')})`;
			return { status: 'OK', message };
		} finally {
			await store.close();
		}
	} catch (error) {
		if (error instanceof StoreConfigError || error instanceof PrivacyKeyError) {
			return { status: 'Error', message: `Field "${error.field}": ${error.message}` };
		}
		return { status: 'Error', message: `Cannot connect: ${(error as Error).message}` };
	}
}
