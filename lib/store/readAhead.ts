/**
 * Asks the source for its next item as soon as one is handed out, so the producer (a
 * query's next rows, say) works while the consumer handles the item it has.
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T, void, undefined> {
	const iterator = source[Symbol.asyncIterator]();
	let finished = false;
	try {
		let next = iterator.next();
		for (;;) {
			const item = await next;
			if (item.done) {
				finished = true;
				return;
			}
			next = iterator.next();
			// A failure of the read ahead surfaces at the next await, not as an unhandled rejection.
			next.catch(() => undefined);
			yield item.value;
		}
	} finally {
		if (!finished) await iterator.return?.();
	}
}
