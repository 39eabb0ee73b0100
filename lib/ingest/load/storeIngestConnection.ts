import type { BulkRow, BulkTarget, Queryable, QueryResult, Store } from '../../store/Store';
import type { CopyIn, IngestConnection } from './IngestConnection';
import { RowArrayEncoder } from './RowArrayEncoder';

/** Runs `work` in one Store transaction, loading rows with the Store's bulkLoad. */
export async function withStoreTransaction<T>(store: Store, work: (connection: IngestConnection) => Promise<T>): Promise<T> {
	return store.transaction((tx) => work(new StoreIngestConnection(tx)));
}

class StoreIngestConnection implements IngestConnection<BulkRow[]> {
	readonly binaryCopy = false;

	constructor(private readonly tx: Queryable) {}

	query<Row>(sql: string, params?: unknown[]): Promise<QueryResult<Row>> {
		return this.tx.query<Row>(sql, params);
	}

	bulkLoad(target: BulkTarget, rows: BulkRow[]): Promise<number> {
		return this.tx.bulkLoad(target, rows);
	}

	encoder(batchId: string, withLineNo: boolean): RowArrayEncoder {
		return new RowArrayEncoder(batchId, withLineNo);
	}

	async copyIn(table: string, columns: readonly string[]): Promise<CopyIn<BulkRow[]>> {
		const target = { table, columns: [...columns] };
		return {
			write: async (rows) => {
				if (rows.length > 0) await this.tx.bulkLoad(target, rows);
			},
			end: async () => undefined,
		};
	}
}
