// A throwaway n8n on a user folder and ports of its own (the end-to-end test's), set up the
// way `npm start` sets up its own: the same pinned install, environment, CLI imports, owner
// account and activation. The package itself is NOT linked here: the caller installs it.
import * as net from 'node:net';

import { activateShippedWorkflows, deactivateWorkflow } from './activation';
import { resolveStartConfig, type StartConfig } from './config';
import { consoleLogins, ensureConsoleAccounts } from './consoleAccounts';
import { credentialRecords, importDemoCredentials, importShippedWorkflows, type CredentialRecord, type ShippedWorkflow, type WorkflowJson } from './imports';
import { ensureQueueDatabases } from './n8nDatabase';
import { ensureN8nInstalled } from './n8nInstall';
import { loadedTypes, type OwnerLogin } from './n8nRest';
import { assertNoN8nRunning, killN8nNow, logTail, startN8nServer, stopN8nServer, waitUntilReady, type N8nServer } from './n8nServer';
import { ensureOwnerSession } from './owner';
import { describeExit, type ProcessExit } from './processes';
import { loadOrCreateSecrets, type Secrets } from './secrets';

export { logTail, consoleLogins };
export { killWorkerNow, startWorker, startWorkers, stopWorkers, waitUntilWorkersReady, workerConfig, type N8nWorker } from './n8nWorkers';
export type { CredentialRecord, N8nServer };
export type { StartConfig as InstanceConfig, Secrets as DemoSecrets };

const HOST = '127.0.0.1';

export interface RunningInstance {
	server: N8nServer;
	login: OwnerLogin | undefined;
	cookie: string;
}

function canListen(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen({ host: HOST, port, exclusive: true }, () => server.close(() => resolve(true)));
	});
}

/** The first port from `from` on where it and the next one (n8n's task broker) are both free. */
export async function findFreePortPair(from: number): Promise<number> {
	for (let port = from; port < from + 200; port += 2) {
		if ((await canListen(port)) && (await canListen(port + 1))) return port;
	}
	throw new Error(`No two free consecutive ports on ${HOST} between ${from} and ${from + 200}`);
}

/**
 * `npm start`'s configuration, moved to this user folder and port (the broker takes port + 1);
 * `env` adds settings such as queue mode's (LEAD_MONITOR_QUEUE=1, its databases and Bull prefix).
 */
export function instanceConfig({ userFolder, port, workflowsDir, env = {} }: { userFolder: string; port: number; workflowsDir?: string; env?: NodeJS.ProcessEnv }): StartConfig {
	const config = resolveStartConfig({
		...process.env,
		...env,
		LEAD_MONITOR_PORT: String(port),
		LEAD_MONITOR_N8N_USER_FOLDER: userFolder,
	});
	return workflowsDir ? { ...config, workflowsDir } : config;
}

/**
 * Installs n8n if needed, then imports the demo credentials (plus `credentials`, which replace
 * demo ones of the same id) and every workflow in config.workflowsDir, with n8n's CLI, and
 * creates the console's accounts in the embedded store.
 */
export async function prepareInstance(
	config: StartConfig,
	{ credentials = [] }: { credentials?: CredentialRecord[] } = {},
): Promise<{ secrets: Secrets; workflows: ShippedWorkflow[]; credentials: CredentialRecord[] }> {
	await ensureN8nInstalled(config);
	await assertNoN8nRunning(config);
	if (config.queue) await ensureQueueDatabases(config.queue);
	const secrets = loadOrCreateSecrets(config);
	await importDemoCredentials(config, secrets, credentials);
	const { workflows } = await importShippedWorkflows(config);
	await ensureConsoleAccounts(config, secrets.secrets);
	return { secrets: secrets.secrets, workflows, credentials: credentialRecords(config, secrets.secrets, credentials) };
}

/**
 * Starts n8n, creates the owner and activates every webhook / schedule workflow; any failure
 * throws (and stops n8n). `onSpawn` gets the server at once, for exit handlers.
 */
export async function startInstance(
	config: StartConfig,
	workflows: ShippedWorkflow[],
	{ onSpawn }: { onSpawn?: (server: N8nServer) => void } = {},
): Promise<RunningInstance> {
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

const hasTrigger = (workflow: WorkflowJson, type: string) => workflow.nodes.some((node) => node.type === type && !node.disabled);

/**
 * Switches off again the workflows that start only from a schedule (the push runs), so that
 * nothing sends on the clock while a test checks what its own requests did. Workflows with a
 * webhook entry stay on. Returns their names.
 */
export async function deactivateScheduledWorkflows(config: StartConfig, cookie: string, workflows: ShippedWorkflow[]): Promise<string[]> {
	const scheduled = workflows.filter(
		({ workflow }) => hasTrigger(workflow, 'n8n-nodes-base.scheduleTrigger') && !hasTrigger(workflow, 'n8n-nodes-base.webhook'),
	);
	for (const { workflow } of scheduled) await deactivateWorkflow(config, cookie, workflow.id);
	return scheduled.map(({ workflow }) => workflow.name ?? workflow.id);
}

/** The names of the node types n8n loaded from this package (`n8n-nodes-lead-monitor.<node>`). */
export async function loadedPackageNodeTypes(config: StartConfig, cookie: string): Promise<string[]> {
	const nodes = await loadedTypes(config, cookie, 'nodes');
	return [...new Set(nodes.map((node) => node.name).filter((name) => name.startsWith(`${config.packageName}.`)))].sort();
}

/** Stops n8n gracefully (SIGTERM; its whole process group is killed if it hangs). */
export async function stopInstance(server: N8nServer | undefined): Promise<(ProcessExit & { description: string }) | undefined> {
	if (!server) return undefined;
	const exit = await stopN8nServer(server, 'SIGTERM');
	return { ...exit, description: describeExit(exit) };
}

/** For exit and signal handlers, where nothing can be awaited: kills n8n and its task runner at once. */
export function killInstanceNow(server: N8nServer | undefined): void {
	if (!server || server.hasExited()) return;
	killN8nNow(server);
}
