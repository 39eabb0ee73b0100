import type { EventRow } from '../row/EventRow';

/** pendingDay when the pending rows are of more than one day (or there are none). */
export const MIXED_DAYS = -1;

/**
 * Encodes accepted rows for one way of loading them (binary COPY on PostgreSQL, row
 * arrays for the Store's bulkLoad on PGlite). `take` hands over what was encoded so far.
 */
export interface EventEncoder<Payload> {
	add(row: EventRow): void;
	/** Rows encoded and not yet taken. */
	readonly pendingRows: number;
	/** About how many bytes they hold. */
	readonly pendingBytes: number;
	/** The local day all pending rows share, or MIXED_DAYS. */
	readonly pendingDay: number;
	take(): Payload;
}
