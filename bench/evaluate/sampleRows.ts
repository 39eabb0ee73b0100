import type { AggregateQuery, AggregateRow } from '../../lib/rules/aggregateSql';
import type { Store } from '../../lib/store';

/** Every k-th aggregate row (k = total ÷ size), as evaluate streams them: an even spread over the roster. */
export async function sampleRows(store: Store, query: AggregateQuery, total: number, size: number): Promise<AggregateRow[]> {
	const step = Math.max(1, Math.floor(total / size));
	const rows: AggregateRow[] = [];
	let index = 0;
	for await (const batch of store.stream<AggregateRow>(query.sql, query.params, 5000)) {
		for (const row of batch) {
			if (index++ % step === 0 && rows.length < size) rows.push(row);
		}
	}
	return rows;
}
