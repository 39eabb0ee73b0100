'use strict';
// Extension points for later work on `npm start`; both run on every start.
//
// context: { config, cookie, login, workflows, workflowsImported }
//   config             the paths, ports and ids from ./config.js (baseUrl, userFolder, storeCredential, ...)
//   cookie             the owner's session cookie for REST calls (undefined if the login is unknown)
//   workflows          [{ fileName, workflow }] shipped in workflows/
//   workflowsImported  true when this start (re-)imported them; n8n's import DEACTIVATES workflows,
//                      so anything activated must be activated again then.

/** Runs after the imports, while n8n is still stopped (a place for CLI work such as `publish:workflow`). */
async function beforeServerStart(_context) {
	// TODO(activation): publish/activate the scheduled workflows here or in afterServerReady.
}

/** Runs once n8n is ready and logged in. */
async function afterServerReady(_context) {
	// TODO(sample data): load the sample roster and call logs into the embedded store here.
	// TODO(activation): activate scheduled workflows over REST if not done before the start.
}

module.exports = { beforeServerStart, afterServerReady };
