import { requireFromDist } from './packageRoot';

/**
 * Closes the stores the nodes opened. The nodes run from dist/, so their shared stores live
 * in dist/lib/store's module instance, not lib/store's (which the test would get by importing
 * it); closeAllStores must come from the same instance the nodes loaded.
 */
export async function closeNodeStores(): Promise<void> {
	await requireFromDist<{ closeAllStores(): Promise<void> }>('lib/store').closeAllStores();
}
