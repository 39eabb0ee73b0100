import type { CurvePoint } from './QualityModel';

/** The curve's score at `value`: linear between the points, flat beyond the first and the last. */
export function curveScore(curve: readonly CurvePoint[], value: number): number {
	if (value <= curve[0].at) return curve[0].score;
	for (let i = 1; i < curve.length; i++) {
		const right = curve[i];
		if (value <= right.at) {
			const left = curve[i - 1];
			return left.score + ((right.score - left.score) * (value - left.at)) / (right.at - left.at);
		}
	}
	return curve[curve.length - 1].score;
}
