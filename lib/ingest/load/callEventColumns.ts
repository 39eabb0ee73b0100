/**
 * The call_events columns the ingest writes, in COPY order. The columns every row of one
 * institution, event type and day shares come first, so the binary encoder writes them as
 * one cached prefix.
 */
export const CALL_EVENT_COLUMNS = [
	'batch_id',
	'event_date',
	'institution',
	'event_type',
	'hour_of_day',
	'occurred_at',
	'id_hash',
	'request_id',
	'result_code',
	'product',
] as const;

/** The suspects table: the same, plus the line the row came from. */
export const SUSPECT_COLUMNS = [...CALL_EVENT_COLUMNS, 'line_no'] as const;

/** The key that makes an event the same event (DESIGN: hash, institution, type, time, request ID). */
export const EVENT_KEY_COLUMNS = ['event_date', 'occurred_at', 'id_hash', 'institution', 'event_type', 'request_id'] as const;
