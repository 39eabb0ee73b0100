// `npm start` uses the package as n8n does: built, from dist/ (lib finds its data folders such
// as rules/ relative to the built files). The modules it loads are typed from their sources.
import * as path from 'node:path';

import type { StartConfig } from './config';

interface BuiltModules {
	'lib/audit': typeof import('../../lib/audit');
	'lib/console': typeof import('../../lib/console');
	'lib/outreach': typeof import('../../lib/outreach');
	'lib/privacy': typeof import('../../lib/privacy');
	'lib/sample': typeof import('../../lib/sample');
	'lib/staff': typeof import('../../lib/staff');
	'lib/store': typeof import('../../lib/store');
}

export function requireBuilt<Name extends keyof BuiltModules>(config: StartConfig, name: Name): BuiltModules[Name] {
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- dist/ is found at run time
	return require(path.join(config.repoRoot, 'dist', name)) as BuiltModules[Name];
}
