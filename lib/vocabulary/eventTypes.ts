/**
 * The kinds of identity-verification call in the logs, as stored in call_events.event_type.
 * One list for the whole product: ingest tags rows with these codes, rules filter on them,
 * the editor and the board show the Chinese labels.
 */
export const EVENT_TYPES = ['face', 'ocr', 'data_api'] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export const EVENT_TYPE_LABELS: Readonly<Record<EventType, string>> = {
	face: '人脸核验',
	ocr: '身份证OCR',
	data_api: '数据接口查询',
};

export function isEventType(value: unknown): value is EventType {
	return typeof value === 'string' && (EVENT_TYPES as readonly string[]).includes(value);
}

/** Accepts the code or the Chinese label (as a spreadsheet or a form may give either). */
export function parseEventType(value: string): EventType | undefined {
	const trimmed = value.trim();
	if (isEventType(trimmed)) return trimmed;
	return EVENT_TYPES.find((type) => EVENT_TYPE_LABELS[type] === trimmed);
}

export function eventTypeLabel(value: string): string {
	return isEventType(value) ? EVENT_TYPE_LABELS[value] : value;
}
