export * from './types';
export {
	FACTS,
	FACT_NAMES,
	ACTIVITY_FACTS,
	PROFILE_FACTS,
	MAX_LOOKBACK_DAYS,
	factKey,
	activitySpec,
	hourInPeriod,
	isFactName,
	isActivityFact,
	isProfileFact,
	type FactName,
	type ActivityFactName,
	type ProfileFactName,
	type FactDefinition,
	type ActivitySpec,
	type HourPeriod,
} from './facts';
export { OPERATOR_NAMES, DECORATOR_NAMES, isKnownOperator } from './operators';
export {
	validateRule,
	validateRuleSet,
	assertValidRule,
	assertValidRuleSet,
	parseRuleSetInput,
	formatIssues,
	RuleValidationError,
	type RuleIssue,
	type ValidateOptions,
} from './validateRule';
export { compileRule, compileRuleSet, type CompiledRule, type CompiledRuleSet, type CompileOptions, type Predicate } from './compileRule';
export { UndefinedFactError, type EvaluationOptions } from './factReader';
export { explainRule, explainHit, templateSources, type RuleResultJson, type ConditionJson, type HitExplanation, type ExplainOptions } from './explain';
export { fillTemplate, placeholders, formatValue } from './reasonTemplate';
export { runReferenceEngine, referenceOutcomes, type ReferenceOutcome, type ReferenceOptions } from './referenceEngine';
export { buildAggregateQuery, type AggregateOptions, type AggregateQuery, type AggregateRow, type FactColumn } from './aggregateSql';
export { canHitWithoutActivity } from './zeroActivity';
export { ruleChecksum } from './ruleChecksum';
export { windowEndFor, ruleWindowDays, cooldownDays, hitWindow, type HitWindow } from './ruleWindow';
export { listPresets, loadPreset, presetRuleSet, allPresetsRuleSet, withInstitutions, presetsDir, type Preset } from './presets';
export { simpleRule, simpleRuleSet, SIMPLE_RULE_ID, type SimpleRuleForm } from './simpleRule';
