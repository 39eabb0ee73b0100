/**
 * Roster import through the shipped webhook workflow (lead-import-webhook.json), run by
 * n8n's real engine, against the floor: a raw COPY of the same CSV into a bare table.
 *
 *   npm run bench:import -- [rows=200000] [store=postgres|pglite]
 */
import { closeWorkflowHarness, runWorkflow, storeCredential, type StoreKind } from '../../test/harness';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { sampleRosterCsv } from '../../lib/sample/sampleRoster';
import { adminConnectionString } from '../../test/setup/testDatabase';
import { createBenchDatabase, peakRssMb, table } from '../lib/benchDatabase';

async function main(): Promise<void> {
	const rows = Number(process.argv[2] ?? 200_000);
	const store = (process.argv[3] ?? 'postgres') as StoreKind;
	const csv = Buffer.from([...sampleRosterCsv({ count: rows, seed: 7, badShare: 0.02, duplicateShare: 0.01 })].join(''));
	console.log(`roster: ${rows} rows, ${(csv.length / 1e6).toFixed(1)} MB CSV; store: ${store}`);
	const database = await createBenchDatabase();
	try {
		const floorMs = await rawCopy(database.name, csv);
		const rssBefore = peakRssMb();
		const started = Date.now();
		const run = await runWorkflow('workflows/lead-import-webhook.json', {
			credentials: [storeCredential(store, { id: 'leadMonitorStore' })],
			input: {
				items: [
					{
						json: { headers: {}, params: {}, query: {}, body: {} },
						binary: { data: { data: csv.toString('base64'), mimeType: 'text/csv', fileName: 'roster.csv' } },
					},
				],
			},
		});
		const workflowMs = Date.now() - started;
		if (run.error) throw run.error;
		const [report] = run.outputOf('Respond With Report');
		const added = (report.created as number) + (report.updated as number) + (report.rejectedCount as number) + (report.duplicateCount as number);
		console.log(
			table([
				{ what: 'raw COPY of the CSV into a bare table (floor)', seconds: (floorMs / 1000).toFixed(2), 'rows/s': Math.round(rows / (floorMs / 1000)), ratio: '1.0' },
				{
					what: `webhook workflow: cleanse + import (${store})`,
					seconds: (workflowMs / 1000).toFixed(2),
					'rows/s': Math.round(rows / (workflowMs / 1000)),
					ratio: (workflowMs / floorMs).toFixed(1),
				},
			]),
		);
		console.log(
			`report: read ${report.rowsRead}, created ${report.created}, updated ${report.updated}, rejected ${report.rejectedCount}, duplicates ${report.duplicateCount} (sum ${added})`,
		);
		console.log(`peak RSS: ${peakRssMb()} MB (before the workflow: ${rssBefore} MB; the CSV and its base64 copy are held in memory)`);
	} finally {
		await closeWorkflowHarness();
		await database.drop();
	}
}

async function rawCopy(database: string, csv: Buffer): Promise<number> {
	const client = new Client({ connectionString: adminConnectionString().replace(/\/postgres$/, `/${database}`) });
	await client.connect();
	try {
		await client.query('CREATE TABLE raw_roster (lead_id text, name text, phone text, id_number text, company text, industry text, source text, owner text)');
		const started = Date.now();
		await pipeline(Readable.from([csv]), client.query(copyFrom('COPY raw_roster FROM STDIN WITH (FORMAT csv, HEADER true)')));
		return Date.now() - started;
	} finally {
		await client.end();
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
