import type { ConfigKindDefinition } from '../../config';
import type { ContactPolicy } from './ContactPolicy';
import { loadPolicyPreset } from './policyPresets';
import { assertValidPolicy } from './validatePolicy';

/** The contact policy as a configuration kept in the store (lib/config); the cold start is the `standard` preset. */
export const policyConfig: ConfigKindDefinition<ContactPolicy> = {
	kind: 'policy',
	label: { zh: '推送策略', en: 'Contact policy' },
	validate: assertValidPolicy,
	coldStart: () => loadPolicyPreset('standard'),
};
