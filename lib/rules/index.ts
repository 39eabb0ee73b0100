export { GRADES, type FactKeyFn, type Rule, type RuleSet } from './types';
export { assertValidRuleSet, parseRuleSetInput } from './validateRule';
export { compileRuleSet, type CompileOptions, type CompiledRuleSet } from './compileRule';
export { explainHit, templateSources, type ConditionJson } from './explain';
export { fillTemplate } from './reasonTemplate';
export { referenceOutcomes } from './referenceEngine';
export {
	buildAggregateQuery,
	rosterSql,
	profileColumnsSql,
	valueFilters,
	ParamList,
	type AggregateOptions,
	type AggregateQuery,
	type AggregateRow,
} from './aggregateSql';
export { activitySpecKey, lookbackDays, type ActivitySpec, type ProfileFactName } from './facts';
export { windowEndFor, cooldownDays, hitWindow, ruleWindowDays } from './ruleWindow';
export { ruleChecksum } from './ruleChecksum';
export { listPresets, presetRuleSet, allPresetsRuleSet, withInstitutions } from './presets';
export { simpleRuleSet } from './simpleRule';
