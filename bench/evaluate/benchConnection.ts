import { Client } from 'pg';

import { PostgresStore } from '../../lib/store/PostgresStore';
import { pgSettings } from '../../test/setup/testDatabase';

export const SCHEMA = 'lead_monitor';
/** application_name of the bench's own bare connections (the stores take theirs from PGAPPNAME). */
export const BENCH_APPLICATION = 'lead_monitor_bench';
/** PGAPPNAME of the store that evaluate() uses, to find its backends' CPU time. */
export const OURS_APPLICATION = 'lead_monitor_bench_ours';
/** PGAPPNAME of the parent's store (the stream floor). */
export const STREAM_APPLICATION = 'lead_monitor_bench_stream';

/** The product's own store on the bench database, as the node would open it. */
export function benchStore(database: string): PostgresStore {
	return new PostgresStore({ ...pgSettings, database, ssl: false, schema: SCHEMA });
}

/** A bare connection with the store's search_path (for COPY and DDL). */
export async function benchClient(database: string): Promise<Client> {
	const client = new Client({ ...pgSettings, database, application_name: BENCH_APPLICATION, options: `-c search_path=${SCHEMA},public` });
	await client.connect();
	return client;
}
