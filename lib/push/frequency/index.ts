export {
	FREQUENCY_KINDS,
	FREQUENCY_KIND_LABELS,
	type CustomFrequency,
	type DailyFrequency,
	type Frequency,
	type FrequencyKind,
	type HourlyFrequency,
	type MonthlyFrequency,
	type PushFrequencies,
	type PushTier,
	type TierGrade,
	type WeeklyFrequency,
} from './PushFrequencies';
export { validateFrequencies, assertValidFrequencies, FrequenciesValidationError, type FrequenciesIssue } from './validateFrequencies';
export { dueTiers, type DueTier, type LastTierRun } from './dueTiers';
export { claimTierRuns, lastTierRuns, finishTierRun, tierRun, type ClaimOptions, type TierRun } from './tierRuns';
export { summarizeTierRun, type TierRunSummary } from './tierRunSummary';
export { tierHits, tierOfHit, type TierHits } from './tierSelection';
export { describeFrequency, describeTier } from './describeFrequency';
export { frequenciesConfig } from './savedFrequencies';
