export { COLD_START_AUTHOR, COLD_START_NOTE, type ConfigKindDefinition } from './ConfigKindDefinition';
export type {
	ActivateConfigOptions,
	ActivateConfigOutcome,
	ActiveConfig,
	ConfigHistory,
	ConfigVersion,
	ConfigVersionSummary,
	OnConfigWritten,
	SaveConfigOptions,
	SaveConfigOutcome,
} from './ConfigVersion';
export { ConfigConflictError, type MovedVersion } from './ConfigConflictError';
export { ConfigVersionNotFoundError } from './ConfigVersionNotFoundError';
export { activeConfig } from './activeConfig';
export { saveConfig } from './saveConfig';
export { activateConfig } from './activateConfig';
export { configHistory, configVersion, type HistoryPage } from './configHistory';
