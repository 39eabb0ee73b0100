import { requireFromDist } from './packageRoot';

/**
 * Closes the stores the nodes opened. The nodes run from dist/, so their shared stores live
 * in dist/lib/store's module instance, not lib/store's (which the test would get by importing
 * it); closeAllStores must come from the same instance the nodes loaded.
 */
export async function closeNodeStores(): Promise<void> {
	await requireFromDist<{ closeAllStores(): Promise<void> }>('lib/store').closeAllStores();
}

/**
 * The store a node with this credential data uses (the same shared instance, even for an
 * in-memory PGlite), with its privacy keys: for seeding data a workflow then reads.
 */
export async function nodeStore(credentialData: Record<string, unknown>): Promise<{
	store: import('../../lib/store').Store;
	keys: import('../../lib/privacy').PrivacyKeys;
}> {
	const transport = requireFromDist<typeof import('../../nodes/shared/transport/storeCredentials')>(
		'nodes/shared/transport/storeCredentials',
	);
	const { openStore } = requireFromDist<typeof import('../../lib/store')>('lib/store');
	return {
		store: await openStore(transport.storeConfigFromCredential(credentialData as never)),
		keys: transport.privacyKeysFromCredential(credentialData as never),
	};
}
