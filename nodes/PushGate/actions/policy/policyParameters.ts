import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { activeConfig } from '../../../../lib/config';
import {
	assertValidPolicy,
	compilePolicy,
	listPolicyPresets,
	loadPolicyPreset,
	policyConfig,
	PolicyValidationError,
	WEEKDAY_LABELS,
	WEEKDAYS,
	type CompiledPolicy,
	type ContactPolicy,
	type TimeSlotRule,
	type Weekday,
} from '../../../../lib/push';
import type { Store } from '../../../../lib/store';

/** The operations that decide with a policy, and Publish, which saves the one configured here. */
const policyOperations = { operation: ['gate', 'simulate', 'publish'] };

const configuredSources = [
	{ name: 'Preset (预设策略)', value: 'preset', description: 'A shipped policy, with the adjustments below' },
	{ name: 'JSON', value: 'json', description: 'A whole policy, checked against rules/schema/policy.schema.json' },
];

const weekdayOptions = WEEKDAYS.map((day) => ({ name: `${WEEKDAY_LABELS[day]} (${day})`, value: day }));

const gridFields: INodeProperties[] = WEEKDAYS.map((day) => ({
	displayName: `Grid ${WEEKDAY_LABELS[day]} (${day})`,
	name: `grid_${day}`,
	type: 'string',
	default: '',
	placeholder: 'llllllllmhhhshhhhhmmllll',
	description: '24 characters, one per hour from 00:00: h 高频, m 中频, l 低频, s 静默',
}));

/**
 * The contact policy as node parameters: the saved configuration (the active version kept in
 * the store), a shipped preset with adjustments, or the whole policy as JSON.
 */
export const policyProperties: INodeProperties[] = [
	{
		displayName: 'Policy',
		name: 'policySource',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { operation: ['gate', 'simulate'] } },
		options: [
			...configuredSources,
			{
				name: 'Saved Configuration (已保存配置)',
				value: 'saved',
				description: 'The active version of the contact policy (推送频率管理), as the console saves it',
			},
		],
		default: 'preset',
	},
	{
		displayName: 'Policy',
		name: 'policySource',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { operation: ['publish'] } },
		options: configuredSources,
		default: 'preset',
		description: 'The policy to publish',
	},
	{
		displayName:
			'Decides with the active version of the contact policy kept in the store (推送频率管理 in the console, or a Push Gate\'s Publish). Each decision says which version made it (push.policyVersion).',
		name: 'savedPolicyNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { operation: ['gate', 'simulate'], policySource: ['saved'] } },
	},
	{
		displayName: 'Preset',
		name: 'preset',
		type: 'options',
		displayOptions: { show: { ...policyOperations, policySource: ['preset'] } },
		options: listPolicyPresets().map((preset) => ({ name: preset.title, value: preset.id, description: preset.description })),
		default: 'standard',
	},
	{
		displayName: 'Adjustments',
		name: 'adjustments',
		type: 'collection',
		placeholder: 'Adjust Preset',
		default: {},
		displayOptions: { show: { ...policyOperations, policySource: ['preset'] } },
		options: [
			{
				displayName: 'Burst Protection (Seconds)',
				name: 'burstGapSeconds',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 30,
				description: '最小推送阈值: minimum gap between two pushes to the same lead, on any channel',
			},
			{
				displayName: 'Call Caps (Day / Week / Month)',
				name: 'callCaps',
				type: 'string',
				default: '',
				placeholder: '1/1/2',
				description: 'At most this many calls per lead per day / week / month; leave a part empty for no cap',
			},
			{
				displayName: 'Default Interval (Minutes)',
				name: 'defaultIntervalMinutes',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 15,
				description: '默认推送间隔: the interval of the high level and of hours the grid does not cover',
			},
			...gridFields,
			{
				displayName: 'Quiet Hours From',
				name: 'quietHoursFrom',
				type: 'string',
				default: '21:00',
				description: '免打扰开始 (HH:mm); may be later than the end, crossing midnight',
			},
			{ displayName: 'Quiet Hours To', name: 'quietHoursTo', type: 'string', default: '08:00', description: '免打扰结束 (HH:mm)' },
			{
				displayName: 'SMS Caps (Day / Week / Month)',
				name: 'smsCaps',
				type: 'string',
				default: '',
				placeholder: '1/2/4',
				description: 'At most this many SMS per lead per day / week / month; leave a part empty for no cap',
			},
			{
				displayName: 'Time Slot Rules',
				name: 'timeSlots',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				description: '特定时间段频率规则: replace the preset’s rules with these',
				options: [
					{
						name: 'rules',
						displayName: 'Rule',
						values: [
							{ displayName: 'Label', name: 'label', type: 'string', default: '' },
							{ displayName: 'Days', name: 'days', type: 'multiOptions', options: weekdayOptions, default: [], description: 'None: every day' },
							{ displayName: 'From', name: 'from', type: 'string', default: '12:00' },
							{ displayName: 'To', name: 'to', type: 'string', default: '13:00' },
							{
								displayName: 'Level',
								name: 'level',
								type: 'options',
								options: [
									{ name: '高频 (High)', value: 'high' },
									{ name: '中频 (Medium)', value: 'medium' },
									{ name: '低频 (Low)', value: 'low' },
									{ name: '静默 (Silent)', value: 'silent' },
								],
								default: 'silent',
							},
						],
					},
				],
			},
			{ displayName: 'Time Zone', name: 'timezone', type: 'string', default: 'Asia/Shanghai' },
			{
				displayName: 'Weekend Silent Stretch (%)',
				name: 'weekendStretchPercent',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 200,
				description: '周末例外规则: silent periods on Saturday and Sunday last this much longer',
			},
		],
	},
	{
		displayName: 'Policy JSON',
		name: 'policyJson',
		type: 'json',
		default: '',
		displayOptions: { show: { ...policyOperations, policySource: ['json'] } },
		description: 'A contact policy; see rules/schema/policy.schema.json and rules/presets/policies/',
	},
];

/** The policy to decide with, and the saved version it is when it comes from the saved configuration. */
export interface PolicyToRun {
	policy: CompiledPolicy;
	policyVersion?: number;
}

/** The policy to decide with: the active saved version, or the one the parameters describe. */
export async function policyToRun(context: IExecuteFunctions, itemIndex: number, store: Store): Promise<PolicyToRun> {
	if (context.getNodeParameter('policySource', itemIndex, 'preset') !== 'saved') {
		return { policy: policyFromParameters(context, itemIndex) };
	}
	const active = await activeConfig(store, policyConfig);
	return { policy: wordingPolicyErrors(context, itemIndex, () => compilePolicy(active.body)), policyVersion: active.version };
}

/** The policy the Preset or JSON parameters describe, validated and compiled; a problem names its field. */
export function policyFromParameters(context: IExecuteFunctions, itemIndex: number): CompiledPolicy {
	return wordingPolicyErrors(context, itemIndex, () => compilePolicy(configuredPolicy(context, itemIndex)));
}

/** The policy the Preset or JSON parameters describe, validated, as it is saved. */
export function policyDocumentFromParameters(context: IExecuteFunctions, itemIndex: number): ContactPolicy {
	return wordingPolicyErrors(context, itemIndex, () => assertValidPolicy(configuredPolicy(context, itemIndex)));
}

function configuredPolicy(context: IExecuteFunctions, itemIndex: number): unknown {
	const source = context.getNodeParameter('policySource', itemIndex, 'preset');
	if (source === 'saved') throw new Error('Publish saves the policy of a Preset or JSON: choose one of them under Policy');
	if (source === 'json') {
		const raw = context.getNodeParameter('policyJson', itemIndex, '') as unknown;
		return typeof raw === 'string' ? JSON.parse(raw) : raw;
	}
	const preset = loadPolicyPreset(context.getNodeParameter('preset', itemIndex, 'standard') as string);
	return adjusted(preset, context.getNodeParameter('adjustments', itemIndex, {}) as IDataObject);
}

/** A policy that cannot be read or is not valid: the node error names the problem's path, every problem in its details. */
function wordingPolicyErrors<T>(context: IExecuteFunctions, itemIndex: number, work: () => T): T {
	try {
		return work();
	} catch (error) {
		const description =
			error instanceof PolicyValidationError
				? error.issues.map((issue) => `${issue.path || '(policy)'}: ${issue.message}`).join('\n')
				: undefined;
		const message = error instanceof SyntaxError ? `Policy JSON 不是有效的 JSON：${error.message}` : (error as Error).message.split('\n')[0];
		throw new NodeOperationError(context.getNode(), message, { itemIndex, description });
	}
}

function adjusted(preset: ContactPolicy, adjustments: IDataObject): ContactPolicy {
	const policy: ContactPolicy = structuredClone(preset);
	if (adjustments.timezone) policy.timezone = String(adjustments.timezone);
	if (adjustments.defaultIntervalMinutes !== undefined) {
		policy.defaultIntervalMinutes = Number(adjustments.defaultIntervalMinutes);
		policy.levelIntervals = { ...policy.levelIntervals, high: policy.defaultIntervalMinutes };
	}
	if (adjustments.burstGapSeconds !== undefined) policy.burstGapSeconds = Number(adjustments.burstGapSeconds);
	if (adjustments.quietHoursFrom !== undefined || adjustments.quietHoursTo !== undefined) {
		policy.quietHours = {
			from: String(adjustments.quietHoursFrom ?? policy.quietHours?.from ?? '21:00'),
			to: String(adjustments.quietHoursTo ?? policy.quietHours?.to ?? '08:00'),
		};
	}
	if (adjustments.weekendStretchPercent !== undefined) {
		policy.weekend = { ...policy.weekend, silentStretchPercent: Number(adjustments.weekendStretchPercent) };
	}
	for (const day of WEEKDAYS) {
		const grid = adjustments[`grid_${day}`];
		if (typeof grid === 'string' && grid.trim()) policy.grid = { ...policy.grid, [day]: grid.trim() };
	}
	for (const channel of ['sms', 'call'] as const) {
		const caps = adjustments[`${channel}Caps`];
		if (typeof caps === 'string' && caps.trim()) policy.caps = { ...policy.caps, [channel]: parseCaps(caps) };
	}
	const rules = (adjustments.timeSlots as IDataObject | undefined)?.rules as IDataObject[] | undefined;
	if (rules) {
		policy.timeSlots = rules.map((rule) => {
			const slot: TimeSlotRule = { from: String(rule.from), to: String(rule.to), level: rule.level as TimeSlotRule['level'] };
			if (rule.label) slot.label = String(rule.label);
			if (Array.isArray(rule.days) && rule.days.length) slot.days = rule.days as Weekday[];
			return slot;
		});
	}
	return policy;
}

/** "1/2/4" → { day: 1, week: 2, month: 4 }; an empty part means no cap for that period. */
function parseCaps(text: string): Record<string, number> {
	const caps: Record<string, number> = {};
	text.split('/').forEach((part, index) => {
		const period = ['day', 'week', 'month'][index];
		if (!period || !part.trim()) return;
		caps[period] = Number(part.trim());
	});
	return caps;
}
