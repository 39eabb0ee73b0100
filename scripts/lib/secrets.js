'use strict';
// The store credential's two secrets, generated once and kept beside the n8n user folder.
// Losing them makes stored ID hashes unmatchable and stored phones unreadable, hence a file.
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

function loadOrCreateStoreSecrets(config) {
	const existing = readPrivateJson(config.secretsFile);
	if (existing?.hashingKey && existing?.encryptionKey) return { secrets: existing, created: false };
	const secrets = { hashingKey: randomKey(), encryptionKey: randomKey(), createdAt: new Date().toISOString() };
	writePrivateJson(config.secretsFile, secrets);
	return { secrets, created: true };
}

module.exports = { loadOrCreateStoreSecrets, writePrivateJson, readPrivateJson };
