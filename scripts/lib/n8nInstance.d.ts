// Types for n8nInstance.js, for the TypeScript tests that drive a real n8n.
import type { ChildProcess } from 'node:child_process';

export interface CredentialRef {
	id: string;
	name: string;
	type: string;
}

export interface InstanceConfig {
	repoRoot: string;
	packageName: string;
	n8nVersion: string;
	n8nDir: string;
	userFolder: string;
	n8nDataDir: string;
	communityNodesDir: string;
	logFile: string;
	storeDataDir: string;
	workflowsDir: string;
	host: string;
	port: number;
	brokerPort: number;
	baseUrl: string;
	storeCredential: CredentialRef;
	importApiKeyCredential: CredentialRef;
	boardLoginCredential: CredentialRef;
	importApiKeyHeader: string;
	boardUser: string;
}

/** A credential as `n8n import:credentials` takes it; `secret` is only used to check n8n encrypted it. */
export interface CredentialRecord extends CredentialRef {
	data: Record<string, unknown>;
	secret: string;
}

export interface DemoSecrets {
	hashingKey: string;
	encryptionKey: string;
	importApiKey: string;
	boardPassword: string;
}

export interface ImportedWorkflow {
	fileName: string;
	workflow: { id: string; name?: string; nodes: Array<{ type: string; name: string; parameters?: Record<string, unknown>; disabled?: boolean }> };
}

export interface ProcessExit {
	code: number | null;
	signal: NodeJS.Signals | null;
}

export interface N8nServer {
	child: ChildProcess;
	exited: Promise<ProcessExit>;
	hasExited(): boolean;
}

export interface RunningInstance {
	server: N8nServer;
	login: { email: string; password: string };
	cookie: string;
}

export function findFreePortPair(from: number): Promise<number>;
export function instanceConfig(options: { userFolder: string; port: number; workflowsDir?: string }): InstanceConfig;
export function prepareInstance(
	config: InstanceConfig,
	options?: { credentials?: CredentialRecord[] },
): Promise<{ secrets: DemoSecrets; workflows: ImportedWorkflow[]; credentials: CredentialRecord[] }>;
export function startInstance(
	config: InstanceConfig,
	workflows: ImportedWorkflow[],
	options?: { onSpawn?: (server: N8nServer) => void },
): Promise<RunningInstance>;
export function deactivateScheduledWorkflows(config: InstanceConfig, cookie: string, workflows: ImportedWorkflow[]): Promise<string[]>;
export function loadedPackageNodeTypes(config: InstanceConfig, cookie: string): Promise<string[]>;
export function stopInstance(server: N8nServer | undefined): Promise<(ProcessExit & { description: string }) | undefined>;
export function killInstanceNow(server: N8nServer | undefined): void;
export function logTail(config: InstanceConfig, count?: number): string;
