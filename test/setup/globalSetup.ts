import { Client } from 'pg';

import { testDatabaseName, adminConnectionString } from './testDatabase';

/** Every test run gets its own PostgreSQL database, so runs on one machine never collide. */
export default async function globalSetup(): Promise<void> {
	const name = testDatabaseName();
	process.env.LEAD_MONITOR_TEST_DB = name;
	const admin = new Client({ connectionString: adminConnectionString() });
	await admin.connect();
	try {
		await admin.query(`CREATE DATABASE ${name}`);
	} finally {
		await admin.end();
	}
}
