import type { BulkRow } from '../../store/Store';
import { HASH_BYTES_LENGTH, HASH_VERSION_BYTE } from '../../privacy/hashBytes';
import type { EventRow } from '../row/EventRow';
import { isoDate } from '../time/civilDays';
import { MIXED_DAYS, type EventEncoder } from './EventEncoder';

const utf8 = new TextDecoder('utf-8');

/** Rows as value arrays for Store.bulkLoad (the embedded PGlite store), in CALL_EVENT_COLUMNS order. */
export class RowArrayEncoder implements EventEncoder<BulkRow[]> {
	pendingDay = MIXED_DAYS;
	private rows: BulkRow[] = [];
	private bytes = 0;
	private lastDay = NaN;
	private lastDate = '';

	constructor(
		private readonly batchId: string,
		private readonly withLineNo: boolean,
	) {}

	get pendingRows(): number {
		return this.rows.length;
	}

	get pendingBytes(): number {
		return this.bytes;
	}

	add(row: EventRow): void {
		if (row.localDay !== this.lastDay) {
			this.lastDay = row.localDay;
			this.lastDate = isoDate(row.localDay);
		}
		const values: unknown[] = [
			this.batchId,
			this.lastDate,
			row.institution.name,
			row.eventType.type,
			row.hour,
			isoInstant(row.utcMicros),
			idHashBytes(row),
			utf8.decode(row.source.subarray(row.requestIdStart, row.requestIdEnd)),
			row.resultCodeStart < 0 ? null : utf8.decode(row.source.subarray(row.resultCodeStart, row.resultCodeEnd)),
			row.productStart < 0 ? null : utf8.decode(row.source.subarray(row.productStart, row.productEnd)),
		];
		if (this.withLineNo) values.push(row.lineNo);
		this.pendingDay = this.rows.length === 0 || this.pendingDay === row.localDay ? row.localDay : MIXED_DAYS;
		this.rows.push(values);
		this.bytes += 200;
	}

	take(): BulkRow[] {
		const rows = this.rows;
		this.rows = [];
		this.bytes = 0;
		this.pendingDay = MIXED_DAYS;
		return rows;
	}
}

/** The row's ID hash as call_events stores it (bytea). */
function idHashBytes(row: EventRow): Buffer {
	const bytes = Buffer.allocUnsafe(HASH_BYTES_LENGTH);
	bytes[0] = HASH_VERSION_BYTE;
	for (let i = 0; i < 8; i++) bytes.writeInt32BE(row.idWords[row.idWordsOffset + i], 1 + 4 * i);
	return bytes;
}

/** µs since the epoch → ISO 8601 in UTC with microseconds. */
export function isoInstant(utcMicros: number): string {
	const millis = Math.floor(utcMicros / 1000);
	const iso = new Date(millis).toISOString();
	const extra = utcMicros - millis * 1000;
	return extra === 0 ? iso : `${iso.slice(0, -1)}${String(extra).padStart(3, '0')}Z`;
}
