import { Client } from 'pg';

import { adminConnectionString } from './testDatabase';

export default async function globalTeardown(): Promise<void> {
	const name = process.env.LEAD_MONITOR_TEST_DB;
	if (!name || process.env.LEAD_MONITOR_KEEP_TEST_DB) return;
	const admin = new Client({ connectionString: adminConnectionString() });
	await admin.connect();
	try {
		await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
	} finally {
		await admin.end();
	}
}
