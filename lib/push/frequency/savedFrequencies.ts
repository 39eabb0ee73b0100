import * as fs from 'node:fs';

import type { ConfigKindDefinition } from '../../config';
import { standardFrequenciesFile } from './frequencyFiles';
import type { PushFrequencies } from './PushFrequencies';
import { assertValidFrequencies } from './validateFrequencies';

/**
 * Push frequencies as a configuration kept in the store (lib/config). The cold start is
 * rules/presets/frequencies/standard.json: today's four push workflows.
 */
export const frequenciesConfig: ConfigKindDefinition<PushFrequencies> = {
	kind: 'frequencies',
	label: { zh: '推送频率', en: 'Push frequencies' },
	validate: assertValidFrequencies,
	coldStart: () => assertValidFrequencies(JSON.parse(fs.readFileSync(standardFrequenciesFile(), 'utf8'))),
};
