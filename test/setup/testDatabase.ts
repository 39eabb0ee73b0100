/**
 * Where the tests find PostgreSQL. Defaults to the local server of these machines
 * (127.0.0.1:5432, trust auth); override with LEAD_MONITOR_TEST_PG_* variables.
 */
export const pgSettings = {
	host: process.env.LEAD_MONITOR_TEST_PG_HOST ?? '127.0.0.1',
	port: Number(process.env.LEAD_MONITOR_TEST_PG_PORT ?? 5432),
	user: process.env.LEAD_MONITOR_TEST_PG_USER ?? 'postgres',
	password: process.env.LEAD_MONITOR_TEST_PG_PASSWORD ?? '',
};

export function adminConnectionString(): string {
	const { host, port, user, password } = pgSettings;
	return `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${host}:${port}/postgres`;
}

export function testDatabaseName(): string {
	return `lead_monitor_test_${process.pid}_${Date.now().toString(36)}`;
}

/** The database created for this run by globalSetup. */
export function currentTestDatabase(): string {
	const name = process.env.LEAD_MONITOR_TEST_DB;
	if (!name) throw new Error('LEAD_MONITOR_TEST_DB is not set: run the tests through jest (globalSetup)');
	return name;
}
