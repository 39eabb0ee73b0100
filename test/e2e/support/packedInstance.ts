import * as fs from 'node:fs';
import * as path from 'node:path';

import {
	deactivateScheduledWorkflows,
	findFreePortPair,
	instanceConfig,
	killInstanceNow,
	prepareInstance,
	startInstance,
	stopInstance,
	type CredentialRecord,
	type DemoSecrets,
	type InstanceConfig,
	type N8nServer,
} from '../../../scripts/lib/n8nInstance';
import { buildAndPack, installTarball } from '../../../scripts/lib/packageTarball';
import { createE2ePaths, removeE2ePaths, type E2ePaths } from './e2ePaths';
import { gatewayCredential, ReferenceGateway } from './gateway';
import { killOnExit } from './processGuard';
import { pushScheduleOff, stageWorkflows } from './stagedWorkflows';

/**
 * The packed package in a real n8n, as leadMonitor.e2e's steps 1–3 set it up (pack, install
 * the tarball, every shipped workflow and the test's own, the reference gateway, schedule-only
 * workflows switched off), for an e2e file that needs the running product and not the checks
 * of its installation. Filled as it goes: after a failure, stopPackedInstance cleans up what was made.
 */
export interface PackedInstance {
	paths?: E2ePaths;
	config?: InstanceConfig;
	packageDir?: string;
	gateway?: ReferenceGateway;
	secrets?: DemoSecrets;
	credentials?: CredentialRecord[];
	server?: N8nServer;
	unguard?: () => void;
}

export interface PackedInstanceOptions {
	/** Credentials of the test's own beside the reference gateway's (the alerts' SMTP and robot). */
	credentials?: CredentialRecord[];
	/** Changes the staged copies of the workflows before n8n imports them. */
	adjustWorkflows?: (workflowsDir: string) => void;
}

export async function startPackedInstance(
	instance: PackedInstance,
	firstPort: number,
	options: PackedInstanceOptions = {},
): Promise<Required<Omit<PackedInstance, 'unguard'>>> {
	const paths = createE2ePaths('e2e', { keepOutput: true });
	instance.paths = paths;
	const config = instanceConfig({ userFolder: paths.userFolder, port: await findFreePortPair(firstPort), workflowsDir: path.join(paths.root, 'workflows') });
	instance.config = config;

	const packageDir = await installTarball(config, await buildAndPack(config, paths.packDir, paths.stepLog), paths.stepLog);
	instance.packageDir = packageDir;
	const shippedDir = path.join(packageDir, 'dist', 'workflows');
	const ownDir = path.join(__dirname, '..', 'workflows');
	stageWorkflows(
		[...fs.readdirSync(shippedDir).filter((name) => name.endsWith('.json')).map((name) => path.join(shippedDir, name)), ...fs.readdirSync(ownDir).map((name) => path.join(ownDir, name))],
		config.workflowsDir,
	);
	pushScheduleOff(path.join(config.workflowsDir, 'push-by-frequency.json'));
	options.adjustWorkflows?.(config.workflowsDir);

	const gateway = await ReferenceGateway.start();
	instance.gateway = gateway;
	const prepared = await prepareInstance(config, { credentials: [gatewayCredential(gateway), ...(options.credentials ?? [])] });
	instance.secrets = prepared.secrets;
	instance.credentials = prepared.credentials;
	const started = await startInstance(config, prepared.workflows, {
		onSpawn: (server) => {
			instance.server = server;
			instance.unguard = killOnExit(() => {
				killInstanceNow(server);
				removeE2ePaths(instance.paths);
			});
		},
	});
	await deactivateScheduledWorkflows(config, started.cookie, prepared.workflows);
	return { paths, config, packageDir, gateway, secrets: prepared.secrets, credentials: prepared.credentials, server: started.server };
}

/** Stops n8n (SIGTERM) and the gateway, keeps n8n's log in test-output/e2e, removes the temp folder. */
export async function stopPackedInstance(instance: PackedInstance, logName = 'n8n.log'): Promise<void> {
	if (instance.server && !instance.server.hasExited()) await stopInstance(instance.server).catch(() => killInstanceNow(instance.server));
	await instance.gateway?.close();
	if (instance.config && instance.paths && fs.existsSync(instance.config.logFile)) fs.copyFileSync(instance.config.logFile, path.join(instance.paths.outputDir, logName));
	instance.unguard?.();
	removeE2ePaths(instance.paths);
	Object.assign(instance, { server: undefined, gateway: undefined, paths: undefined, unguard: undefined });
}
