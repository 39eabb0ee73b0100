// Extension points for later work on `npm start`; both run on every start.
import { activateShippedWorkflows, deactivateRetiredWorkflows } from './activation';
import type { StartConfig } from './config';
import { ensureConsoleAccounts } from './consoleAccounts';
import { startDemoGateway } from './demoGateway';
import type { ShippedWorkflow } from './imports';
import type { OwnerSession } from './owner';
import { loadSampleDataOnce } from './sampleData';
import { say } from './say';
import type { Secrets } from './secrets';

export interface StartContext {
	/** The paths, ports and ids from ./config (baseUrl, userFolder, storeCredential, ...). */
	config: StartConfig;
	secrets: Secrets;
	/** Shipped in workflows/. */
	workflows: ShippedWorkflow[];
	/** This start (re-)imported them; n8n's import DEACTIVATES workflows, so anything activated must be activated again then. */
	workflowsImported: boolean;
}

/** `cookie` is the owner's session for REST calls (undefined if the login is unknown). */
export type ReadyContext = StartContext & OwnerSession;

/** Runs after the imports, while n8n is still stopped (a place for CLI work such as `publish:workflow`, and for the embedded store). */
export async function beforeServerStart(context: StartContext): Promise<void> {
	await ensureConsoleAccounts(context.config, context.secrets);
	await startDemoGateway(context.config, context.secrets);
}

/** Runs once n8n is ready and logged in. */
export async function afterServerReady(context: ReadyContext): Promise<void> {
	await deactivateRetiredWorkflows(context.config, context.cookie);
	await activateShippedWorkflows(context.config, context.cookie, context.workflows);
	try {
		await loadSampleDataOnce(context);
	} catch (error) {
		say.warn(`Sample data not loaded: ${error.message}. It is tried again on the next start.`);
	}
}
