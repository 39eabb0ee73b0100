import { closeNodeStores } from './stores';
import { removeHarnessUserFolder } from './engineEnvironment';

/** For afterAll: closes the stores the nodes opened and removes the temporary n8n user folder. */
export async function closeWorkflowHarness(): Promise<void> {
	try {
		await closeNodeStores();
	} finally {
		removeHarnessUserFolder();
	}
}
