/**
 * 10 k hits through the shipped push-by-frequency workflow, as tier B's run (Lead Store →
 * Push Gate → Switch's routing → SMS → Lead Store status), run by n8n's real engine, sending to the reference
 * gateway on 127.0.0.1 in a process of its own. Target: ≤ 10 s for Push Gate + SMS, zero
 * duplicates.
 *
 *   npm run bench:build && NODE_OPTIONS=--experimental-vm-modules npx node .cache/bench/bench/push/run.js [hits=10000] [store=postgres|pglite]
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

import { closeWorkflowHarness, storeCredential, type StoreKind, type TestCredential } from '../../test/harness';
import { TEST_APP_ID, TEST_APP_SECRET } from '../../test/gateway/referenceGateway';
import { ledgerRows, seedHits } from '../../test/push/pushFixtures';
import { nodeStore, runPushWorkflow, tierItem, useSavedPolicy, workflowKeys } from '../../test/push/workflowFixtures';
import { createBenchDatabase, peakRssMb, table } from '../lib/benchDatabase';
import type { GatewayCounts } from './gatewayProcess';

function startGateway(): Promise<{ child: ChildProcess; url: string }> {
	const child = fork(join(__dirname, 'gatewayProcess.js'), [], { stdio: 'inherit' });
	return new Promise((resolve, reject) => {
		child.once('error', reject);
		child.once('message', (message) => resolve({ child, url: (message as { url: string }).url }));
	});
}

function gatewayCounts(child: ChildProcess): Promise<GatewayCounts> {
	return new Promise((resolve) => {
		child.once('message', (message) => resolve((message as { counts: GatewayCounts }).counts));
		child.send('counts');
	});
}

async function main(): Promise<void> {
	const count = Number(process.argv[2] ?? 10_000);
	const kind = (process.argv[3] ?? 'postgres') as StoreKind;
	const database = await createBenchDatabase();
	const gateway = await startGateway();
	const gatewayCred: TestCredential = { type: 'outreachGatewayApi', id: 'outreachGateway', data: { baseUrl: gateway.url, appId: TEST_APP_ID, secret: TEST_APP_SECRET } };
	try {
		const storeCred = storeCredential(kind, { id: 'leadMonitorStore' });
		const store = await nodeStore(storeCred);
		await useSavedPolicy(store);
		const seedStarted = Date.now();
		const hits = await seedHits(store, workflowKeys, { leads: count, grade: () => 'B' });
		console.log(`seeded ${hits.length} leads with one pending B hit each in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s; store: ${kind}`);

		const started = Date.now();
		const run = await runPushWorkflow([storeCred, gatewayCred], { tiers: [tierItem('B', { grades: ['B'] })] });
		const wallMs = Date.now() - started;
		const sms = run.outreach.get('Send SMS');
		if (!sms || sms.error) throw sms?.error ?? new Error('Send SMS did not run');

		const nodeMs = (result: typeof run.gate, node: string) => result.runData[node]?.reduce((sum, task) => sum + task.executionTime, 0) ?? 0;
		const rows = [
			{ node: 'Lead Store: list pending hits', ms: nodeMs(run.gate, 'Pending Hits of Tier') },
			{ node: 'Push Gate (policy + ledger reservations)', ms: nodeMs(run.gate, 'Push Gate') },
			{ node: 'SMS (claim, decrypt, sign, send, record with the hit status)', ms: nodeMs(sms, 'Send SMS') },
		];
		const gateAndSms = rows[1].ms + rows[2].ms;
		console.log(
			table([
				...rows.map((row) => ({ what: row.node, seconds: (row.ms / 1000).toFixed(2), 'hits/s': Math.round(count / (row.ms / 1000)) })),
				{ what: 'Push Gate + SMS (the target: ≤ 10 s)', seconds: (gateAndSms / 1000).toFixed(2), 'hits/s': Math.round(count / (gateAndSms / 1000)) },
				{ what: 'whole workflow, wall clock', seconds: (wallMs / 1000).toFixed(2), 'hits/s': Math.round(count / (wallMs / 1000)) },
			]),
		);

		const counts = await gatewayCounts(gateway.child);
		const duplicates = counts.duplicateKeys + counts.duplicateRecipients;
		const ledger = await ledgerRows(store);
		const outcomes = sms.outputOf('Send SMS').reduce<Record<string, number>>((acc, item) => ({ ...acc, [String(item.outcome)]: (acc[String(item.outcome)] ?? 0) + 1 }), {});
		console.log(`gate: ${run.send.length} send now, ${run.held.length} held; SMS outcomes: ${JSON.stringify(outcomes)}`);
		console.log(`gateway (own process): ${counts.requests} requests, ${counts.messages} messages, ${duplicates} duplicates`);
		console.log(`ledger: ${ledger.filter((row) => row.state === 'sent').length} sent of ${ledger.length} rows; peak RSS ${peakRssMb()} MB`);
		if (duplicates > 0 || counts.messages !== count) process.exitCode = 1;
	} finally {
		await closeWorkflowHarness();
		gateway.child.send('stop');
		await database.drop();
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
