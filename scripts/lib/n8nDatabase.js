'use strict';
// Read-only look-ups in n8n's SQLite database, made while n8n is stopped, to decide whether an
// import is needed at all (each n8n CLI command costs seconds to boot).
const fs = require('node:fs');
const path = require('node:path');

function loadSqlite(config) {
	return require(path.join(config.n8nDir, 'node_modules', 'sqlite3'));
}

function openDatabase(config) {
	const sqlite3 = loadSqlite(config);
	return new Promise((resolve, reject) => {
		const db = new sqlite3.Database(config.databaseFile, sqlite3.OPEN_READWRITE, (error) =>
			error ? reject(error) : resolve(db),
		);
	});
}

function all(db, sql, params) {
	return new Promise((resolve, reject) => {
		db.all(sql, params, (error, rows) => (error ? reject(error) : resolve(rows)));
	});
}

function close(db) {
	return new Promise((resolve) => db.close(() => resolve()));
}

/** Runs one query; an absent database (n8n never ran) reads as no rows. */
async function queryN8nDatabase(config, sql, params = []) {
	if (!fs.existsSync(config.databaseFile)) return [];
	const db = await openDatabase(config);
	try {
		return await all(db, sql, params);
	} catch (error) {
		// A database n8n created but has not migrated yet has no tables.
		if (/no such table/.test(error.message)) return [];
		throw error;
	} finally {
		await close(db);
	}
}

async function findCredential(config, id) {
	const rows = await queryN8nDatabase(config, 'SELECT id, name, type, data FROM credentials_entity WHERE id = ?', [id]);
	return rows[0];
}

async function existingWorkflowIds(config, ids) {
	if (ids.length === 0) return new Set();
	const placeholders = ids.map(() => '?').join(', ');
	const rows = await queryN8nDatabase(config, `SELECT id FROM workflow_entity WHERE id IN (${placeholders})`, ids);
	return new Set(rows.map((row) => row.id));
}

module.exports = { findCredential, existingWorkflowIds };
