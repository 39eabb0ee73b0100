export { cleanseLead, blacklistValue } from './cleanseLead';
export { BLACKLIST_KIND_LABELS } from './cleanseLead';
export type { RawLead, NormalisedLead, CleanseReason, CleanseResult, CleanseCheck, CleanseOptions, BlacklistKind } from './cleanseLead';
export { companyKey, companySimilarity, sameCompany, DEFAULT_COMPANY_THRESHOLD } from './companyName';
export type { CompanyKey } from './companyName';
export { findBatchDuplicates, DUPLICATE_KEYS, DUPLICATE_KEY_LABELS } from './duplicates';
export type { DuplicateKey, DuplicateCandidate, DuplicateMatch, DuplicateFinding, DuplicateOptions } from './duplicates';
export {
	SensitiveWordMatcher,
	sensitiveWordMatcher,
	builtInSensitiveWords,
	parseSensitiveWordList,
	parseExtraWords,
	BUILT_IN_SENSITIVE_WORDS_PATH,
} from './sensitiveWords';
export type { SensitiveWord, SensitiveHit } from './sensitiveWords';
