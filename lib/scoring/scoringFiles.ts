import { packageDataPath } from '../packageData';

export function scoringSchemaFile(): string {
	return packageDataPath('schema', 'scoring.schema.json');
}

/** The cold start: the standard model (rules/presets/scoring/standard.json). */
export function standardScoringFile(): string {
	return packageDataPath('presets', 'scoring', 'standard.json');
}
