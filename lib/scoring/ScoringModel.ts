/**
 * A lead-scoring model as written in JSON (rules/schema/scoring.schema.json; the seed 002
 * §3.2: 静态积分 from the profile, 动态积分 from behaviour, 及格线, grades A–D with a suggestion).
 *
 * The static score (profile) gives the fit letter A–D, the dynamic score (behaviour, decayed)
 * the engagement digit 1–3; together the grade, e.g. B1 (the seed's "B1组"). Every point is
 * one entry of the lead's ledger (lead_score_entries), so a score is the sum of its entries.
 */
export interface ScoringModel {
	title?: string;
	description?: string;
	/** 及格线: a lead whose total score reaches it is mature and is assigned to an owner. */
	threshold: number;
	/** How long behaviour points count: halved every `days`, or counted in full inside a window of `days`. */
	decay: Decay;
	static: StaticPoints;
	dynamic: DynamicPoints;
	/** The most points one group may add up to (a negative group has no cap); left out: no cap. */
	caps?: Partial<Record<CappedGroup, number>>;
	grades: GradeBands;
	/** 对照组 per fit letter: the share (%, at most 50) of the hits pushed by that grade held out, never contacted. */
	controlPercentByGrade?: Partial<Record<FitLetter, number>>;
	/** 跟进建议 per grade, every one of A1 … D3. */
	suggestions: Record<Grade, string>;
}

export type Decay = { kind: 'halfLife'; days: number } | { kind: 'window'; days: number };

export interface StaticPoints {
	/** Points for the lead's industry (leads.industry), matched exactly. */
	industry: ValuePoints[];
	/** Points for the lead's source channel (leads.source_channel). */
	sourceChannel: ValuePoints[];
	/** Points for a custom attribute (leads.attributes), such as 客户等级 = VIP. */
	attributes: AttributePoints[];
	/** Points for each contact field the lead has (completeness of contact data). */
	contactFields: ContactFieldPoints[];
}

export interface ValuePoints {
	value: string;
	points: number;
}

export interface AttributePoints {
	name: string;
	value: string;
	points: number;
}

export const CONTACT_FIELDS = ['phone', 'email', 'wechat', 'company'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

export interface ContactFieldPoints {
	field: ContactField;
	points: number;
}

export const EVENT_CLASSES = ['strong', 'medium', 'weak'] as const;
export type EventClass = (typeof EVENT_CLASSES)[number];

export interface DynamicPoints {
	/**
	 * Call events by class (强/中/弱关联事件): an event counts in the first class whose event
	 * types and institutions (left out: any) it matches, `points` per event, at most
	 * `maxPerDay` events of the class per lead and day.
	 */
	eventClasses: EventClassPoints[];
	/** Points per hit of a monitoring rule; `default` for rules not named in `byRule`. */
	hits: { default: number; byRule?: Record<string, number> };
	/** Outreach outcomes (positive). */
	outcomes: { answeredCall: number; smsReply: number; conversion: number };
	/** Negative events: points below zero. */
	negative: { optOut: number; complaint: number; failedContact: number; contactInvalid: number };
}

export interface EventClassPoints {
	class: EventClass;
	eventTypes?: string[];
	institutions?: string[];
	points: number;
	maxPerDay?: number;
}

/** The groups a ledger entry belongs to; caps are per group. */
export const SCORE_GROUPS = ['profile', 'events', 'hits', 'outcomes', 'negative'] as const;
export type ScoreGroup = (typeof SCORE_GROUPS)[number];
export type CappedGroup = Exclude<ScoreGroup, 'negative'>;

export const FIT_LETTERS = ['A', 'B', 'C', 'D'] as const;
export type FitLetter = (typeof FIT_LETTERS)[number];
export const ENGAGEMENT_DIGITS = [1, 2, 3] as const;
export type EngagementDigit = (typeof ENGAGEMENT_DIGITS)[number];
export type Grade = `${FitLetter}${EngagementDigit}`;
export const GRADES = FIT_LETTERS.flatMap((letter) => ENGAGEMENT_DIGITS.map((digit) => `${letter}${digit}` as Grade));

/**
 * Bands over a score: `min` inclusive, `max` exclusive; the best band has no `max`, the
 * worst no `min`; together they cover every score once (no gap, no overlap).
 */
export interface Band<Key> {
	min?: number;
	max?: number;
	key: Key;
}

export interface GradeBands {
	/** Static score → A, B, C, D. */
	fit: Band<FitLetter>[];
	/** Dynamic score → 1 (most engaged), 2, 3. */
	engagement: Band<EngagementDigit>[];
}
