'use strict';
// Extension points for later work on `npm start`; both run on every start.
//
// context: { config, cookie, login, workflows, workflowsImported }
//   config             the paths, ports and ids from ./config.js (baseUrl, userFolder, storeCredential, ...)
//   cookie             the owner's session cookie for REST calls (undefined if the login is unknown)
//   workflows          [{ fileName, workflow }] shipped in workflows/
//   workflowsImported  true when this start (re-)imported them; n8n's import DEACTIVATES workflows,
//                      so anything activated must be activated again then.
const { activateShippedWorkflows } = require('./activation');
const { startDemoGateway } = require('./demoGateway');
const { loadSampleDataOnce } = require('./sampleData');
const { say } = require('./say');

/** Runs after the imports, while n8n is still stopped (a place for CLI work such as `publish:workflow`). */
async function beforeServerStart(context) {
	await startDemoGateway(context.config, context.secrets);
}

/** Runs once n8n is ready and logged in. */
async function afterServerReady(context) {
	await activateShippedWorkflows(context.config, context.cookie, context.workflows);
	try {
		await loadSampleDataOnce(context);
	} catch (error) {
		say.warn(`Sample data not loaded: ${error.message}. It is tried again on the next start.`);
	}
}

module.exports = { beforeServerStart, afterServerReady };
