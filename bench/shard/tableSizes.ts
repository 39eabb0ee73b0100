import { benchClient } from '../evaluate/benchConnection';

/** The tables that grow with the bank's size (and the rules, the reference table beside them). */
export const MEASURED_TABLES = [
	'call_events',
	'call_event_slices',
	'leads',
	'hits',
	'push_ledger',
	'lead_score_entries',
	'lead_score_event_entries',
	'lead_score_profile_entries',
	'quality_messages',
	'rules',
] as const;

export interface TableSize {
	table: string;
	rows: number;
	/** Heap, indexes and TOAST; a partitioned table's partitions summed. */
	bytes: number;
}

export async function tableSizes(database: string): Promise<TableSize[]> {
	const client = await benchClient(database);
	try {
		const sizes: TableSize[] = [];
		for (const table of MEASURED_TABLES) {
			const result = await client.query<{ rows: string; bytes: string }>(
				`SELECT (SELECT count(*) FROM ${table}) AS rows,
				        pg_total_relation_size($1::regclass)
				        + coalesce((SELECT sum(pg_total_relation_size(inhrelid)) FROM pg_inherits WHERE inhparent = $1::regclass), 0) AS bytes`,
				[table],
			);
			sizes.push({ table, rows: Number(result.rows[0].rows), bytes: Number(result.rows[0].bytes) });
		}
		return sizes;
	} finally {
		await client.end();
	}
}
