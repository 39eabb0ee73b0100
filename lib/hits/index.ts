export * from './Hit';
export * from './hitStatus';
export { listHits, countHits, updateHitStatus, updateHitStatuses, checkedHitStatus, hitWhere, HitError, type HitFilters, type HitPage } from './hitRepository';
export { maskedContacts, type MaskedContact } from './maskedContacts';
