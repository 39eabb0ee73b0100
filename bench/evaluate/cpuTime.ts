import * as fs from 'node:fs';
import type { Client } from 'pg';

/** Linux clock ticks per second (CLK_TCK), the unit of /proc/<pid>/stat's times. */
const TICKS = 100;

/**
 * CPU seconds used so far by the PostgreSQL backends with this application_name, by pid
 * (read from /proc: the server runs on this machine). On a machine shared with other
 * jobs, CPU time says how much work a variant does where wall time also says who else ran.
 */
export async function backendCpu(client: Client, applicationName: string): Promise<Map<number, number>> {
	const result = await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
	return new Map(result.rows.map((r) => [r.pid, processCpuSeconds(r.pid)]));
}

/** CPU seconds between two snapshots; backends that appeared in between count from zero. */
export function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
	let total = 0;
	for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
	return total;
}

export function processCpuSeconds(pid: number): number {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return (Number(fields[11]) + Number(fields[12])) / TICKS;
	} catch {
		return 0;
	}
}
