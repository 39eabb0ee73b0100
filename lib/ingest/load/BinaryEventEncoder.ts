import { HASH_BYTES_LENGTH, HASH_VERSION_BYTE } from '../../privacy/hashBytes';
import { EVENT_TYPES } from '../../vocabulary';
import { copyField, type EventRow } from '../row/EventRow';
import { BufferPool } from './BufferPool';
import { MIXED_DAYS, type EventEncoder } from './EventEncoder';

/** PostgreSQL counts dates and timestamps from 2000-01-01. */
const PG_EPOCH_DAYS = 10_957;
const PG_EPOCH_MICROS = 946_684_800_000_000;
const TWO_POW_32 = 0x100000000;

const encoder = new TextEncoder();

/** The header every binary COPY stream starts with, and its trailer. */
export const BINARY_COPY_HEADER = Buffer.from([
	0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0,
]);
export const BINARY_COPY_TRAILER = Buffer.from([0xff, 0xff]);

/** Prefixes cached per encoder, at most (institution ids beyond them get theirs built per row). */
const MAX_CACHED_PREFIXES = 4096 * EVENT_TYPES.length;

/**
 * Writes rows straight into PostgreSQL's binary COPY format (CALL_EVENT_COLUMNS, plus
 * line_no for suspects): dates and timestamps as integers, the ID hash as its 33 bytes,
 * text as its UTF-8 bytes, no string made per row and nothing for the server to parse.
 * A row starts with what all rows of its institution, event type and day share (field
 * count, batch, date, institution, type), built once and copied whole; the short fields
 * after it are written byte by byte, which for a few bytes beats set().
 */
export class BinaryEventEncoder implements EventEncoder<Buffer> {
	pendingRows = 0;
	pendingDay = MIXED_DAYS;
	private buffer: Buffer;
	private view: DataView;
	private length = 0;
	private readonly batchField: Uint8Array;
	/** By institution id × event type id: the row prefix, for the day in prefixDays. */
	private readonly prefixes: Uint8Array[] = [];
	private readonly prefixDays: number[] = [];

	constructor(
		batchId: string,
		private readonly withLineNo: boolean,
		private readonly pool = new BufferPool(1 << 20),
	) {
		this.batchField = copyField(encoder.encode(batchId));
		this.buffer = pool.get();
		this.view = viewOf(this.buffer);
	}

	get pendingBytes(): number {
		return this.length;
	}

	add(row: EventRow): void {
		const prefix = this.prefixFor(row);
		const needed =
			prefix.length + 6 + 12 + 4 + HASH_BYTES_LENGTH + 12 + (row.requestIdEnd - row.requestIdStart) +
			Math.max(0, row.resultCodeEnd - row.resultCodeStart) + Math.max(0, row.productEnd - row.productStart) + 12;
		if (this.length + needed > this.buffer.length) this.grow(needed);
		const view = this.view;
		const b = this.buffer;
		let p = this.length;

		b.set(prefix, p);
		p += prefix.length;
		view.setInt32(p, 2);
		view.setInt16(p + 4, row.hour);
		view.setInt32(p + 6, 8);
		const micros = row.utcMicros - PG_EPOCH_MICROS;
		const high = Math.floor(micros / TWO_POW_32);
		view.setInt32(p + 10, high);
		view.setUint32(p + 14, micros - high * TWO_POW_32);
		view.setInt32(p + 18, HASH_BYTES_LENGTH);
		b[p + 22] = HASH_VERSION_BYTE;
		p += 23;
		const words = row.idWords;
		for (let i = row.idWordsOffset, end = i + 8; i < end; i++, p += 4) view.setInt32(p, words[i]);
		view.setInt32(p, row.requestIdEnd - row.requestIdStart);
		p = copyBytes(b, p + 4, row.source, row.requestIdStart, row.requestIdEnd);
		if (row.resultCodeStart < 0) {
			view.setInt32(p, -1);
			p += 4;
		} else {
			view.setInt32(p, row.resultCodeEnd - row.resultCodeStart);
			p = copyBytes(b, p + 4, row.source, row.resultCodeStart, row.resultCodeEnd);
		}
		if (row.productStart < 0) {
			view.setInt32(p, -1);
			p += 4;
		} else {
			view.setInt32(p, row.productEnd - row.productStart);
			p = copyBytes(b, p + 4, row.source, row.productStart, row.productEnd);
		}
		if (this.withLineNo) {
			view.setInt32(p, 8);
			view.setInt32(p + 4, Math.floor(row.lineNo / TWO_POW_32));
			view.setUint32(p + 8, row.lineNo % TWO_POW_32);
			p += 12;
		}
		this.length = p;
		this.pendingDay = this.pendingRows === 0 || this.pendingDay === row.localDay ? row.localDay : MIXED_DAYS;
		this.pendingRows++;
	}

	/** The rows encoded so far; give the buffer back to the pool once it is sent. */
	take(): Buffer {
		const taken = this.buffer.subarray(0, this.length);
		this.buffer = this.pool.get();
		this.view = viewOf(this.buffer);
		this.length = 0;
		this.pendingRows = 0;
		this.pendingDay = MIXED_DAYS;
		return taken;
	}

	private prefixFor(row: EventRow): Uint8Array {
		const index = row.institution.id * EVENT_TYPES.length + row.eventType.id;
		const cached = this.prefixes[index];
		if (cached !== undefined && this.prefixDays[index] === row.localDay) return cached;
		const institution = row.institution.copyField;
		const eventType = row.eventType.copyField;
		const prefix = new Uint8Array(2 + this.batchField.length + 8 + institution.length + eventType.length);
		const view = viewOf(prefix);
		view.setInt16(0, this.withLineNo ? 11 : 10);
		prefix.set(this.batchField, 2);
		const date = 2 + this.batchField.length;
		view.setInt32(date, 4);
		view.setInt32(date + 4, row.localDay - PG_EPOCH_DAYS);
		prefix.set(institution, date + 8);
		prefix.set(eventType, date + 8 + institution.length);
		if (index < MAX_CACHED_PREFIXES) {
			this.prefixes[index] = prefix;
			this.prefixDays[index] = row.localDay;
		}
		return prefix;
	}

	private grow(needed: number): void {
		const bigger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + needed));
		this.buffer.copy(bigger, 0, 0, this.length);
		this.buffer = bigger;
		this.view = viewOf(bigger);
	}
}

function viewOf(bytes: Uint8Array): DataView {
	return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Copies source[start, end) to target at p (a loop: for a few dozen bytes, cheaper than set()); returns the next position. */
function copyBytes(target: Uint8Array, p: number, source: Uint8Array, start: number, end: number): number {
	for (let i = start; i < end; i++, p++) target[p] = source[i];
	return p;
}
