export { evaluate, evaluateHits, type EvaluateOptions, type EvaluateSummary, type NewHit } from './evaluate';
export { previewCoverage } from './preview';
export { computeCoverage } from './coverage';
export { coveragePreview, type CoveragePreview } from './coveragePreview';
export { explainLead } from './explainLead';
export { knownInstitutions } from './knownInstitutions';
export { ruleSetConfig } from './savedRuleSet';
