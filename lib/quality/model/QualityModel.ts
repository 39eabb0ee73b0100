/** The conversation-quality scoring model: data (rules/presets/quality/*.json), checked by rules/schema/quality-model.schema.json. */
export interface CurvePoint {
	/** The metric's value (seconds, a count, 0/1). */
	at: number;
	/** The indicator's sub-score there, 0–100; between points the score is linear, beyond the ends it stays flat. */
	score: number;
}

export const SPEED_INDICATORS = ['avgResponseSeconds', 'firstResponseSeconds', 'maxResponseSeconds', 'missedFollowUp'] as const;
export const ATTITUDE_INDICATORS = ['rudeMessages', 'perfunctoryMessages', 'customerThanked'] as const;
export const QUALITY_INDICATORS = ['repeatedScripts', 'contactRequests', 'offTopicReplies', 'qualityReplies'] as const;
export const DIMENSIONS = ['speed', 'attitude', 'quality'] as const;

export type SpeedIndicator = (typeof SPEED_INDICATORS)[number];
export type AttitudeIndicator = (typeof ATTITUDE_INDICATORS)[number];
export type QualityIndicator = (typeof QUALITY_INDICATORS)[number];
export type Indicator = SpeedIndicator | AttitudeIndicator | QualityIndicator;
export type Dimension = (typeof DIMENSIONS)[number];

export const WORD_LISTS = ['rude', 'hold', 'perfunctoryExempt', 'thanks', 'contactRequest', 'offTopic', 'quality'] as const;
export type WordListName = (typeof WORD_LISTS)[number];

export interface QualityModel {
	id: string;
	name: string;
	/** total = rating × rating weight + QA × qa weight, both on 1–5 (the document: 20 % / 80 %). */
	totalWeights: { rating: number; qa: number };
	dimensions: {
		speed: { weight: number; indicators: Record<SpeedIndicator, number> };
		attitude: { weight: number; indicators: Record<AttitudeIndicator, number> };
		quality: { weight: number; indicators: Record<QualityIndicator, number> };
	};
	curves: Record<Indicator, CurvePoint[]>;
	/** The lowest total (1–5) for five, four, three and two stars; below `two` is one star. */
	stars: { five: number; four: number; three: number; two: number };
	repeatedScript: { similarity: number; minTimes: number };
	/** contactRequests at or above this are flagged (the document: fewer than 3 per session). */
	contactRequestFlag: number;
	/** A rating at or above this is a good rating (好评). */
	goodRating: number;
	/** 金牌客服 over 30 days: at least `minRatings` ratings (the document: more than 10), at least `minStars`, good-rating share above the all-agent average. */
	goldAgent: { minRatings: number; minStars: number };
	/** 服务星级标识 over 30 days. */
	starBadge: { minStars: number };
	/** Words added to the shipped lists (rules/quality/words/). */
	words?: Partial<Record<WordListName, string[]>>;
}
