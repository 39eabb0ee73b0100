import { packageDataPath } from '../../packageData';

export function policySchemaFile(): string {
	return packageDataPath('schema', 'policy.schema.json');
}

export function policyPresetsFolder(): string {
	return packageDataPath('presets', 'policies');
}
