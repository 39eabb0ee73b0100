/**
 * The versioned configuration documents and the ops that read and change them. The
 * contract has no `frequencies.version`, so push frequency versions can be listed and
 * activated but not compared.
 */
export const CONFIG_KINDS = {
	rules: { history: 'rules.history', version: 'rules.version', activate: 'rules.activate', active: 'rules.active' },
	policy: { history: 'policy.history', version: 'policy.version', activate: 'policy.activate', active: 'policy.active' },
	frequencies: { history: 'frequencies.history', version: null, activate: 'frequencies.activate', active: 'frequencies.active' },
	qualityModel: { history: 'qualityModel.history', version: 'qualityModel.version', activate: 'qualityModel.activate', active: 'qualityModel.active' },
	scoring: { history: 'scoring.history', version: 'scoring.version', activate: 'scoring.activate', active: 'scoring.active' },
} as const;

export type ConfigKind = keyof typeof CONFIG_KINDS;
