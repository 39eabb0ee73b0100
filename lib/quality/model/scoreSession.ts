import type { SessionMetrics } from '../metrics/SessionMetrics';
import { curveScore } from './curve';
import { DIMENSIONS, type Dimension, type Indicator, type QualityModel } from './QualityModel';

export interface SessionScore {
	/** Each indicator's sub-score, 0–100, from its curve. */
	indicators: Record<Indicator, number>;
	/** Each dimension's score, 0–100: its indicators' scores by their weights. */
	dimensions: Record<Dimension, number>;
	/** The session QA (会话质检得分) on 0–100: speed 40 % + attitude 20 % + quality 40 %. */
	qa100: number;
	/** The same on 1–5 (1 + 4 × qa100 / 100). */
	qa: number;
	rating: number | null;
	/** 1–5: rating 20 % + QA 80 %; without a rating, the QA alone. */
	total: number;
	stars: number;
}

/** The value a curve reads for an indicator: a response time that never came (no round answered) scores as the curve's worst. */
function indicatorValue(metrics: SessionMetrics, indicator: Indicator, model: QualityModel): number {
	switch (indicator) {
		case 'avgResponseSeconds':
		case 'firstResponseSeconds':
		case 'maxResponseSeconds': {
			const seconds = metrics[indicator];
			return seconds ?? model.curves[indicator][model.curves[indicator].length - 1].at;
		}
		case 'customerThanked':
			return metrics.customerThanked ? 1 : 0;
		default:
			return metrics[indicator];
	}
}

export function scoreSession(metrics: SessionMetrics, rating: number | null, model: QualityModel): SessionScore {
	const indicators = {} as Record<Indicator, number>;
	const dimensions = {} as Record<Dimension, number>;
	let qa100 = 0;
	for (const dimension of DIMENSIONS) {
		const { weight, indicators: weights } = model.dimensions[dimension];
		let score = 0;
		for (const [indicator, indicatorWeight] of Object.entries(weights) as Array<[Indicator, number]>) {
			indicators[indicator] = round(curveScore(model.curves[indicator], indicatorValue(metrics, indicator, model)));
			score += indicators[indicator] * indicatorWeight;
		}
		dimensions[dimension] = round(score);
		qa100 += score * weight;
	}
	const qa = qaOnFive(qa100);
	const total = totalScore(qa, rating, model);
	return { indicators, dimensions, qa100: round(qa100), qa, rating, total, stars: starsFor(total, model) };
}

/** 0–100 onto the document's 1–5 scale. */
export function qaOnFive(qa100: number): number {
	return round(1 + (4 * qa100) / 100);
}

/** rating × 20 % + QA × 80 % (both 1–5); the QA alone when there is no rating. */
export function totalScore(qa: number, rating: number | null, model: Pick<QualityModel, 'totalWeights'>): number {
	if (rating === null) return round(qa);
	return round(rating * model.totalWeights.rating + qa * model.totalWeights.qa);
}

export function starsFor(total: number, model: Pick<QualityModel, 'stars'>): number {
	const { five, four, three, two } = model.stars;
	return total >= five ? 5 : total >= four ? 4 : total >= three ? 3 : total >= two ? 2 : 1;
}

function round(value: number): number {
	return Math.round(value * 100) / 100;
}
