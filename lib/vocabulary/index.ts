export { EVENT_TYPES, EVENT_TYPE_LABELS, parseEventType, eventTypeLabel, type EventType } from './eventTypes';
