export { evaluate, evaluateHits, type EvaluateOptions, type EvaluateSummary, type NewHit } from './evaluate';
export { previewCoverage } from './preview';
export { computeCoverage } from './coverage';
export { coveragePreview, type CoveragePreview } from './coveragePreview';
export { explainLead } from './explainLead';
export { knownInstitutions } from './knownInstitutions';
export { ruleSetConfig } from './savedRuleSet';
export { describeLogGaps, findLogGaps, type FreshnessOptions, type LogGap } from './logFreshness';
export { dailyRunHealth, describeMissedDates, missedBusinessDates, recordDailyRun, type DailyRunHealth, type DailyRunHealthOptions, type DailyRunRecord } from './dailyRuns';
