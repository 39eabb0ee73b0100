// The environment every n8n process of `npm start` runs with: the CLI imports and the server
// must agree on the user folder (database, encryption key) and on the settings below.
import type { StartConfig } from './config';
import { pathWithCurrentNodeFirst, withoutNpmVariables } from './processes';

/** n8n calls home for these; this n8n runs on-premises and offline. */
const OFFLINE_SETTINGS = {
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false',
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_DYNAMIC_BANNERS_ENABLED: 'false',
	N8N_HIRING_BANNER_ENABLED: 'false',
	N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
	N8N_VERIFIED_PACKAGES_ENABLED: 'false',
	N8N_REINSTALL_MISSING_PACKAGES: 'false',
	N8N_AI_ENABLED: 'false',
	EXTERNAL_FRONTEND_HOOKS_URLS: '',
};

/** Modules that only fetch catalogues from n8n's servers (mcp-registry: api.n8n.io/api/mcp-servers). */
const INTERNET_ONLY_MODULES = ['mcp-registry'];

function disabledModules(env: NodeJS.ProcessEnv): string {
	const fromEnv = (env.N8N_DISABLED_MODULES ?? '').split(',').map((name) => name.trim()).filter(Boolean);
	return [...new Set([...fromEnv, ...INTERNET_ONLY_MODULES])].join(',');
}

/**
 * Under a test runner (NODE_ENV=test) n8n's CLI commands exit 0 without doing anything; the
 * end-to-end test's NODE_OPTIONS (--experimental-vm-modules, for PGlite inside jest) is jest's, not n8n's.
 */
function withoutTestRunnerVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
	const { NODE_ENV, JEST_WORKER_ID: _worker, NODE_OPTIONS, ...rest } = env;
	const nodeOptions = (NODE_OPTIONS ?? '').replace(/--experimental-vm-modules/g, '').trim();
	return {
		...rest,
		...(NODE_ENV === undefined || NODE_ENV === 'test' ? {} : { NODE_ENV }),
		...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}),
	};
}

/**
 * One process: n8n's data in SQLite in the user folder. Queue mode: in PostgreSQL, executions
 * handed to the workers through Bull on Redis, manual executions included, uploads in one
 * binary-data folder all processes share (config.ts says why not n8n's database).
 */
function databaseAndQueue(config: StartConfig): Record<string, string> {
	const queue = config.queue;
	if (!queue) return { DB_TYPE: 'sqlite' };
	return {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: queue.postgres.host,
		DB_POSTGRESDB_PORT: String(queue.postgres.port),
		DB_POSTGRESDB_DATABASE: queue.n8nDatabase,
		DB_POSTGRESDB_USER: queue.postgres.user,
		DB_POSTGRESDB_PASSWORD: queue.postgres.password,
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: queue.redis.host,
		QUEUE_BULL_REDIS_PORT: String(queue.redis.port),
		QUEUE_BULL_PREFIX: queue.bullPrefix,
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
		N8N_BINARY_DATA_STORAGE_PATH: queue.binaryDataDir,
	};
}

/** `encryptionKey`: queue mode's workers must decrypt credentials with the main process's key. */
export function n8nEnvironment(config: StartConfig, { encryptionKey }: { encryptionKey?: string } = {}): NodeJS.ProcessEnv {
	const env = withoutTestRunnerVariables(withoutNpmVariables(process.env));
	return {
		...env,
		PATH: pathWithCurrentNodeFirst(env),
		N8N_USER_FOLDER: config.userFolder,
		...databaseAndQueue(config),
		...(encryptionKey ? { N8N_ENCRYPTION_KEY: encryptionKey } : {}),
		N8N_LISTEN_ADDRESS: config.host,
		N8N_HOST: config.host,
		N8N_PORT: String(config.port),
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: config.baseUrl,
		N8N_WEBHOOK_URL: `${config.baseUrl}/`,
		// The task broker defaults to 5679; a second instance would collide there.
		N8N_RUNNERS_BROKER_PORT: String(config.brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: config.host,
		// Plain http on localhost: a Secure cookie would never be sent back.
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		GENERIC_TIMEZONE: 'Asia/Shanghai',
		// n8n serves every webhook answer with "Content-Security-Policy: sandbox" (no same origin):
		// a page in it has an opaque origin, so it cannot keep the console's session cookie or call
		// the console's API. The console needs it off (the README says what that means).
		N8N_INSECURE_DISABLE_WEBHOOK_IFRAME_SANDBOX: 'true',
		// The console's workflow saves no execution data, but n8n writes each execution (the
		// request, a password or session cookie in it) when it starts and only soft-deletes it at
		// the end; its pruning hard-deletes such rows every 15 minutes by default. Every minute here.
		EXECUTIONS_DATA_PRUNE_HARD_DELETE_INTERVAL: '1',
		// n8n 2.x evaluates expressions in an isolate (N8N_EXPRESSION_ENGINE=vm) and by default
		// takes a fresh one for every execution, used or not: with 50 people on the console, a
		// webhook answered at once served 14 calls/s that way and 40 when its execution took an
		// isolate only for an expression it evaluated (the console's reads evaluate none).
		N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true',
		...OFFLINE_SETTINGS,
		N8N_DISABLED_MODULES: disabledModules(env),
	};
}
