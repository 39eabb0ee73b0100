import * as path from 'node:path';

/**
 * A file or folder in the package's data folder, rules/ (JSON schemas, rule and policy
 * presets, the sensitive-word list). The source tree has lib/packageData and rules/ side by
 * side under the root; the build mirrors it (dist/lib/packageData next to dist/rules, which
 * gulp fills), so the same relative path works from ts-jest and from the installed package.
 */
export function packageDataPath(...segments: string[]): string {
	return path.resolve(__dirname, '../../rules', ...segments);
}
