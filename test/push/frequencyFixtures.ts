import * as fs from 'node:fs';

import type { PushFrequencies } from '../../lib/push';
import { packageDataPath } from '../../lib/packageData';

/** The shipped cold start (rules/presets/frequencies/standard.json). */
export function standardFrequencies(): PushFrequencies {
	return JSON.parse(fs.readFileSync(packageDataPath('presets', 'frequencies', 'standard.json'), 'utf8'));
}
