import type { ConfigKindDefinition } from '../config';
import { allPresetsRuleSet, assertValidRuleSet, type RuleSet } from '../rules';

/**
 * The monitoring rule set as a configuration kept in the store (lib/config). The cold
 * start is every preset, as the daily workflow evaluates today.
 */
export const ruleSetConfig: ConfigKindDefinition<RuleSet> = {
	kind: 'ruleSet',
	label: { zh: '监控指标', en: 'Monitoring rules' },
	validate: (body) => assertValidRuleSet(body),
	coldStart: allPresetsRuleSet,
};
