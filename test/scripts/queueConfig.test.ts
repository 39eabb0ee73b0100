import * as path from 'node:path';

import { resolveStartConfig } from '../../scripts/lib/config';
import { n8nEnvironment } from '../../scripts/lib/n8nEnvironment';
import { workerConfig } from '../../scripts/lib/n8nWorkers';
import { storeCredentialConnection } from '../../scripts/lib/storeConnection';

const QUEUE = { LEAD_MONITOR_QUEUE: '1', LEAD_MONITOR_PORT: '6000', LEAD_MONITOR_N8N_USER_FOLDER: '/srv/n8n-main' };

describe("npm start's queue mode settings", () => {
	it('keeps one process on SQLite and the embedded store by default', () => {
		const config = resolveStartConfig({ LEAD_MONITOR_PORT: '6000' });
		expect(config.queue).toBeUndefined();
		expect(n8nEnvironment(config)).toMatchObject({ DB_TYPE: 'sqlite' });
		expect(n8nEnvironment(config).EXECUTIONS_MODE).toBeUndefined();
		expect(storeCredentialConnection(config)).toMatchObject({ mode: 'embedded' });
	});

	it('puts n8n on PostgreSQL and Redis, the store on PostgreSQL, uploads in one shared folder, with two workers of their own', () => {
		const config = resolveStartConfig(QUEUE);
		const queue = config.queue!;
		expect(queue).toMatchObject({ n8nDatabase: 'n8n_queue', storeDatabase: 'lead_monitor_queue', bullPrefix: 'lead-monitor', binaryDataDir: '/srv/n8n-main/.n8n/storage' });
		expect(queue.workers).toEqual([
			{ name: 'worker-1', userFolder: '/srv/n8n-main-worker-1', port: 6010, healthPort: 6012 },
			{ name: 'worker-2', userFolder: '/srv/n8n-main-worker-2', port: 6013, healthPort: 6015 },
		]);
		expect(n8nEnvironment(config)).toMatchObject({
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_DATABASE: 'n8n_queue',
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: '6379',
			N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
			N8N_BINARY_DATA_STORAGE_PATH: '/srv/n8n-main/.n8n/storage',
		});
		expect(storeCredentialConnection(config)).toMatchObject({ mode: 'postgres', database: 'lead_monitor_queue', ssl: 'disable' });

		const worker = workerConfig(config, queue.workers[1]);
		expect(worker).toMatchObject({ userFolder: '/srv/n8n-main-worker-2', port: 6013, brokerPort: 6014, communityNodesDir: path.join('/srv/n8n-main-worker-2', '.n8n', 'nodes') });
		// The worker shares n8n's database and the uploads folder, and gets the main's key.
		expect(n8nEnvironment(worker, { encryptionKey: 'k'.repeat(32) })).toMatchObject({
			N8N_USER_FOLDER: '/srv/n8n-main-worker-2',
			DB_POSTGRESDB_DATABASE: 'n8n_queue',
			N8N_BINARY_DATA_STORAGE_PATH: '/srv/n8n-main/.n8n/storage',
			N8N_ENCRYPTION_KEY: 'k'.repeat(32),
		});
	});

	it('takes its databases, Redis and worker count from the environment, and refuses a bad count', () => {
		const config = resolveStartConfig({ ...QUEUE, LEAD_MONITOR_WORKERS: '3', LEAD_MONITOR_N8N_DATABASE: 'n8n_bank', LEAD_MONITOR_REDIS_PORT: '6380' });
		expect(config.queue?.workers).toHaveLength(3);
		expect(n8nEnvironment(config)).toMatchObject({ DB_POSTGRESDB_DATABASE: 'n8n_bank', QUEUE_BULL_REDIS_PORT: '6380' });
		expect(() => resolveStartConfig({ ...QUEUE, LEAD_MONITOR_WORKERS: 'two' })).toThrow('LEAD_MONITOR_WORKERS="two" is not a worker count (1–8)');
	});
});
