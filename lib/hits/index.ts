export * from './Hit';
export * from './hitStatus';
export { setRunPushGrades, PUSH_GRADE_SQL } from './pushGrade';
export {
	listHits,
	getHit,
	countHits,
	hitStatuses,
	updateHitStatus,
	updateHitStatuses,
	moveHitStatuses,
	checkedHitStatus,
	hitWhere,
	HitError,
	type HitFilters,
} from './hitRepository';
export { insertNewHits } from './insertNewHits';
export { convertAttributedHits } from './convertAttributedHits';
export { maskedContacts, type MaskedContact } from './maskedContacts';
