export { EVENT_TYPES, EVENT_TYPE_LABELS, isEventType, parseEventType, eventTypeLabel, type EventType } from './eventTypes';
