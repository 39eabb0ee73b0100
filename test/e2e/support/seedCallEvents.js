'use strict';
// PLACEHOLDER until the Call Log Ingest node ships: writes call events straight into the
// embedded store, with the installed package's own store and hashing code. Runs in a child
// process while n8n is stopped (PGlite allows one process per data folder), and exits.
// Usage: node seedCallEvents.js <input.json>  with { packageDir, credential, events: [
//   { idNumber, institution, eventType, date: 'YYYY-MM-DD', time: 'HH:mm:ss', requestId } ] }
const fs = require('node:fs');
const path = require('node:path');

async function main() {
	const input = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
	const fromPackage = (module) => require(path.join(input.packageDir, 'dist', module));
	const { storeConfigFromCredential, privacyKeysFromCredential } = fromPackage('nodes/shared/transport/storeCredentials');
	const { openStore, closeAllStores } = fromPackage('lib/store');
	const { keyedHash } = fromPackage('lib/privacy');

	const store = await openStore(storeConfigFromCredential(input.credential));
	const { hashKey } = privacyKeysFromCredential(input.credential);
	try {
		for (const day of new Set(input.events.map((event) => event.date))) {
			const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
			await store.exec(
				`CREATE TABLE IF NOT EXISTS call_events_${day.replace(/-/g, '')} PARTITION OF call_events FOR VALUES FROM ('${day}') TO ('${next}')`,
			);
		}
		for (const event of input.events) {
			await store.query(
				`INSERT INTO call_events (event_date, occurred_at, hour_of_day, id_hash, institution, event_type, request_id, batch_id)
				 VALUES ($1::date, ($1 || ' ' || $2 || '+08')::timestamptz, $3, $4, $5, $6, $7, 'e2e-seed')`,
				[event.date, event.time, Number(event.time.slice(0, 2)), keyedHash(hashKey, event.idNumber), event.institution, event.eventType, event.requestId],
			);
		}
		const { rows } = await store.query('SELECT count(*)::int AS n FROM call_events');
		process.stdout.write(`${JSON.stringify({ inserted: input.events.length, total: rows[0].n })}\n`);
	} finally {
		await closeAllStores();
	}
}

main().catch((error) => {
	process.stderr.write(`${error.stack}\n`);
	process.exit(1);
});
