import { packageDataPath } from '../../packageData';

export function frequenciesSchemaFile(): string {
	return packageDataPath('schema', 'frequencies.schema.json');
}

/** The cold start: today's four push workflows (A hourly, B daily, C weekly, D monthly). */
export function standardFrequenciesFile(): string {
	return packageDataPath('presets', 'frequencies', 'standard.json');
}
