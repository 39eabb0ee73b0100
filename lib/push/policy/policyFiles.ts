import * as path from 'node:path';

/**
 * The rules/ data folder. The source tree has lib/push/policy and rules/ two levels apart;
 * the build mirrors it (dist/lib/push/policy, dist/rules filled by gulp), so the same
 * relative path works from ts-jest and from the installed package.
 */
export function rulesFolder(): string {
	return path.resolve(__dirname, '../../../rules');
}

export function policySchemaFile(): string {
	return path.join(rulesFolder(), 'schema', 'policy.schema.json');
}

export function policyPresetsFolder(): string {
	return path.join(rulesFolder(), 'presets', 'policies');
}
