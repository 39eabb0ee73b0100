import type { Queryable } from '../store';

const running = new WeakMap<Queryable, Map<string, Promise<unknown>>>();

/**
 * Runs `read` unless the same read (same store, same key) is under way, in which case the
 * caller gets that one's answer. The board's KPIs, trend, breakdowns and unfiltered count
 * are the same for every person looking at it: 50 people opening it at once cost one query
 * each, not fifty. Nothing is kept once a read has answered, so an answer is never older
 * than a query that was running when it was asked for.
 */
export function sharedRead<T>(db: Queryable, key: string, read: () => Promise<T>): Promise<T> {
	let reads = running.get(db);
	if (!reads) {
		reads = new Map();
		running.set(db, reads);
	}
	const underWay = reads.get(key);
	if (underWay) return underWay as Promise<T>;
	const started = read().finally(() => reads.delete(key));
	reads.set(key, started);
	return started;
}
