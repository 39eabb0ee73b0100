/**
 * Runs workflow JSON through n8n's real engine (n8n-core WorkflowExecute) with our nodes
 * loaded from dist/. Import this before anything that imports n8n-core (see engineEnvironment.ts).
 */
export { harnessUserFolder, removeHarnessUserFolder } from './engineEnvironment';
export { loadPackage, type LoadedPackage } from './loadPackage';
export { runWorkflow, type RunWorkflowOptions } from './runWorkflow';
export type { WorkflowRunResult } from './WorkflowRunResult';
export { readWorkflowJson, type WorkflowJson } from './workflowJson';
export type { TestCredential } from './TestCredentialsHelper';
export { TRIGGER_STAND_IN_TYPES } from './triggerStandIns';
export {
	STORE_CREDENTIAL_TYPE,
	pgliteStoreCredentialData,
	postgresStoreCredentialData,
	storeCredential,
	type StoreKind,
} from './credentials';
export { closeNodeStores, nodeStore } from './stores';
export { closeWorkflowHarness } from './closeWorkflowHarness';
