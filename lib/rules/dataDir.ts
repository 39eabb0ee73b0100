import * as path from 'node:path';

/**
 * The folder holding rule data (schema/, presets/). The source tree has lib/rules and
 * rules/ side by side; the build mirrors it (dist/lib/rules next to dist/rules, which gulp
 * fills), so the same relative path works from ts-jest and from the installed package.
 */
export function rulesDataDir(): string {
	return path.resolve(__dirname, '../../rules');
}
