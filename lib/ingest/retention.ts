import { quoteIdentifier } from '../store/identifiers';
import type { Store } from '../store/Store';
import { DEFAULT_TIME_ZONE } from './IngestOptions';
import { lockCallEvents } from './store/ingestLock';
import { listDayPartitions } from './store/partitions';
import { daysFromIsoDate, isoDate } from './time/civilDays';
import { ZoneOffsets } from './time/ZoneOffsets';

export interface RetentionOptions {
	/** Keep this many days of call events, today included; older day partitions are dropped. */
	keepDays: number;
	timeZone?: string;
	/** Only report what would be dropped. */
	dryRun?: boolean;
	now?: Date;
}

export interface DroppedDay {
	day: string;
	partition: string;
	events: number;
}

export interface RetentionResult {
	/** The first day kept (YYYY-MM-DD). */
	keptFrom: string;
	dryRun: boolean;
	dropped: DroppedDay[];
	eventsDropped: number;
	/** Rejected-row records of batches started before keptFrom, deleted with them. */
	rejectsDeleted: number;
	message: string;
}

/** Rejects of batches started before the kept days ($1: first kept day, $2: time zone). */
const OLD_REJECTS = `ingest_rejects WHERE batch_id IN (
	SELECT batch_id FROM ingest_batches WHERE started_at < ($1::date)::timestamp AT TIME ZONE $2
)`;

/**
 * Data minimisation: drops whole day partitions of call_events older than `keepDays`
 * (dropping a partition is instant and leaves no dead rows), with their day×institution
 * slices and the rejected-row records of batches from before the cut-off. Holds the
 * call_events lock, so it never runs under an ingest.
 */
export async function applyRetention(store: Store, options: RetentionOptions): Promise<RetentionResult> {
	if (!Number.isInteger(options.keepDays) || options.keepDays < 1) {
		throw new Error(`Keep days must be a whole number of at least 1 (got ${options.keepDays})`);
	}
	const zone = new ZoneOffsets(options.timeZone?.trim() || DEFAULT_TIME_ZONE);
	const firstKept = zone.today(options.now?.getTime()) - options.keepDays + 1;
	const keptFrom = isoDate(firstKept);
	const dryRun = options.dryRun ?? false;

	return store.transaction(async (tx) => {
		await lockCallEvents(tx, store.schema);
		const old = (await listDayPartitions(tx)).filter((partition) => daysFromIsoDate(partition.day) < firstKept);
		const dropped: DroppedDay[] = [];
		for (const partition of old) {
			const count = await tx.query<{ events: string | number }>(`SELECT count(*) AS events FROM ${quoteIdentifier(partition.table)}`);
			dropped.push({ day: partition.day, partition: partition.table, events: Number(count.rows[0]?.events ?? 0) });
			if (!dryRun) await tx.query(`DROP TABLE ${quoteIdentifier(partition.table)}`);
		}
		let rejectsDeleted = 0;
		if (dryRun) {
			const result = await tx.query<{ rejects: string | number }>(`SELECT count(*) AS rejects FROM ${OLD_REJECTS}`, [keptFrom, zone.zoneName]);
			rejectsDeleted = Number(result.rows[0]?.rejects ?? 0);
		} else {
			await tx.query('DELETE FROM call_event_slices WHERE event_date < $1::date', [keptFrom]);
			rejectsDeleted = (await tx.query(`DELETE FROM ${OLD_REJECTS}`, [keptFrom, zone.zoneName])).rowCount;
		}
		const eventsDropped = dropped.reduce((sum, day) => sum + day.events, 0);
		const verb = dryRun ? '将删除 (would drop)' : '已删除 (dropped)';
		return {
			keptFrom,
			dryRun,
			dropped,
			eventsDropped,
			rejectsDeleted,
			message:
				dropped.length === 0
					? `没有早于 ${keptFrom} 的调用记录 (no call events before ${keptFrom})`
					: `${verb} ${dropped.length} 天、${eventsDropped} 条调用记录（${dropped[0].day} 至 ${dropped[dropped.length - 1].day}）` +
						` (${dropped.length} days, ${eventsDropped} events, ${dropped[0].day} to ${dropped[dropped.length - 1].day})`,
		};
	});
}
