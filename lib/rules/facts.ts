import { stableStringify } from '../stableJson';
import { EVENT_TYPES, type EventType } from '../vocabulary';
import type { FactParams } from './types';

/**
 * The fact catalogue. Activity facts are aggregates over one lead's call events, each
 * fact + params one SQL aggregate column (aggregateSql.ts); profile facts are the lead's
 * own fields on the roster.
 *
 * Windows are whole days of event_date ending on the window end day (the last complete
 * day before the evaluation time, see ruleWindow.ts): `windowDays: 7` is the 7 days up to and
 * including the end day; `offsetDays: n` shifts the window n days into the past.
 */
export const ACTIVITY_FACTS = [
	'activityCount',
	'distinctInstitutions',
	'activeDays',
	'daysSinceLastActivity',
	'newInstitutionCount',
] as const;

export const PROFILE_FACTS = ['sourceChannel', 'industry', 'status', 'tags', 'attributes'] as const;

export type ActivityFactName = (typeof ACTIVITY_FACTS)[number];
export type ProfileFactName = (typeof PROFILE_FACTS)[number];
export type FactName = ActivityFactName | ProfileFactName;

export type FactValueType = 'number' | 'text' | 'textList' | 'object';

export interface FactDefinition {
	name: FactName;
	label: string;
	kind: 'activity' | 'profile';
	valueType: FactValueType;
	/** The params the fact accepts; `required` ones must be given. */
	params: readonly string[];
	required: readonly string[];
	description: string;
}

/** The furthest back any fact may look, in days (window + offset + baseline). */
export const MAX_LOOKBACK_DAYS = 365;

const FILTER_PARAMS = ['institutions', 'eventTypes', 'period'] as const;

export const FACTS: Readonly<Record<FactName, FactDefinition>> = {
	activityCount: {
		name: 'activityCount',
		label: '活跃次数',
		kind: 'activity',
		valueType: 'number',
		params: ['windowDays', 'offsetDays', ...FILTER_PARAMS],
		required: ['windowDays'],
		description: 'Verification calls in the window (optionally only at some institutions, of some event types, in a time-of-day period).',
	},
	distinctInstitutions: {
		name: 'distinctInstitutions',
		label: '活跃机构数',
		kind: 'activity',
		valueType: 'number',
		params: ['windowDays', 'offsetDays', ...FILTER_PARAMS],
		required: ['windowDays'],
		description: 'Different institutions the lead was verified at in the window.',
	},
	activeDays: {
		name: 'activeDays',
		label: '活跃天数',
		kind: 'activity',
		valueType: 'number',
		params: ['windowDays', 'offsetDays', ...FILTER_PARAMS],
		required: ['windowDays'],
		description: 'Days in the window with at least one verification call.',
	},
	daysSinceLastActivity: {
		name: 'daysSinceLastActivity',
		label: '距上次活跃天数',
		kind: 'activity',
		valueType: 'number',
		params: ['windowDays', 'offsetDays', ...FILTER_PARAMS],
		required: [],
		description:
			'Days from the window end (shifted back by offsetDays) to the last active day, 0 when active on that day; null when there was no activity in the window (default: as far back as allowed).',
	},
	newInstitutionCount: {
		name: 'newInstitutionCount',
		label: '新增机构数',
		kind: 'activity',
		valueType: 'number',
		params: ['windowDays', 'baselineDays', 'offsetDays', ...FILTER_PARAMS],
		required: ['windowDays', 'baselineDays'],
		description: 'Institutions seen in the window but not in the baselineDays before it.',
	},
	sourceChannel: {
		name: 'sourceChannel',
		label: '来源渠道',
		kind: 'profile',
		valueType: 'text',
		params: [],
		required: [],
		description: "The lead's source channel, e.g. 官网预约.",
	},
	industry: {
		name: 'industry',
		label: '行业',
		kind: 'profile',
		valueType: 'text',
		params: [],
		required: [],
		description: "The lead's industry.",
	},
	status: {
		name: 'status',
		label: '线索状态',
		kind: 'profile',
		valueType: 'text',
		params: [],
		required: [],
		description: "The lead's status on the roster.",
	},
	tags: {
		name: 'tags',
		label: '标签',
		kind: 'profile',
		valueType: 'textList',
		params: [],
		required: [],
		description: "The lead's tags (a list: use contains / doesNotContain).",
	},
	attributes: {
		name: 'attributes',
		label: '自定义属性',
		kind: 'profile',
		valueType: 'object',
		params: [],
		required: [],
		description: 'Custom attributes (an object): pick one with path, e.g. "$.客户等级".',
	},
};

export const FACT_NAMES: readonly FactName[] = [...ACTIVITY_FACTS, ...PROFILE_FACTS];

/** The roster column behind each profile fact. */
export const PROFILE_COLUMNS: Readonly<Record<ProfileFactName, string>> = {
	sourceChannel: 'source_channel',
	industry: 'industry',
	status: 'status',
	tags: 'tags',
	attributes: 'attributes',
};

export function isFactName(name: unknown): name is FactName {
	return typeof name === 'string' && Object.prototype.hasOwnProperty.call(FACTS, name);
}

export function isActivityFact(name: unknown): name is ActivityFactName {
	return typeof name === 'string' && (ACTIVITY_FACTS as readonly string[]).includes(name);
}

export function isProfileFact(name: unknown): name is ProfileFactName {
	return typeof name === 'string' && (PROFILE_FACTS as readonly string[]).includes(name);
}

/** A time-of-day period in local hours: fromHour inclusive, toHour exclusive; wraps midnight when fromHour > toHour. */
export interface HourPeriod {
	fromHour: number;
	toHour: number;
}

export function hourInPeriod(hour: number, period: HourPeriod): boolean {
	return period.fromHour < period.toHour
		? hour >= period.fromHour && hour < period.toHour
		: hour >= period.fromHour || hour < period.toHour;
}

/** An activity fact with its params normalised: defaults filled, lists sorted and de-duplicated. */
export interface ActivitySpec {
	fact: ActivityFactName;
	windowDays: number;
	offsetDays: number;
	/** newInstitutionCount only. */
	baselineDays?: number;
	institutions?: string[];
	eventTypes?: EventType[];
	period?: HourPeriod;
}

/** Assumes params passed validation (validateRule.ts). */
export function activitySpec(fact: ActivityFactName, params: FactParams | undefined): ActivitySpec {
	const p = params ?? {};
	const offsetDays = typeof p.offsetDays === 'number' ? p.offsetDays : 0;
	const windowDays = typeof p.windowDays === 'number' ? p.windowDays : MAX_LOOKBACK_DAYS - offsetDays;
	const spec: ActivitySpec = { fact, windowDays, offsetDays };
	if (fact === 'newInstitutionCount') spec.baselineDays = p.baselineDays as number;
	if (Array.isArray(p.institutions)) spec.institutions = sortedUnique(p.institutions as string[]);
	if (Array.isArray(p.eventTypes)) {
		spec.eventTypes = sortedUnique(p.eventTypes as string[]).filter((t): t is EventType =>
			(EVENT_TYPES as readonly string[]).includes(t),
		);
	}
	if (p.period && typeof p.period === 'object') {
		const { fromHour, toHour } = p.period as HourPeriod;
		spec.period = { fromHour, toHour };
	}
	return spec;
}

/** How many days back from the window end the fact reaches. */
export function lookbackDays(spec: ActivitySpec): number {
	return spec.offsetDays + spec.windowDays + (spec.baselineDays ?? 0);
}

export function activitySpecKey(spec: ActivitySpec): string {
	return stableStringify(spec);
}

/**
 * The key a fact's value is stored under in FactValues: the fact name alone when it has
 * no params, else the name followed by its params as canonical JSON.
 */
export function factKey(fact: string, params: FactParams | undefined | null): string {
	if (params == null || typeof params !== 'object' || Object.keys(params).length === 0) return fact;
	return fact + stableStringify(params);
}

function sortedUnique<T extends string>(values: readonly T[]): T[] {
	return [...new Set(values)].sort();
}
