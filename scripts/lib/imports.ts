// Puts the demo credentials and the shipped workflows into n8n with its own CLI, before the
// server starts. Both imports are upserts by id, and both are skipped when nothing changed:
// re-importing a workflow deactivates it, and every CLI run costs seconds.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { CredentialRef, StartConfig } from './config';
import { runN8nCommand } from './n8nCli';
import { existingWorkflowIds, findCredential, type StoredCredential } from './n8nDatabase';
import { say } from './say';
import { storeCredentialConnection } from './storeConnection';
import { writePrivateJson, type LoadedSecrets, type Secrets } from './secrets';
import { readStartState, updateStartState } from './userFolder';

/** A credential as `n8n import:credentials` takes it; `secret` is only used to check n8n encrypted it. */
export interface CredentialRecord extends CredentialRef {
	data: Record<string, unknown>;
	secret: string;
}

/** The parts of an n8n workflow JSON that `npm start` looks at. */
export interface WorkflowJson {
	id: string;
	name?: string;
	nodes: Array<{ type: string; disabled?: boolean; credentials?: Record<string, { id: string; name: string }> }>;
	connections: object;
}

/** A workflow shipped in workflows/ (or the test's folder), as imported. */
export interface ShippedWorkflow {
	fileName: string;
	workflow: WorkflowJson;
}

/** The credentials the shipped workflows use, with this installation's generated secrets. */
function demoCredentialRecords(config: StartConfig, secrets: Secrets): CredentialRecord[] {
	return [
		{
			...config.storeCredential,
			data: {
				...storeCredentialConnection(config),
				hashingKey: secrets.hashingKey,
				encryptionKey: secrets.encryptionKey,
			},
			secret: secrets.hashingKey,
		},
		{
			...config.importApiKeyCredential,
			data: { name: config.importApiKeyHeader, value: secrets.importApiKey },
			secret: secrets.importApiKey,
		},
		{
			...config.gatewayCredential,
			data: { baseUrl: config.demoGatewayUrl, appId: config.demoGatewayAppId, secret: secrets.gatewaySecret },
			secret: secrets.gatewaySecret,
		},
	];
}

/** n8n 2.x encrypts a plain `data` object on import; this checks it really did. */
function assertStoredEncrypted(stored: StoredCredential, secret: string): void {
	const looksPlain = typeof stored.data !== 'string' || stored.data.trimStart().startsWith('{') || stored.data.includes(secret);
	if (looksPlain) {
		throw new Error(`n8n stored credential "${stored.name}" unencrypted; refusing to continue.`);
	}
}

/**
 * The demo credentials, where `replacements` (records of the same shape) take the place of
 * those with the same id or are added: the end-to-end test points the outreach gateway at its
 * own reference gateway.
 */
export function credentialRecords(config: StartConfig, secrets: Secrets, replacements: CredentialRecord[] = []): CredentialRecord[] {
	const replacedIds = new Set(replacements.map((record) => record.id));
	return [...demoCredentialRecords(config, secrets).filter((record) => !replacedIds.has(record.id)), ...replacements];
}

/** Imports the demo credentials that are not in n8n yet (an existing one keeps its secrets). */
export async function importDemoCredentials(
	config: StartConfig,
	{ secrets, created }: LoadedSecrets,
	replacements: CredentialRecord[] = [],
): Promise<void> {
	const records = credentialRecords(config, secrets, replacements);
	const missing: CredentialRecord[] = [];
	for (const record of records) {
		const existing = await findCredential(config, record.id);
		if (!existing) missing.push(record);
		else if (created && record.id === config.storeCredential.id) {
			say.warn(
				`${config.secretsFile} was missing and has been regenerated, but credential "${existing.name}" ` +
					'already exists in n8n and keeps its original keys: the new file does not match it.',
			);
		}
	}
	if (missing.length === 0) {
		say.step(`Credentials already in n8n: ${records.map((r) => r.name).join(', ')}.`);
		return;
	}
	say.step(`Importing credentials: ${missing.map((r) => `"${r.name}" (id ${r.id})`).join(', ')}…`);
	const inputFile = path.join(config.importStagingDir, 'credentials.json');
	writePrivateJson(inputFile, missing.map(({ secret: _secret, ...record }) => record));
	try {
		await runN8nCommand(config, ['import:credentials', `--input=${inputFile}`]);
	} finally {
		fs.rmSync(inputFile, { force: true }); // it holds the secrets in plain text
	}
	for (const record of missing) {
		const stored = await findCredential(config, record.id);
		if (!stored) throw new Error(`n8n import:credentials did not create credential ${record.id}; see ${config.logFile}`);
		assertStoredEncrypted(stored, record.secret);
	}
	say.detail(`stored encrypted by n8n; secrets kept in ${config.secretsFile}`);
}

/** Shipped workflows need an id, or every import would add a copy; derive a stable one if missing. */
function stableIdFor(fileName: string): string {
	return crypto.createHash('sha256').update(`lead-monitor:${fileName}`).digest('hex').slice(0, 16);
}

function readShippedWorkflows(config: StartConfig): ShippedWorkflow[] {
	if (!fs.existsSync(config.workflowsDir)) return [];
	const fileNames = fs.readdirSync(config.workflowsDir).filter((name) => name.endsWith('.json')).sort();
	const workflows: ShippedWorkflow[] = [];
	for (const fileName of fileNames) {
		let workflow: WorkflowJson;
		try {
			workflow = JSON.parse(fs.readFileSync(path.join(config.workflowsDir, fileName), 'utf8'));
		} catch (error) {
			say.warn(`Skipping workflows/${fileName}: not valid JSON (${error.message})`);
			continue;
		}
		if (!workflow || !Array.isArray(workflow.nodes) || typeof workflow.connections !== 'object') {
			say.warn(`Skipping workflows/${fileName}: not an n8n workflow (needs "nodes" and "connections")`);
			continue;
		}
		if (!workflow.id) {
			workflow.id = stableIdFor(fileName);
			say.warn(`workflows/${fileName} has no "id"; importing it as ${workflow.id}. Give it a fixed id.`);
		}
		workflows.push({ fileName, workflow });
	}
	return workflows;
}

function contentHash(workflows: ShippedWorkflow[]): string {
	const hash = crypto.createHash('sha256');
	for (const { fileName, workflow } of workflows) hash.update(fileName).update(JSON.stringify(workflow));
	return hash.digest('hex');
}

function stageWorkflows(config: StartConfig, workflows: ShippedWorkflow[]): string {
	const dir = path.join(config.importStagingDir, 'workflows');
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	for (const { fileName, workflow } of workflows) {
		fs.writeFileSync(path.join(dir, fileName), JSON.stringify(workflow, null, 2));
	}
	return dir;
}

export async function importShippedWorkflows(config: StartConfig): Promise<{ imported: boolean; workflows: ShippedWorkflow[] }> {
	const workflows = readShippedWorkflows(config);
	if (workflows.length === 0) {
		say.step('No shipped workflows in workflows/ yet; nothing to import.');
		return { imported: false, workflows };
	}
	const ids = workflows.map(({ workflow }) => workflow.id);
	const hash = contentHash(workflows);
	const state = readStartState(config);
	const present = await existingWorkflowIds(config, ids);
	if (state.workflowsHash === hash && ids.every((id) => present.has(id))) {
		say.step(`Shipped workflows unchanged (${workflows.length}); not re-imported.`);
		return { imported: false, workflows };
	}

	say.step(`Importing ${workflows.length} shipped workflow(s) (new or changed since the last start)…`);
	await runN8nCommand(config, ['import:workflow', '--separate', `--input=${stageWorkflows(config, workflows)}`]);
	const afterImport = await existingWorkflowIds(config, ids);
	const missing = workflows.filter(({ workflow }) => !afterImport.has(workflow.id));
	if (missing.length > 0) {
		const names = missing.map(({ fileName }) => fileName).join(', ');
		throw new Error(`n8n import:workflow did not import ${names}; see ${config.logFile}`);
	}
	for (const { fileName, workflow } of workflows) say.detail(`${workflow.id}  ${workflow.name ?? '(unnamed)'}  (${fileName})`);
	updateStartState(config, { workflowsHash: hash, workflowIds: ids });
	return { imported: true, workflows };
}
