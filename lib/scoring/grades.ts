import type { Band, EngagementDigit, FitLetter, Grade, GradeBands } from './ScoringModel';

/** The band a score falls in: bands are best first and contiguous (validated), so the first whose min it reaches. */
export function bandOf<Key>(bands: readonly Band<Key>[], score: number): Key {
	return (bands.find((band) => band.min === undefined || score >= band.min) ?? bands[bands.length - 1]).key;
}

export interface GradeOf {
	fit: FitLetter;
	engagement: EngagementDigit;
	grade: Grade;
}

/** Static score → fit letter, dynamic score → engagement digit: A1 … D3. */
export function gradeOf(bands: GradeBands, staticScore: number, dynamicScore: number): GradeOf {
	const fit = bandOf(bands.fit, staticScore);
	const engagement = bandOf(bands.engagement, dynamicScore);
	return { fit, engagement, grade: `${fit}${engagement}` };
}

/**
 * The same choice in SQL: `CASE WHEN <score> >= $n THEN key … ELSE <last key> END`, the mins
 * pushed onto `params` (never spliced).
 */
export function bandCaseSql<Key extends string | number>(bands: readonly Band<Key>[], score: string, params: unknown[]): string {
	const whens = bands.slice(0, -1).map((band) => {
		params.push(band.min);
		const key = typeof band.key === 'number' ? String(band.key) : `'${band.key}'`;
		return `WHEN ${score} >= $${params.length}::numeric THEN ${key}`;
	});
	const last = bands[bands.length - 1].key;
	return `CASE ${whens.join(' ')} ELSE ${typeof last === 'number' ? last : `'${last}'`} END`;
}
