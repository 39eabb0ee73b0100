import * as fs from 'node:fs';

import type { ConfigKindDefinition } from '../config';
import type { ScoringModel } from './ScoringModel';
import { standardScoringFile } from './scoringFiles';
import { assertValidScoringModel } from './validateModel';

/** The scoring model as a configuration kept in the store (lib/config); cold start: the standard model. */
export const scoringConfig: ConfigKindDefinition<ScoringModel> = {
	kind: 'scoring',
	label: { zh: '线索评分模型', en: 'Lead scoring model' },
	validate: assertValidScoringModel,
	coldStart: () => standardScoringModel(),
};

export function standardScoringModel(): ScoringModel {
	return assertValidScoringModel(JSON.parse(fs.readFileSync(standardScoringFile(), 'utf8')));
}
