import { quoteIdentifier } from '../../store/identifiers';
import type { Queryable } from '../../store/Store';
import { isoDate } from '../time/civilDays';

const PARTITION_NAME = /^call_events_(\d{4})(\d{2})(\d{2})$/;

/** Our name for a day's partition: call_events_YYYYMMDD (the day is a number we computed, never user text). */
export function partitionName(day: number): string {
	return `call_events_${isoDate(day).replace(/-/g, '')}`;
}

/** The day of one of our partition names, as YYYY-MM-DD, or undefined for other tables. */
export function partitionDay(table: string): string | undefined {
	const match = PARTITION_NAME.exec(table);
	return match ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
}

/**
 * Creates the day's partition unless it exists. Returns whether it was created now (so the
 * day held no events before this batch). Ingests hold the call_events lock; a savepoint
 * keeps a race with any other creator (duplicate_table) from aborting the batch.
 */
export async function ensureDayPartition(db: Pick<Queryable, 'query'>, day: number): Promise<boolean> {
	const name = partitionName(day);
	const existing = await db.query<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AS present', [name]);
	if (existing.rows[0]?.present) return false;
	await db.query('SAVEPOINT lead_monitor_partition');
	try {
		await db.query(
			`CREATE TABLE ${quoteIdentifier(name)} PARTITION OF call_events FOR VALUES FROM ('${isoDate(day)}') TO ('${isoDate(day + 1)}')`,
		);
	} catch (error) {
		await db.query('ROLLBACK TO SAVEPOINT lead_monitor_partition');
		if ((error as { code?: string }).code === '42P07') return false;
		throw error;
	}
	await db.query('RELEASE SAVEPOINT lead_monitor_partition');
	return true;
}

export interface DayPartition {
	table: string;
	day: string;
}

/** call_events' day partitions (ours by name), oldest first. */
export async function listDayPartitions(db: Pick<Queryable, 'query'>): Promise<DayPartition[]> {
	const result = await db.query<{ table_name: string }>(
		`SELECT child.relname AS table_name
		FROM pg_inherits i
		JOIN pg_class parent ON parent.oid = i.inhparent
		JOIN pg_class child ON child.oid = i.inhrelid
		WHERE parent.oid = 'call_events'::regclass`,
	);
	return result.rows
		.map((row) => ({ table: row.table_name, day: partitionDay(row.table_name) }))
		.filter((partition): partition is DayPartition => partition.day !== undefined)
		.sort((a, b) => a.day.localeCompare(b.day));
}
