export { DEFAULT_TIME_ZONE, isIsoDate, addDays, daysBetween } from './calendarDays';
