// The demo credentials' secrets (store keys, import API key, gateway secret) and the console
// accounts' first passwords, generated once and kept beside the n8n user folder. Losing the
// store keys makes stored ID hashes unmatchable and stored phones unreadable, hence a file.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { requireBuilt } from './builtPackage';
import type { StartConfig } from './config';

const OWNER_ONLY = 0o600;

const SECRET_FIELDS = ['hashingKey', 'encryptionKey', 'importApiKey', 'gatewaySecret'] as const;

/** The console accounts' first passwords (lib/staff's generatePassword: a person types them). */
const PASSWORD_FIELDS = ['consoleAdminPassword', 'consoleMarketingPassword', 'consoleViewerPassword'] as const;

export type Secrets = Record<(typeof SECRET_FIELDS)[number] | (typeof PASSWORD_FIELDS)[number], string> & { createdAt: string };

/** `created` says the store keys are new. */
export interface LoadedSecrets {
	secrets: Secrets;
	created: boolean;
}

function randomKey(): string {
	return crypto.randomBytes(32).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 32);
}


/** Writes JSON readable by the owner only (the mode is applied on creation and re-applied after). */
export function writePrivateJson(file: string, value: unknown): void {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`, { mode: OWNER_ONLY });
	fs.chmodSync(file, OWNER_ONLY);
}

export function readPrivateJson<T>(file: string): T | undefined {
	if (!fs.existsSync(file)) return undefined;
	fs.chmodSync(file, OWNER_ONLY);
	return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

/** Loads the secrets, generating any that are missing. */
export function loadOrCreateSecrets(config: StartConfig): LoadedSecrets {
	const existing = readPrivateJson<Partial<Secrets>>(config.secretsFile) ?? {};
	const created = !existing.hashingKey || !existing.encryptionKey;
	const missingKeys = SECRET_FIELDS.filter((field) => !existing[field]);
	const missingPasswords = PASSWORD_FIELDS.filter((field) => !existing[field]);
	if (missingKeys.length === 0 && missingPasswords.length === 0) return { secrets: existing as Secrets, created };
	const secrets = { ...existing, createdAt: existing.createdAt ?? new Date().toISOString() };
	for (const field of missingKeys) secrets[field] = randomKey();
	for (const field of missingPasswords) secrets[field] = requireBuilt(config, 'lib/staff').generatePassword();
	writePrivateJson(config.secretsFile, secrets);
	return { secrets: secrets as Secrets, created };
}
