// Where `npm start` keeps things and which ports it uses; every path can be moved by env.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const N8N_VERSION = '2.40.7';
const PACKAGE_NAME = 'n8n-nodes-lead-monitor';
const LISTEN_HOST = '127.0.0.1';
const DEFAULT_PORT = 5678;

export interface CredentialRef {
	id: string;
	name: string;
	type: string;
}

// Fixed so that shipped workflows can reference the credentials by id (n8n ids are 16 chars).
const STORE_CREDENTIAL: CredentialRef = {
	id: 'leadMonitorStore',
	name: 'Lead Monitor Store (embedded)',
	type: 'leadMonitorStoreApi',
};
const IMPORT_API_KEY_CREDENTIAL: CredentialRef = { id: 'leadImportApiKey', name: 'Lead Import API Key', type: 'httpHeaderAuth' };
const GATEWAY_CREDENTIAL: CredentialRef = { id: 'outreachGateway', name: 'Outreach Gateway (demo)', type: 'outreachGatewayApi' };
const DEMO_GATEWAY_APP_ID = 'lead-monitor-demo';
const IMPORT_API_KEY_HEADER = 'X-API-Key';
/** The console's accounts npm start creates: the first administrator, and one marketing and one read-only account for the sample. */
const CONSOLE_ACCOUNTS = {
	admin: { username: 'admin', displayName: '系统管理员', role: 'admin' },
	marketing: { username: 'marketing', displayName: '营销专员（示例）', role: 'marketing' },
	viewer: { username: 'viewer', displayName: '只读用户（示例）', role: 'viewer' },
} as const;

export type StartConfig = ReturnType<typeof resolveStartConfig>;
export type QueueConfig = NonNullable<StartConfig['queue']>;
export type QueueWorker = QueueConfig['workers'][number];

/** How many `n8n worker` processes queue mode starts beside the main process. */
const DEFAULT_WORKER_COUNT = 2;
/** Workers' ports start this far above the main port: each takes three (n8n, its task broker, its health check). */
const WORKER_PORT_OFFSET = 10;

function parsePort(text: string, variableName: string): number {
	const port = Number(text);
	// The task broker takes port + 1 and the demo gateway port + 2, so the main port must leave room.
	if (!Number.isInteger(port) || port < 1 || port > 65533) {
		throw new Error(`${variableName}="${text}" is not a usable port (1–65533)`);
	}
	return port;
}

/** The checkout: these scripts run from their sources (under jest) and built, from .cache/scripts. */
function findRepoRoot(): string {
	for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
		const manifest = path.join(dir, 'package.json');
		if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === PACKAGE_NAME) return dir;
	}
	throw new Error(`No ${PACKAGE_NAME} package.json above ${__dirname}`);
}

/**
 * Queue mode (LEAD_MONITOR_QUEUE=1, `npm run start:queue`): n8n's own data in a PostgreSQL
 * database of its own, Redis between the main process and the workers, the store on PostgreSQL
 * (the embedded PGlite is one process's), and each worker with a user folder of its own.
 */
function resolveQueueConfig(env: NodeJS.ProcessEnv, userFolder: string, port: number) {
	if (env.LEAD_MONITOR_QUEUE !== '1') return undefined;
	const workerCount = Number(env.LEAD_MONITOR_WORKERS ?? DEFAULT_WORKER_COUNT);
	if (!Number.isInteger(workerCount) || workerCount < 1 || workerCount > 8) {
		throw new Error(`LEAD_MONITOR_WORKERS="${env.LEAD_MONITOR_WORKERS}" is not a worker count (1–8)`);
	}
	return {
		postgres: {
			host: env.LEAD_MONITOR_PGHOST || '127.0.0.1',
			port: Number(env.LEAD_MONITOR_PGPORT || 5432),
			user: env.LEAD_MONITOR_PGUSER || 'postgres',
			password: env.LEAD_MONITOR_PGPASSWORD || '',
		},
		/** n8n's own database (workflows, credentials, executions). */
		n8nDatabase: env.LEAD_MONITOR_N8N_DATABASE || 'n8n_queue',
		/** The Lead Monitor store's database. */
		storeDatabase: env.LEAD_MONITOR_STORE_DATABASE || 'lead_monitor_queue',
		redis: { host: env.LEAD_MONITOR_REDIS_HOST || '127.0.0.1', port: Number(env.LEAD_MONITOR_REDIS_PORT || 6379) },
		/**
		 * Uploads (binary data) in one folder every process reads: n8n 2.40.7's database mode keeps a
		 * webhook's upload in binary_data under the source "temp" for good (its rename moves the file
		 * id, not the source, so the execution's deletion never finds it). Across machines: a shared volume.
		 */
		binaryDataDir: env.LEAD_MONITOR_BINARY_DATA_DIR || path.join(userFolder, '.n8n', 'storage'),
		/** Bull's key prefix in Redis: two installations on one Redis must differ. */
		bullPrefix: env.LEAD_MONITOR_QUEUE_PREFIX || 'lead-monitor',
		workers: Array.from({ length: workerCount }, (_, index) => {
			const first = port + WORKER_PORT_OFFSET + 3 * index;
			const name = `worker-${index + 1}`;
			return { name, userFolder: `${userFolder}-${name}`, port: parsePort(String(first), `worker ${index + 1}'s port`), healthPort: first + 2 };
		}),
	};
}

export function resolveStartConfig(env: NodeJS.ProcessEnv = process.env) {
	const repoRoot = findRepoRoot();
	const cacheDir = path.join(repoRoot, '.cache');
	const port = env.LEAD_MONITOR_PORT
		? parsePort(env.LEAD_MONITOR_PORT, 'LEAD_MONITOR_PORT')
		: DEFAULT_PORT;
	const queued = env.LEAD_MONITOR_QUEUE === '1';
	// n8n itself (2.8 GB) is kept per user, outside the checkout, so every clone and CI run reuses one install.
	const sharedCache = path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), PACKAGE_NAME);
	const n8nDir = path.resolve(env.LEAD_MONITOR_N8N_DIR || path.join(sharedCache, `n8n-${N8N_VERSION}`));
	const userFolder = path.resolve(
		env.LEAD_MONITOR_N8N_USER_FOLDER || path.join(cacheDir, queued ? 'n8n-user-queue' : 'n8n-user'),
	);
	const n8nDataDir = path.join(userFolder, '.n8n');
	const baseUrl = `http://${LISTEN_HOST}:${port}`;

	return {
		repoRoot,
		packageName: PACKAGE_NAME,
		n8nVersion: N8N_VERSION,
		n8nDir,
		n8nBin: path.join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'),
		userFolder,
		n8nDataDir,
		databaseFile: path.join(n8nDataDir, 'database.sqlite'),
		communityNodesDir: path.join(n8nDataDir, 'nodes'),
		logFile: path.join(userFolder, 'n8n.log'),
		pidFile: path.join(userFolder, 'n8n.pid'),
		ownerFile: path.join(userFolder, 'owner.json'),
		secretsFile: path.join(userFolder, 'lead-monitor-secrets.json'),
		stateFile: path.join(userFolder, 'lead-monitor-start-state.json'),
		importStagingDir: path.join(userFolder, 'lead-monitor', 'import'),
		storeDataDir: path.join(userFolder, 'lead-monitor', 'pglite'),
		workflowsDir: path.join(repoRoot, 'workflows'),
		host: LISTEN_HOST,
		port,
		brokerPort: port + 1,
		baseUrl,
		// Queue mode's store is on PostgreSQL; the id (which the workflows reference) stays.
		storeCredential: queued ? { ...STORE_CREDENTIAL, name: 'Lead Monitor Store (PostgreSQL)' } : STORE_CREDENTIAL,
		importApiKeyCredential: IMPORT_API_KEY_CREDENTIAL,
		importApiKeyHeader: IMPORT_API_KEY_HEADER,
		consoleUrl: `${baseUrl}/webhook/console`,
		consoleAccounts: CONSOLE_ACCOUNTS,
		gatewayCredential: GATEWAY_CREDENTIAL,
		demoGatewayAppId: DEMO_GATEWAY_APP_ID,
		// The demo gateway listens beside n8n (port + 1 is n8n's task broker).
		demoGatewayPort: port + 2,
		demoGatewayUrl: `http://${LISTEN_HOST}:${port + 2}`,
		queue: resolveQueueConfig(env, userFolder, port),
	};
}
