import * as fs from 'node:fs';

import type { ConfigKindDefinition } from '../../config';
import { packageDataPath } from '../../packageData';
import type { QualityModel } from './QualityModel';
import { assertValidQualityModel } from './validateQualityModel';

/** A model shipped in rules/presets/quality/, validated. */
export function loadQualityModelPreset(id = 'standard'): QualityModel {
	if (!/^[a-z0-9-]{1,40}$/.test(id)) throw new Error(`"${id}" is not a quality model preset name`);
	return assertValidQualityModel(JSON.parse(fs.readFileSync(packageDataPath('presets', 'quality', `${id}.json`), 'utf8')));
}

/** The scoring model as a configuration kept in the store (lib/config): versioned, one active; the cold start is the `standard` preset. */
export const qualityModelConfig: ConfigKindDefinition<QualityModel> = {
	kind: 'qualityModel',
	label: { zh: '会话质检评分模型', en: 'Conversation-quality model' },
	validate: assertValidQualityModel,
	coldStart: () => loadQualityModelPreset('standard'),
};
