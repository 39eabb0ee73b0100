'use strict';
// A throwaway n8n on a user folder and ports of its own (the end-to-end test's), set up the
// way `npm start` sets up its own: the same pinned install, environment, CLI imports, owner
// account and activation. The package itself is NOT linked here: the caller installs it.
const net = require('node:net');
const { resolveStartConfig } = require('./config');
const { ensureN8nInstalled } = require('./n8nInstall');
const { loadOrCreateSecrets } = require('./secrets');
const { credentialRecords, importDemoCredentials, importShippedWorkflows } = require('./imports');
const { assertNoN8nRunning, startN8nServer, waitUntilReady, stopN8nServer, logTail } = require('./n8nServer');
const { ensureOwnerSession } = require('./owner');
const { activateShippedWorkflows, deactivateWorkflow } = require('./activation');
const { loadedTypes } = require('./n8nRest');
const { describeExit } = require('./processes');

const HOST = '127.0.0.1';

function canListen(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen({ host: HOST, port, exclusive: true }, () => server.close(() => resolve(true)));
	});
}

/** The first port from `from` on where it and the next one (n8n's task broker) are both free. */
async function findFreePortPair(from) {
	for (let port = from; port < from + 200; port += 2) {
		if ((await canListen(port)) && (await canListen(port + 1))) return port;
	}
	throw new Error(`No two free consecutive ports on ${HOST} between ${from} and ${from + 200}`);
}

/** `npm start`'s configuration, moved to this user folder and port (the broker takes port + 1). */
function instanceConfig({ userFolder, port, workflowsDir }) {
	const config = resolveStartConfig({
		...process.env,
		LEAD_MONITOR_PORT: String(port),
		LEAD_MONITOR_N8N_USER_FOLDER: userFolder,
	});
	return workflowsDir ? { ...config, workflowsDir } : config;
}

/**
 * Installs n8n if needed, then imports the demo credentials (plus `credentials`, which replace
 * demo ones of the same id) and every workflow in config.workflowsDir, with n8n's CLI.
 */
async function prepareInstance(config, { credentials = [] } = {}) {
	await ensureN8nInstalled(config);
	await assertNoN8nRunning(config);
	const secrets = loadOrCreateSecrets(config);
	await importDemoCredentials(config, secrets, credentials);
	const { workflows } = await importShippedWorkflows(config);
	return { secrets: secrets.secrets, workflows, credentials: credentialRecords(config, secrets.secrets, credentials) };
}

/**
 * Starts n8n, creates the owner and activates every webhook / schedule workflow; any failure
 * throws (and stops n8n). `onSpawn` gets the server at once, for exit handlers.
 */
async function startInstance(config, workflows, { onSpawn } = {}) {
	const server = startN8nServer(config);
	onSpawn?.(server);
	try {
		await waitUntilReady(config, server);
		const { login, cookie } = await ensureOwnerSession(config);
		if (!cookie) throw new Error(`Could not log in to the n8n at ${config.baseUrl}`);
		const failed = await activateShippedWorkflows(config, cookie, workflows);
		if (failed.length > 0) {
			const reasons = failed.map(({ workflow, reason }) => `  ${workflow.name}: ${reason}`).join('\n');
			throw new Error(`Workflows that did not activate:\n${reasons}\nLast lines of ${config.logFile}:\n${logTail(config)}`);
		}
		return { server, login, cookie };
	} catch (error) {
		await stopInstance(server);
		throw error;
	}
}

const hasTrigger = (workflow, type) => workflow.nodes.some((node) => node.type === type && !node.disabled);

/**
 * Switches off again the workflows that start only from a schedule (the push runs), so that
 * nothing sends on the clock while a test checks what its own requests did. Workflows with a
 * webhook entry stay on. Returns their names.
 */
async function deactivateScheduledWorkflows(config, cookie, workflows) {
	const scheduled = workflows.filter(
		({ workflow }) => hasTrigger(workflow, 'n8n-nodes-base.scheduleTrigger') && !hasTrigger(workflow, 'n8n-nodes-base.webhook'),
	);
	for (const { workflow } of scheduled) await deactivateWorkflow(config, cookie, workflow.id);
	return scheduled.map(({ workflow }) => workflow.name ?? workflow.id);
}

/** The names of the node types n8n loaded from this package (`n8n-nodes-lead-monitor.<node>`). */
async function loadedPackageNodeTypes(config, cookie) {
	const nodes = await loadedTypes(config, cookie, 'nodes');
	return [...new Set(nodes.map((node) => node.name).filter((name) => name.startsWith(`${config.packageName}.`)))].sort();
}

/** Stops n8n gracefully (SIGTERM; its whole process group is killed if it hangs). */
async function stopInstance(server) {
	if (!server) return undefined;
	const exit = await stopN8nServer(server, 'SIGTERM');
	return { ...exit, description: describeExit(exit) };
}

/** For exit and signal handlers, where nothing can be awaited: kills n8n and its task runner at once. */
function killInstanceNow(server) {
	if (!server || server.hasExited()) return;
	try {
		process.kill(-server.child.pid, 'SIGKILL');
	} catch {
		// already gone
	}
}

module.exports = {
	findFreePortPair,
	instanceConfig,
	prepareInstance,
	startInstance,
	deactivateScheduledWorkflows,
	loadedPackageNodeTypes,
	stopInstance,
	killInstanceNow,
	logTail,
};
