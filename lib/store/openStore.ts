import { migrate } from './migrate';
import { PgliteStore } from './PgliteStore';
import { PostgresStore } from './PostgresStore';
import type { Store } from './Store';
import { IN_MEMORY, storeKey, validateStoreConfig, type StoreConfig } from './StoreConfig';

/** Opens a store without touching the schema (the credential test uses this). */
export async function connectStore(config: StoreConfig): Promise<Store> {
	validateStoreConfig(config);
	if (config.mode === 'embedded') {
		return PgliteStore.open(config.dataDir === IN_MEMORY ? undefined : config.dataDir, config.schema);
	}
	return new PostgresStore(config);
}

const openStores = new Map<string, Promise<Store>>();

/**
 * The store for these settings, shared by every execution in this process (one pool,
 * one PGlite), migrated on first use.
 */
export function openStore(config: StoreConfig): Promise<Store> {
	const key = storeKey(config);
	let store = openStores.get(key);
	if (!store) {
		store = (async () => {
			const opened = await connectStore(config);
			try {
				await migrate(opened);
				return opened;
			} catch (error) {
				await opened.close().catch(() => undefined);
				throw error;
			}
		})();
		openStores.set(key, store);
		// A failed open is not remembered: the next execution tries again.
		store.catch(() => openStores.delete(key));
	}
	return store;
}

/** Closes every shared store (tests, shutdown). */
export async function closeAllStores(): Promise<void> {
	const stores = [...openStores.values()];
	openStores.clear();
	await Promise.all(stores.map(async (store) => (await store.catch(() => undefined))?.close()));
}
