import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { PostgresStoreConfig } from '../../lib/store';
import {
	findFreePortPair,
	instanceConfig,
	killInstanceNow,
	logTail,
	prepareInstance,
	startInstance,
	stopInstance,
	type N8nServer,
} from '../../scripts/lib/n8nInstance';
import { buildAndPack, installTarball } from '../../scripts/lib/packageTarball';

const MARKER = '.lead-monitor-install.json';

/** n8n is installed by `npm start` (or the e2e test) only: the bench waits for an install under way and never starts one. */
async function waitForN8nInstall(n8nDir: string, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let said = false;
	while (!fs.existsSync(path.join(n8nDir, MARKER))) {
		if (Date.now() > deadline) throw new Error(`n8n is not installed in ${n8nDir} (no ${MARKER}): run \`npm start\` once first`);
		if (!said) console.log(`waiting for n8n's install in ${n8nDir} to finish…`);
		said = true;
		await new Promise((resolve) => setTimeout(resolve, 10_000));
	}
}

/** n8n answers "not registered" for a moment after the activation: waits until the console's API answers (401 without a session). */
async function waitForWebhook(url: string): Promise<void> {
	const deadline = Date.now() + 120_000;
	for (;;) {
		const response = await fetch(url);
		await response.arrayBuffer();
		if (response.status === 401) return;
		if (Date.now() > deadline) throw new Error(`${url} still answers ${response.status} two minutes after the activation`);
		await new Promise((resolve) => setTimeout(resolve, 1_000));
	}
}

/** The path of n8n's own floor: a webhook answered at once by Respond to Webhook with a fixed body (no expression, as the console's plain answers), nothing of ours in between. */
export const N8N_FLOOR_PATH = 'bench-n8n-floor';

/** Executions kept exactly as the console's are (none saved), so the two differ only by our node. */
const N8N_FLOOR_WORKFLOW = {
	id: 'benchN8nFloor',
	name: "bench: n8n's own floor (webhook → Respond to Webhook)",
	active: false,
	settings: { executionOrder: 'v1', saveDataSuccessExecution: 'none', saveDataErrorExecution: 'none', saveManualExecutions: false, saveExecutionProgress: false },
	nodes: [
		{ id: 'f1', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: 'b3c9e0a4-4a43-4f0e-9a51-6f1d2c3b4a50', parameters: { path: N8N_FLOOR_PATH, httpMethod: 'GET', responseMode: 'responseNode', options: {} } },
		{ id: 'f2', name: 'Respond', type: 'n8n-nodes-base.respondToWebhook', typeVersion: 1.1, position: [260, 0], parameters: { respondWith: 'json', responseBody: '{"ok":true}', options: {} } },
	],
	connections: { Webhook: { main: [[{ node: 'Respond', type: 'main', index: 0 }]] } },
};

export interface ConsoleN8n {
	baseUrl: string;
	logTail: () => string;
	stop: () => Promise<void>;
}

/**
 * A throwaway n8n 2.40.7 (its own user folder and ports) with the packed package installed
 * and only workflows/console.json (and n8n's floor, N8N_FLOOR_WORKFLOW) imported and active, its store credential pointing at the
 * bench's PostgreSQL store with the bench's keys.
 */
export async function startConsoleN8n(store: PostgresStoreConfig, keys: { hashingKey: string; encryptionKey: string }): Promise<ConsoleN8n> {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lead-monitor-bench-console-'));
	const config = instanceConfig({ userFolder: path.join(root, 'n8n-user'), port: await findFreePortPair(5790), workflowsDir: path.join(root, 'workflows') });
	let server: N8nServer | undefined;
	const kill = () => killInstanceNow(server);
	process.on('exit', kill);
	const cleanUp = () => {
		process.off('exit', kill);
		fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 });
	};
	try {
		await waitForN8nInstall(config.n8nDir, 30 * 60_000);
		const stepLog = path.join(root, 'steps.log');
		const tarball = await buildAndPack(config, path.join(root, 'pack'), stepLog);
		const packageDir = await installTarball(config, tarball, stepLog);
		fs.mkdirSync(config.workflowsDir, { recursive: true });
		fs.copyFileSync(path.join(packageDir, 'dist', 'workflows', 'console.json'), path.join(config.workflowsDir, 'console.json'));
		fs.writeFileSync(path.join(config.workflowsDir, 'n8n-floor.json'), JSON.stringify(N8N_FLOOR_WORKFLOW));
		const prepared = await prepareInstance(config, {
			credentials: [
				{
					...config.storeCredential,
					data: {
						mode: 'postgres',
						host: store.host,
						port: store.port,
						database: store.database,
						user: store.user,
						password: store.password ?? '',
						ssl: 'disable',
						schema: store.schema,
						hashingKey: keys.hashingKey,
						encryptionKey: keys.encryptionKey,
					},
					secret: keys.hashingKey,
				},
			],
		});
		await startInstance(config, prepared.workflows, { onSpawn: (spawned) => (server = spawned) });
		await waitForWebhook(`${config.baseUrl}/webhook/console/api/session.get`);
	} catch (error) {
		await stopInstance(server).catch(kill);
		cleanUp();
		throw error;
	}
	return {
		baseUrl: config.baseUrl,
		logTail: () => logTail(config, 40),
		stop: async () => {
			await stopInstance(server).catch(kill);
			cleanUp();
		},
	};
}
