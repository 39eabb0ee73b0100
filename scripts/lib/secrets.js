'use strict';
// The demo credentials' secrets (store keys, import API key, board password), generated once
// and kept beside the n8n user folder. Losing the store keys makes stored ID hashes
// unmatchable and stored phones unreadable, hence a file.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const OWNER_ONLY = 0o600;

function randomKey() {
	return crypto.randomBytes(32).toString('base64');
}

/** Writes JSON readable by the owner only (the mode is applied on creation and re-applied after). */
function writePrivateJson(file, value) {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`, { mode: OWNER_ONLY });
	fs.chmodSync(file, OWNER_ONLY);
}

function readPrivateJson(file) {
	if (!fs.existsSync(file)) return undefined;
	fs.chmodSync(file, OWNER_ONLY);
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

const SECRET_FIELDS = ['hashingKey', 'encryptionKey', 'importApiKey', 'boardPassword', 'gatewaySecret'];

/** Loads the secrets, generating any that are missing; `created` says the store keys are new. */
function loadOrCreateSecrets(config) {
	const existing = readPrivateJson(config.secretsFile) ?? {};
	const created = !existing.hashingKey || !existing.encryptionKey;
	const missing = SECRET_FIELDS.filter((field) => !existing[field]);
	if (missing.length === 0) return { secrets: existing, created };
	const secrets = { ...existing, createdAt: existing.createdAt ?? new Date().toISOString() };
	for (const field of missing) secrets[field] = randomKey().replace(/[^A-Za-z0-9]/g, '').slice(0, 32);
	writePrivateJson(config.secretsFile, secrets);
	return { secrets, created };
}

module.exports = { loadOrCreateSecrets, writePrivateJson, readPrivateJson };
