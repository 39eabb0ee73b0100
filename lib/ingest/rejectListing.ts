import type { Store } from '../store/Store';
import { latestBatchId } from './store/batches';
import { listRejects, type StoredReject } from './store/rejects';

export interface RejectListing {
	batchId: string | undefined;
	rejects: StoredReject[];
}

/** A batch's rejected rows in line order (the latest complete batch when none is named). */
export async function listBatchRejects(
	store: Store,
	options: { batchId?: string; code?: string; limit: number; offset?: number },
): Promise<RejectListing> {
	const batchId = options.batchId?.trim() || (await latestBatchId(store));
	if (!batchId) return { batchId: undefined, rejects: [] };
	return { batchId, rejects: await listRejects(store, { batchId, code: options.code, limit: options.limit, offset: options.offset }) };
}
