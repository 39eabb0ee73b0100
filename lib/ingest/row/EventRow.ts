import type { EventType } from '../../vocabulary';

/** An institution as stored: its name after mapping. */
export interface InstitutionValue {
	/** Small number for this name, stable within one ingest. */
	id: number;
	name: string;
	/** The bytes after their 4-byte big-endian length, as binary COPY writes a value. */
	copyField: Uint8Array;
}

export interface EventTypeValue {
	/** Position in EVENT_TYPES. */
	id: number;
	type: EventType;
	copyField: Uint8Array;
}

/** A value's bytes as one binary COPY field: 4-byte big-endian length, then the bytes. */
export function copyField(bytes: Uint8Array): Uint8Array {
	const field = new Uint8Array(4 + bytes.length);
	new DataView(field.buffer).setInt32(0, bytes.length);
	field.set(bytes, 4);
	return field;
}

/**
 * One accepted call event, as the row processor leaves it: numbers and byte ranges, no
 * strings. Reused for every row; encoders copy what they need before the next row.
 */
export class EventRow {
	/** Local calendar day in the ingest's time zone, as days since 1970-01-01. */
	localDay = 0;
	/** Local hour of day, 0–23. */
	hour = 0;
	/** The instant, µs since 1970-01-01 UTC. */
	utcMicros = 0;
	/** The ID hash: 8 big-endian words at idWordsOffset. */
	idWords: Int32Array = new Int32Array(0);
	idWordsOffset = 0;
	institution!: InstitutionValue;
	eventType!: EventTypeValue;
	/** The record's bytes; the ranges below index into it. */
	source: Uint8Array = new Uint8Array(0);
	requestIdStart = 0;
	requestIdEnd = 0;
	/** −1 when absent (stored as NULL). */
	resultCodeStart = -1;
	resultCodeEnd = -1;
	productStart = -1;
	productEnd = -1;
	/** Line of the record in the file. */
	lineNo = 0;
}
