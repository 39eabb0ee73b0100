import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { activeConfig } from '../../../../lib/config';
import { ruleSetConfig } from '../../../../lib/monitor';
import { GRADES, parseRuleSetInput, presetRuleSet, simpleRuleSet, withInstitutions, type RuleSet } from '../../../../lib/rules';
import type { Store } from '../../../../lib/store';
import { EVENT_TYPE_LABELS, EVENT_TYPES } from '../../../../lib/vocabulary';

const configuredModes = [
	{ name: 'Monitoring Form (监控条件配置)', value: 'simple', description: 'Window, time period, institutions, event types, threshold' },
	{ name: 'Presets (预设规则)', value: 'preset', description: 'The cold-start rules shipped with the package' },
	{ name: 'Rule JSON', value: 'json', description: 'A json-rules-engine rule, a list of rules or a rule set' },
];

/**
 * How the operator says what to monitor: the saved configuration (the active version kept in
 * the store, edited in the console or published from a node), the seed's form (simple),
 * shipped presets, or raw json-rules-engine JSON. Every mode ends as one validated rule set.
 */
export const ruleSetParameters: INodeProperties[] = [
	{
		displayName: 'Rules From',
		name: 'ruleMode',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { operation: ['evaluate', 'preview', 'explain'] } },
		options: [
			...configuredModes,
			{
				name: 'Saved Configuration (已保存配置)',
				value: 'saved',
				description: 'The active version of the monitoring rules (监控指标管理), as the console saves it',
			},
		],
		default: 'simple',
	},
	{
		displayName: 'Rules From',
		name: 'ruleMode',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { operation: ['publish'] } },
		options: configuredModes,
		default: 'simple',
		description: 'The rules to publish',
	},
	{
		displayName:
			'Runs the active version of the monitoring rules kept in the store (监控指标管理 in the console, or a Lead Monitor\'s Publish). Each hit says which version found it (ruleSetVersion).',
		name: 'savedRulesNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { ruleMode: ['saved'] } },
	},
	{
		displayName: 'Rule ID',
		name: 'ruleId',
		type: 'string',
		default: 'custom-monitor',
		description: 'Keep it stable while you edit the form: a lead hits a rule once per window, by this ID',
		displayOptions: { show: { ruleMode: ['simple'] } },
	},
	{
		displayName: 'Rule Name (命中规则)',
		name: 'label',
		type: 'string',
		default: '活跃机构命中',
		displayOptions: { show: { ruleMode: ['simple'] } },
	},
	{
		displayName: 'Window (Days) (监控时间范围间隔)',
		name: 'windowDays',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 365 },
		default: 7,
		description: "Days of behaviour counted, ending yesterday (the logs arrive T+1)",
		displayOptions: { show: { ruleMode: ['simple'] } },
	},
	{
		displayName: 'Time Period (时间段)',
		name: 'period',
		type: 'fixedCollection',
		default: {},
		placeholder: 'Limit to Hours of the Day',
		description: 'Count only calls in these hours (local time); may wrap midnight, e.g. 22 to 6',
		displayOptions: { show: { ruleMode: ['simple'] } },
		options: [
			{
				displayName: 'Hours',
				name: 'hours',
				values: [
					{ displayName: 'From Hour', name: 'fromHour', type: 'number', typeOptions: { minValue: 0, maxValue: 23 }, default: 9 },
					{ displayName: 'To Hour', name: 'toHour', type: 'number', typeOptions: { minValue: 0, maxValue: 23 }, default: 18 },
				],
			},
		],
	},
	{
		displayName: 'Institution Names or IDs (活跃机构选择)',
		name: 'institutions',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getInstitutions' },
		default: [],
		description:
			'Only calls made at these institutions count; none selected means all. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { ruleMode: ['simple', 'preset'] } },
	},
	{
		displayName: 'Event Types (事件类型)',
		name: 'eventTypes',
		type: 'multiOptions',
		options: EVENT_TYPES.map((type) => ({ name: `${EVENT_TYPE_LABELS[type]} (${type})`, value: type })),
		default: [],
		description: 'Only these kinds of verification count; none selected means all',
		displayOptions: { show: { ruleMode: ['simple'] } },
	},
	{
		displayName: 'Threshold (活跃次数阈值)',
		name: 'threshold',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 3,
		description: 'A lead with at least this many calls in the window is a hit',
		displayOptions: { show: { ruleMode: ['simple'] } },
	},
	{
		displayName: 'Grade (线索分级)',
		name: 'grade',
		type: 'options',
		options: GRADES.map((grade) => ({ name: grade, value: grade })),
		default: 'B',
		description: 'A is the most promising',
		displayOptions: { show: { ruleMode: ['simple'] } },
	},
	{
		displayName: 'Reason Template (命中原因)',
		name: 'reason',
		type: 'string',
		default: '',
		placeholder: '近{count.windowDays}天内在{institutions}家机构核验{count}次',
		description: 'Empty builds one from the form. {name} is a condition\'s value, {name.value} its threshold.',
		displayOptions: { show: { ruleMode: ['simple'] } },
	},
	{
		displayName: 'Preset Names or IDs',
		name: 'presets',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getPresets' },
		default: ['active-institutions'],
		description:
			'The shipped rules to run. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { ruleMode: ['preset'] } },
	},
	{
		displayName: 'Rule JSON',
		name: 'ruleJson',
		type: 'json',
		default: '{\n  "name": "my-rule",\n  "conditions": { "all": [] },\n  "event": { "type": "lead-hit", "params": { "label": "", "grade": "B", "reason": "" } }\n}',
		description: 'Validated against rules/schema before it runs; errors name the path',
		displayOptions: { show: { ruleMode: ['json'] } },
	},
];

/** The rule set to run, and the saved version it is when it comes from the saved configuration. */
export interface RuleSetToRun {
	ruleSet: RuleSet;
	ruleSetVersion?: number;
}

/** The rule set to run: the active saved version, or the one the parameters describe. */
export async function ruleSetToRun(context: IExecuteFunctions, itemIndex: number, store: Store): Promise<RuleSetToRun> {
	if (context.getNodeParameter('ruleMode', itemIndex) !== 'saved') return { ruleSet: ruleSetFrom(context, itemIndex) };
	const active = await activeConfig(store, ruleSetConfig);
	return { ruleSet: ruleSetConfig.validate(active.body), ruleSetVersion: active.version };
}

/** The rule set the Form, Presets or Rule JSON parameters describe, validated (an invalid one throws, naming the field). */
export function ruleSetFrom(context: IExecuteFunctions, itemIndex: number): RuleSet {
	const mode = context.getNodeParameter('ruleMode', itemIndex) as string;
	if (mode === 'saved') {
		throw new NodeOperationError(context.getNode(), 'Publish saves the rules of the Monitoring Form, Presets or Rule JSON: choose one of them under Rules From', {
			itemIndex,
		});
	}
	const institutions = context.getNodeParameter('institutions', itemIndex, []) as string[];
	if (mode === 'preset') {
		const ids = context.getNodeParameter('presets', itemIndex, []) as string[];
		return withInstitutions(presetRuleSet(ids), institutions);
	}
	if (mode === 'json') {
		return parseRuleSetInput(context.getNodeParameter('ruleJson', itemIndex) as string | object);
	}
	const hours = (context.getNodeParameter('period', itemIndex, {}) as { hours?: { fromHour: number; toHour: number } }).hours;
	return simpleRuleSet({
		id: String(context.getNodeParameter('ruleId', itemIndex, '')).trim() || undefined,
		label: context.getNodeParameter('label', itemIndex) as string,
		windowDays: context.getNodeParameter('windowDays', itemIndex) as number,
		period: hours ? { fromHour: hours.fromHour, toHour: hours.toHour } : null,
		institutions,
		eventTypes: context.getNodeParameter('eventTypes', itemIndex, []) as string[],
		threshold: context.getNodeParameter('threshold', itemIndex) as number,
		grade: context.getNodeParameter('grade', itemIndex) as 'A' | 'B' | 'C' | 'D',
		reason: String(context.getNodeParameter('reason', itemIndex, '')).trim() || undefined,
	});
}
