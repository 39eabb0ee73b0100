import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { knownInstitutions } from '../../../lib/monitor';
import { listPresets } from '../../../lib/rules';
import { connectToStore } from '../../shared/transport/storeConnection';

/** Institutions seen in the last 90 days of call logs, for 活跃机构选择. */
export async function getInstitutions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { store } = await connectToStore.call(this);
	return (await knownInstitutions(store)).map((name) => ({ name, value: name }));
}

export async function getPresets(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return listPresets().map((preset) => ({ name: `${preset.title} (${preset.id})`, value: preset.id, description: preset.description }));
}
