import { Client } from 'pg';

import { adminConnectionString } from '../../test/setup/testDatabase';

/** A throw-away PostgreSQL database for one bench run (the harness reads its name from the env). */
export async function createBenchDatabase(prefix = 'lead_monitor_bench'): Promise<{ name: string; drop: () => Promise<void> }> {
	const name = `${prefix}_${process.pid}_${Date.now().toString(36)}`;
	const admin = new Client({ connectionString: adminConnectionString() });
	await admin.connect();
	await admin.query(`CREATE DATABASE ${name}`);
	await admin.end();
	process.env.LEAD_MONITOR_TEST_DB = name;
	return {
		name,
		drop: async () => {
			const client = new Client({ connectionString: adminConnectionString() });
			await client.connect();
			await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
			await client.end();
		},
	};
}

/** Peak resident memory of this process so far, in MB. */
export function peakRssMb(): number {
	return Math.round(process.resourceUsage().maxRSS / 1024);
}

export function table(rows: Array<Record<string, string | number>>): string {
	const columns = Object.keys(rows[0] ?? {});
	const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
	const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ');
	return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(columns.map((c) => String(r[c]))))].join('\n');
}

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
